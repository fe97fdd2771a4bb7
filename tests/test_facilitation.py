"""canvas/facilitation.py: ranking by votes, dots left, the next phase, a timer's text (no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from canvas.facilitation import (
    RankedItem,
    Target,
    canvas_dots,
    dots_left,
    format_seconds,
    items,
    my_votes,
    next_phase,
    ranking,
)
from canvas.models import Board, BoardSnapshot, Canvas, Cluster, Language, Note, Party, Phase, Vote, Zone

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
CANVAS, OTHER_CANVAS = 1, 2


def note(note_id: int, zone_id: int, position: float, *, author: str = "alice", cluster: int | None = None) -> Note:
    return Note(
        id=note_id,
        board_id=1,
        zone_id=zone_id,
        participant_id=author,
        author_name=None,
        party=Party.OTHER,
        text=f"note {note_id}",
        position=position,
        created_at=NOW,
        updated_at=NOW,
        cluster_id=cluster,
    )


def vote(vote_id: int, who: str, *, note_id: int | None = None, cluster_id: int | None = None, canvas: int = CANVAS):
    return Vote(id=vote_id, canvas_id=canvas, participant_id=who, note_id=note_id, cluster_id=cluster_id)


def snapshot(notes: list[Note], votes: list[Vote] = (), clusters: list[Cluster] = (), dots: int = 3) -> BoardSnapshot:
    """Canvas 1 has zones 10 (first) and 11 (second); canvas 2 has zone 20."""
    board = Board(id=1, code="ABC123", title="b", language=Language.NL, revision=1, created_at=NOW, vote_dots=dots)
    canvases = tuple(
        Canvas(id=i, board_id=1, template=None, title=str(i), layout="grid", sort_order=i, phase=Phase.VOTE)
        for i in (CANVAS, OTHER_CANVAS)
    )
    zones = tuple(
        Zone(id=z, canvas_id=c, key=str(z), band=None, title=str(z), prompt=None, sort_order=z)
        for z, c in ((10, CANVAS), (11, CANVAS), (20, OTHER_CANVAS))
    )
    return BoardSnapshot(
        board=board,
        canvases=canvases,
        zones=zones,
        notes=tuple(notes),
        participant_count=2,
        clusters=tuple(clusters),
        votes=tuple(votes),
    )


def texts(ranked: tuple[RankedItem, ...]) -> list[tuple[str, int, list[int]]]:
    return [(item.key, item.votes, [n.id for n in item.notes]) for item in ranked]


def test_ranking_orders_by_votes_and_keeps_board_order_on_ties() -> None:
    # Board order: zone 10 before zone 11, then position; note 3 sits in zone 10 behind note 1.
    notes = [note(1, 10, 1.0), note(2, 11, 1.0), note(3, 10, 2.0), note(4, 11, 2.0)]
    votes = [vote(1, "a", note_id=4), vote(2, "b", note_id=4), vote(3, "a", note_id=2)]
    assert [item.key for item in items(snapshot(notes, votes), CANVAS)] == ["n1", "n3", "n2", "n4"]
    assert texts(ranking(snapshot(notes, votes), CANVAS)) == [
        ("n4", 2, [4]),
        ("n2", 1, [2]),
        ("n1", 0, [1]),
        ("n3", 0, [3]),
    ]


def test_a_cluster_is_one_item_with_its_notes_and_counts_dots_on_them_too() -> None:
    group = Cluster(id=7, board_id=1, canvas_id=CANVAS, title="Samen")
    notes = [note(1, 10, 1.0), note(2, 10, 2.0, cluster=7), note(3, 11, 1.0, cluster=7)]
    votes = [vote(1, "a", cluster_id=7), vote(2, "b", note_id=3), vote(3, "b", note_id=1)]
    ranked = ranking(snapshot(notes, votes, [group]), CANVAS)
    assert texts(ranked) == [("c7", 2, [2, 3]), ("n1", 1, [1])]
    assert ranked[0].cluster == group and ranked[0].target == Target(cluster_id=7)
    assert ranked[1].target == Target(note_id=1)


def test_a_note_shows_its_own_dots_and_its_groups_and_the_group_counts_each_dot_once() -> None:
    group = Cluster(id=7, board_id=1, canvas_id=CANVAS, title="Samen")
    notes = [note(1, 10, 1.0), note(2, 10, 2.0, cluster=7), note(3, 11, 1.0, cluster=7)]
    votes = [vote(1, "a", cluster_id=7), vote(2, "b", cluster_id=7), vote(3, "b", note_id=3), vote(4, "a", note_id=1)]
    dots = canvas_dots(snapshot(notes, votes, [group]), CANVAS)
    # What the screens and the exports show on each note: own dots plus the group's.
    assert [dots.on_note(n) for n in notes] == [1, 2, 3]
    assert dots.of_group(7, notes[1:]) == 3 == ranking(snapshot(notes, votes, [group]), CANVAS)[0].votes
    assert dots.total == 4
    # A group of another canvas lends a note no dots.
    assert canvas_dots(snapshot(notes, votes, [group]), OTHER_CANVAS).on_note(notes[1]) == 0


def test_ranking_keeps_to_its_canvas_and_to_the_notes_the_viewer_sees() -> None:
    notes = [note(1, 10, 1.0), note(2, 20, 1.0)]
    votes = [vote(1, "a", note_id=2, canvas=OTHER_CANVAS)]
    assert texts(ranking(snapshot(notes, votes), CANVAS)) == [("n1", 0, [1])]
    assert texts(ranking(snapshot(notes, votes), OTHER_CANVAS)) == [("n2", 1, [2])]
    assert ranking(snapshot([]), CANVAS) == ()


def test_dots_left_and_my_votes_count_only_this_participant_on_this_canvas() -> None:
    notes = [note(1, 10, 1.0), note(2, 20, 1.0)]
    votes = [
        vote(1, "alice", note_id=1),
        vote(2, "alice", note_id=1),
        vote(3, "bob", note_id=1),
        vote(4, "alice", note_id=2, canvas=OTHER_CANVAS),
    ]
    board = snapshot(notes, votes, dots=3)
    assert my_votes(board, "alice", CANVAS) == {Target(note_id=1): 2}
    assert dots_left(board, "alice", CANVAS) == 1
    assert dots_left(board, "bob", CANVAS) == 2
    assert dots_left(board, "carol", CANVAS) == 3
    assert dots_left(board, "alice", OTHER_CANVAS) == 2
    # Fewer dots set after voting: none left, never a negative count.
    assert dots_left(snapshot(notes, votes, dots=1), "alice", CANVAS) == 0


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (Phase.OPEN, Phase.WRITE),
        (Phase.WRITE, Phase.REVEAL),
        (Phase.REVEAL, Phase.VOTE),
        (Phase.VOTE, Phase.DISCUSS),
        (Phase.DISCUSS, None),
    ],
)
def test_next_phase_walks_the_flow(phase: Phase, expected: Phase | None) -> None:
    assert next_phase(phase) is expected


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (5, "0:05"), (245, "4:05"), (600, "10:00"), (3600, "1:00:00"), (3723, "1:02:03"), (-3, "0:00")],
)
def test_format_seconds(seconds: int, text: str) -> None:
    assert format_seconds(seconds) == text
