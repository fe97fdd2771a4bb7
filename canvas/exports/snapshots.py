"""Named snapshots: the board's state saved under a name, and what changed between two of them.

A snapshot is the board's JSON export document (``schema.py``), stored whole. Two snapshots are
compared by meaning, not by reference: a note is the same note when it was created at the same moment
by the same person (name and party); it moved when its canvas or zone differs, and changed when its text
does. The radar compares the group's mean per part in the latest round of each snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import fmean
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from canvas.exports.schema import BoardDocument, DocNote
from canvas.i18n import t
from canvas.maturity import shown_change
from canvas.models import DIMENSION_KEYS, Language, Party

SNAPSHOT_NAME_MAX = 80


class SnapshotCreate(BaseModel):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SNAPSHOT_NAME_MAX)]


class SnapshotInfo(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: int
    board_id: int
    name: str
    created_at: datetime


@dataclass(frozen=True)
class NoteFacts:
    """A note as a reader sees it: where it is, what it says, who wrote it."""

    canvas: str
    zone: str
    text: str
    author: str | None
    party: Party
    by_facilitator: bool = False  # written by the facilitator for the room: no person's name, no party

    def author_label(self, language: Language) -> str:
        """Who wrote it, as the other exports say it: a name, "anonymous", or the facilitator."""
        if self.by_facilitator:
            return t("facilitation.room_author", language)
        return self.author or t("join.anonymous", language)

    def party_label(self, language: Language) -> str:
        return t("facilitation.room_party" if self.by_facilitator else f"party.{self.party.value}", language)


@dataclass(frozen=True)
class NoteChange:
    before: NoteFacts | None
    after: NoteFacts | None


@dataclass(frozen=True)
class RadarChange:
    dimension: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        """The change between the means as shown, as between two rounds (``maturity.shown_change``)."""
        return shown_change(self.before, self.after)


@dataclass(frozen=True)
class SnapshotDiff:
    added: tuple[NoteChange, ...]
    removed: tuple[NoteChange, ...]
    moved: tuple[NoteChange, ...]
    edited: tuple[NoteChange, ...]
    radar: tuple[RadarChange, ...]

    @property
    def unchanged_board(self) -> bool:
        return not (self.added or self.removed or self.moved or self.edited)


def _notes(document: BoardDocument) -> dict[tuple, NoteFacts]:
    people = {p.ref: p for p in document.participants}
    places = {z.ref: (c.label, z.label) for c in document.canvases for z in c.zones}

    def key(note: DocNote) -> tuple:
        person = people[note.author]
        return (note.created_at, person.name, person.party)

    result = {}
    for note in document.notes:
        person = people[note.author]
        canvas, zone = places[note.zone]
        result[key(note)] = NoteFacts(canvas, zone, note.text, person.name, person.party, person.facilitator)
    return result


def _latest_means(document: BoardDocument) -> dict[str, float | None]:
    if not document.rounds:
        return dict.fromkeys(DIMENSION_KEYS)
    latest = max(document.rounds, key=lambda r: r.number)
    levels: dict[str, list[int]] = {key: [] for key in DIMENSION_KEYS}
    for score in latest.scores:
        if score.level is not None:
            levels[score.dimension].append(score.level)
    return {key: fmean(values) if values else None for key, values in levels.items()}


def compare(before: BoardDocument, after: BoardDocument) -> SnapshotDiff:
    """What changed from ``before`` to ``after``: notes added, removed, moved, edited; radar means."""
    old, new = _notes(before), _notes(after)
    moved, edited = [], []
    for key in old.keys() & new.keys():
        a, b = old[key], new[key]
        if (a.canvas, a.zone) != (b.canvas, b.zone):
            moved.append(NoteChange(a, b))
        if a.text != b.text:
            edited.append(NoteChange(a, b))
    old_means, new_means = _latest_means(before), _latest_means(after)
    return SnapshotDiff(
        added=tuple(NoteChange(None, new[k]) for k in sorted(new.keys() - old.keys(), key=repr)),
        removed=tuple(NoteChange(old[k], None) for k in sorted(old.keys() - new.keys(), key=repr)),
        moved=tuple(sorted(moved, key=repr)),
        edited=tuple(sorted(edited, key=repr)),
        radar=tuple(RadarChange(key, old_means[key], new_means[key]) for key in DIMENSION_KEYS),
    )
