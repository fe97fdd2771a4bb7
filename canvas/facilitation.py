"""The facilitated flow as plain data: ranking by votes, a participant's dots, the next phase, a timer's text.

No Streamlit here: the phone, the console and the presentation draw from the same answers. Every function
reads a ``BoardSnapshot``; pass the one the viewer may see (``snapshot.for_viewer(...)``), so private notes
of a WRITE canvas never reach a ranking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from canvas.models import PHASE_FLOW, BoardSnapshot, Cluster, Note, Phase


class Target(NamedTuple):
    """What a dot goes on: a note or a cluster (exactly one of the two is set), as in ``Vote``."""

    note_id: int | None = None
    cluster_id: int | None = None


@dataclass(frozen=True)
class RankedItem:
    """One line of the ranking: a cluster with its notes, or a single note outside any cluster."""

    votes: int
    notes: tuple[Note, ...]
    cluster: Cluster | None = None

    @property
    def target(self) -> Target:
        if self.cluster is not None:
            return Target(cluster_id=self.cluster.id)
        return Target(note_id=self.notes[0].id)

    @property
    def key(self) -> str:
        """A stable name for widget keys: ``c12`` for a cluster, ``n34`` for a note."""
        return f"c{self.cluster.id}" if self.cluster is not None else f"n{self.notes[0].id}"


def notes_of_canvas(snapshot: BoardSnapshot, canvas_id: int) -> tuple[Note, ...]:
    """The canvas's notes in board order: zone by zone (in the canvas's zone order), then by position."""
    return tuple(note for zone in snapshot.zones_of(canvas_id) for note in snapshot.notes_in(zone.id))


@dataclass(frozen=True)
class CanvasDots:
    """The dots on one canvas, counted once, and what each note and group shows of them.

    The one place that says what "a note's dots" means: the screens (``board_view``), the ranking and every
    export ask here, so they cannot drift apart.
    """

    counts: Counter[Target]
    clusters: frozenset[int]  # the canvas's groups: a note's cluster_id counts only when it is one of these

    def on_note(self, note: Note) -> int:
        """What every screen shows on a note: its own dots plus its group's (a note counts for its group).

        Summed over a group's notes this counts the group's dots once per note: for the group as a whole see
        ``of_group``.
        """
        own = self.counts[Target(note_id=note.id)]
        return own + (self.counts[Target(cluster_id=note.cluster_id)] if note.cluster_id in self.clusters else 0)

    def of_group(self, cluster_id: int, members: Iterable[Note]) -> int:
        """A group as the ranking counts it: the dots on the group and on its notes (a note may have had dots
        before it was grouped)."""
        return self.counts[Target(cluster_id=cluster_id)] + sum(self.counts[Target(note_id=n.id)] for n in members)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def canvas_dots(snapshot: BoardSnapshot, canvas_id: int) -> CanvasDots:
    """Every dot of the canvas, counted in one pass over the board's votes."""
    return CanvasDots(
        counts=Counter(Target(v.note_id, v.cluster_id) for v in snapshot.votes if v.canvas_id == canvas_id),
        clusters=frozenset(c.id for c in snapshot.clusters_of(canvas_id)),
    )


def items(snapshot: BoardSnapshot, canvas_id: int) -> tuple[RankedItem, ...]:
    """The canvas's votable items in board order (a cluster stands where its first note stands), with votes.

    A cluster counts the dots on the cluster and on its notes (``CanvasDots.of_group``).
    """
    dots = canvas_dots(snapshot, canvas_id)
    clusters = {c.id: c for c in snapshot.clusters_of(canvas_id)}
    grouped: dict[int, list[Note]] = {}
    order: list[int | Note] = []  # a cluster id where its first note stands, else the note itself
    for note in notes_of_canvas(snapshot, canvas_id):
        if note.cluster_id in clusters:
            if note.cluster_id not in grouped:
                grouped[note.cluster_id] = []
                order.append(note.cluster_id)
            grouped[note.cluster_id].append(note)
        else:
            order.append(note)
    result = []
    for entry in order:
        if isinstance(entry, Note):
            result.append(RankedItem(dots.counts[Target(note_id=entry.id)], (entry,)))
        else:
            members = tuple(grouped[entry])
            result.append(RankedItem(dots.of_group(entry, members), members, clusters[entry]))
    return tuple(result)


def ranking(snapshot: BoardSnapshot, canvas_id: int) -> tuple[RankedItem, ...]:
    """The canvas's notes and clusters, most votes first; equal votes keep their board order."""
    return tuple(sorted(items(snapshot, canvas_id), key=lambda item: -item.votes))  # sorted() is stable


def my_votes(snapshot: BoardSnapshot, participant_id: str, canvas_id: int) -> Counter[Target]:
    """How many of this participant's dots lie on each note or cluster of the canvas."""
    return Counter(
        Target(v.note_id, v.cluster_id)
        for v in snapshot.votes
        if v.canvas_id == canvas_id and v.participant_id == participant_id
    )


def dots_left(snapshot: BoardSnapshot, participant_id: str, canvas_id: int) -> int:
    """Dots this participant may still put on the canvas (the board's ``vote_dots`` minus those used)."""
    used = sum(my_votes(snapshot, participant_id, canvas_id).values())
    return max(0, snapshot.board.vote_dots - used)


def next_phase(phase: Phase) -> Phase | None:
    """The step after ``phase``: OPEN -> WRITE -> REVEAL -> VOTE -> DISCUSS; None after DISCUSS."""
    if phase is Phase.OPEN:
        return PHASE_FLOW[0]
    index = PHASE_FLOW.index(phase)
    return PHASE_FLOW[index + 1] if index + 1 < len(PHASE_FLOW) else None


def format_seconds(seconds: int) -> str:
    """A countdown's text: ``4:05``; ``1:02:03`` from an hour on; never negative."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
