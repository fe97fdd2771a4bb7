"""What every export reads: the board's snapshot plus its participants, turned into shareable facts.

Exports never see a participant's secret id in their output: ``ExportSource.pseudonyms`` gives every
participant a stable public reference (``p1``, ``p2``, ...) instead, in a fixed order that survives an
export, an import and a second export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, cached_property

from canvas import palette
from canvas.board_view import canvas_title, zone_label
from canvas.i18n import t
from canvas.models import (
    DIMENSION_KEYS,
    Board,
    BoardSnapshot,
    Canvas,
    Language,
    Note,
    Participant,
    Party,
    Round,
    Score,
    Zone,
)

# Party colours as the board draws them (canvas/ui/board_component/board.css): pale paper, strong edge.
# The edges are the Okabe-Ito hues of canvas/charts.py; tests/test_exports.py keeps the three in step.
PARTY_EDGE = {
    Party.GOVERNMENT: "#0072B2",
    Party.CIVIC: "#E69F00",
    Party.FUNDER: "#009E73",
    Party.BUSINESS: "#CC79A7",
    Party.OTHER: "#6B6B6B",
}
PARTY_PAPER = {
    Party.GOVERNMENT: "#D8EAF7",
    Party.CIVIC: "#FFF0C2",
    Party.FUNDER: "#D3F0E3",
    Party.BUSINESS: "#F7DCEA",
    Party.OTHER: "#ECECEC",
}
# The app's dash per party (canvas/charts.py), as (dash, gap) in millimetres: radar outlines stay apart in grey.
PARTY_DASH = {
    Party.GOVERNMENT: (0, 0),
    Party.CIVIC: (1.6, 0.9),
    Party.FUNDER: (0.4, 0.7),
    Party.BUSINESS: (1.6, 0.7),
    Party.OTHER: (2.6, 0.9),
}
ROOF_COLOR = palette.ROOF
ZONE_BG = palette.ZONE_BG
FOUNDATION_BG = palette.FOUNDATION_BG
LINE_COLOR = palette.LINE
INK = palette.INK
MUTED = palette.MUTED
# The facilitator's notes for the room speak for no party: plain paper with an ink edge, never a party's colour
# (their author row is stored with the party "other" only because every author row has one).
ROOM_PAPER = "#FFFFFF"
ROOM_EDGE = INK
DOT = "\u25cf"  # BLACK CIRCLE: a note's dots, "● 3" (the bundled DejaVu Sans has it in both faces)


@dataclass(frozen=True)
class Swatch:
    """How a kind of note is drawn and named in a legend: a party, or the facilitator's notes for the room."""

    label: str
    paper: str
    edge: str
    outlined: bool = False  # white paper needs a thin outline to stand out from the zone


@cache
def hex_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


@dataclass(frozen=True)
class ExportSource:
    """The single input of every export format.

    Args:
        snapshot: the board at one revision, with rounds and scores.
        participants: everyone who joined (ids stay inside; outputs use ``pseudonyms``).
        exported_at: when the export was asked for (footers and file names).
        language: the language to write in; the board's own by default.
    """

    snapshot: BoardSnapshot
    participants: tuple[Participant, ...]
    exported_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    language: Language | None = None

    @property
    def lang(self) -> Language:
        return self.language or self.snapshot.board.language

    @property
    def board(self) -> Board:
        return self.snapshot.board

    @cached_property
    def people(self) -> dict[str, Participant]:
        """Everyone on the board by id; someone missing from the list but seen on a note or score still counts."""
        known = {p.id: p for p in self.participants}
        authored: tuple[Note | Score, ...] = (*self.snapshot.notes, *self.snapshot.scores)
        for item in authored:
            if item.participant_id not in known:
                known[item.participant_id] = Participant(
                    id=item.participant_id,
                    board_id=self.board.id,
                    display_name=item.author_name,
                    party=item.party,
                    created_at=self.board.created_at,
                )
        return known

    @cached_property
    def pseudonyms(self) -> dict[str, str]:
        """participant id -> ``p1``, ``p2``, ...: note authors in board order, then scorers, then the rest.

        Ties between people who did nothing that sets them apart are harmless: they are indistinguishable.
        """
        order = list(dict.fromkeys(note.participant_id for note in self.notes_in_board_order()))
        authors = set(order)

        def signature(pid: str) -> tuple:
            person = self.people[pid]
            scored = sorted(
                (self.round_number(s.round_id), DIMENSION_KEYS.index(s.dimension), s.level or 0, s.comment or "")
                for s in self.snapshot.scores
                if s.participant_id == pid
            )
            return (not scored, person.created_at, person.display_name or "", person.party.value, scored)

        order += sorted((pid for pid in self.people if pid not in authors), key=signature)
        return {pid: f"p{index + 1}" for index, pid in enumerate(order)}

    def round_number(self, round_id: int) -> int:
        return next((r.number for r in self.snapshot.rounds if r.id == round_id), 0)

    def notes_in_board_order(self) -> list[Note]:
        """Canvas by canvas, zone by zone, and within a zone in the order the board shows them."""
        ordered: list[Note] = []
        for canvas in self.snapshot.canvases:
            for zone in self.snapshot.zones_of(canvas.id):
                ordered.extend(self.snapshot.notes_in(zone.id))
        return ordered

    def canvas_title(self, canvas: Canvas) -> str:
        return canvas_title(canvas, self.lang)

    def zone_title(self, canvas: Canvas, zone: Zone) -> str:
        return zone_label(canvas, zone, self.lang)[0]

    def zone_prompt(self, canvas: Canvas, zone: Zone) -> str:
        return zone_label(canvas, zone, self.lang)[1]

    @cached_property
    def joined(self) -> tuple[Participant, ...]:
        """The people who took part: everyone but the facilitator's author row (its notes are for the room)."""
        return tuple(p for p in self.people.values() if not p.is_facilitator)

    def author(self, note: Note | Score) -> str:
        """The name a person gave, or "anonymous"; the facilitator for notes written for the room."""
        if isinstance(note, Note) and note.by_facilitator:
            return t("facilitation.room_author", self.lang)
        return note.author_name or t("join.anonymous", self.lang)

    def party(self, party: Party) -> str:
        return t(f"party.{party.value}", self.lang)

    @cached_property
    def _group_titles(self) -> dict[int, str]:
        return {cluster.id: cluster.title for cluster in self.snapshot.clusters}

    def group_title(self, note: Note) -> str | None:
        """The name of the group (cluster) the note is in, or None."""
        return self._group_titles.get(note.cluster_id) if note.cluster_id is not None else None

    def note_party(self, note: Note) -> str:
        """Whom a note speaks for: the author's party, or "for the room" for the facilitator's own notes."""
        return t("facilitation.room_party", self.lang) if note.by_facilitator else self.party(note.party)

    def byline(self, note: Note) -> str:
        return f"{self.author(note)} · {self.note_party(note)}"

    def swatch(self, note: Note) -> Swatch:
        if note.by_facilitator:
            return Swatch(t("facilitation.room_party", self.lang), ROOM_PAPER, ROOM_EDGE, outlined=True)
        return Swatch(self.party(note.party), PARTY_PAPER[note.party], PARTY_EDGE[note.party])

    def legend(self, notes: Iterable[Note]) -> list[Swatch]:
        """One entry per kind of note among ``notes``: the parties in their order, then the room's notes."""
        swatches = {(n.by_facilitator, n.party if not n.by_facilitator else None): self.swatch(n) for n in notes}
        parties = [swatches[(False, party)] for party in Party if (False, party) in swatches]
        return parties + ([swatches[(True, None)]] if (True, None) in swatches else [])

    def round_name(self, round_: Round) -> str:
        name = t("radar.round_name", self.lang, number=round_.number)
        return f"{name}: {round_.title}" if round_.title else name

    def score_author(self, score: Score) -> str:
        """Who scored: only when the facilitator shows names (as the radar page does), else the party alone."""
        if self.board.scores_public and score.author_name:
            return score.author_name
        return t("join.anonymous", self.lang)

    def party_counts(self) -> dict[Party, int]:
        counts = dict.fromkeys(Party, 0)
        for person in self.joined:
            counts[person.party] += 1
        return counts
