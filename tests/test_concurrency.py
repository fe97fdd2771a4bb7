"""Whole writes under concurrency, on SQLite and PostgreSQL (see the ``store`` fixture).

Threads start together behind a barrier so the races the tester found actually race; nothing here waits on a
fixed sleep or asserts a duration.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest

from canvas.content import default_canvas
from canvas.demo import ensure_demo_board, load_demo
from canvas.models import (
    BoardCreate,
    CreatedBoard,
    NoteCreate,
    Participant,
    ParticipantCreate,
    RoundCreate,
    ScoreCreate,
)
from canvas.store import Store


def run_together(count: int, work: Callable[[int], object]) -> tuple[list[object], list[BaseException]]:
    """Run ``work(i)`` in ``count`` threads released at once; their results and their errors."""
    barrier = threading.Barrier(count)
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def body(index: int) -> None:
        barrier.wait()
        try:
            result = work(index)
        except BaseException as error:  # collected and asserted below, so a failure is never lost
            with lock:
                errors.append(error)
        else:
            with lock:
                results.append(result)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def zone_ids(store: Store, created: CreatedBoard) -> list[int]:
    return [z.id for z in store.load_snapshot(board_id=created.board.id).zones]


def test_board_and_its_first_canvas_are_one_write(store: Store) -> None:
    # A board is never visible without its canvas: whoever sees the board sees the canvas too.
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Heel"))
    snapshot = store.load_snapshot(board_id=created.board.id)
    assert snapshot.board.active_canvas_id == snapshot.canvases[0].id
    assert snapshot.revision == 1  # one write, one revision


def phones(store: Store, created: CreatedBoard, count: int) -> list[str]:
    """``count`` participants, one per writer thread (as in a workshop: one phone each)."""
    return [store.join(board_id=created.board.id, new=ParticipantCreate()).id for _ in range(count)]


def test_fifty_writers_of_twenty_notes_store_exactly_a_thousand(store: Store, created: CreatedBoard) -> None:
    zones = zone_ids(store, created)
    people = phones(store, created, 50)
    start = store.get_revision(board_id=created.board.id)

    def write(index: int) -> None:
        for i in range(20):
            new = NoteCreate(zone_id=zones[(index + i) % 2], text=f"{index}-{i}")
            store.add_note(board_id=created.board.id, participant_id=people[index], new=new)

    _, errors = run_together(50, write)
    assert errors == []
    snapshot = store.load_snapshot(board_id=created.board.id)
    assert len(snapshot.notes) == 1000
    assert snapshot.revision == start + 1000
    positions = Counter((note.zone_id, note.position) for note in snapshot.notes)
    assert [key for key, count in positions.items() if count > 1] == []  # no two notes share a place


def test_board_creation_while_notes_are_written(store: Store, created: CreatedBoard) -> None:
    zones = zone_ids(store, created)
    people = phones(store, created, 10)

    def work(index: int) -> object:
        if index < 20:
            return store.create_board(first_canvas=default_canvas(), new=BoardCreate(title=f"Bord {index}")).board.id
        for i in range(10):
            store.add_note(
                board_id=created.board.id,
                participant_id=people[index - 20],
                new=NoteCreate(zone_id=zones[0], text=f"{i}"),
            )
        return None

    results, errors = run_together(30, work)
    assert errors == []
    board_ids = {r for r in results if r is not None}
    assert len(board_ids) == 20
    for board_id in board_ids:
        assert len(store.load_snapshot(board_id=board_id).canvases) == 1


def test_six_concurrent_open_rounds_leave_one_open_round(store: Store, created: CreatedBoard) -> None:
    token = created.facilitator_token

    def open_one(index: int) -> int:
        return store.open_round(
            board_id=created.board.id, new=RoundCreate(title=f"{index}"), facilitator_token=token
        ).id

    _, errors = run_together(6, open_one)
    assert errors == []
    rounds = store.load_snapshot(board_id=created.board.id).rounds
    assert sorted(r.number for r in rounds) == [1, 2, 3, 4, 5, 6]
    assert [r.number for r in rounds if r.is_open] == [6]


def test_two_tabs_saving_the_same_score_keep_one_row(store: Store, created: CreatedBoard, alice: Participant) -> None:
    store.open_round(board_id=created.board.id, new=RoundCreate(), facilitator_token=created.facilitator_token)

    def save(index: int) -> None:
        for level in (1, 2, 3, 4, 5):
            new = ScoreCreate(dimension="legal", level=level, comment=f"tab {index}")
            store.save_score(board_id=created.board.id, participant_id=alice.id, new=new)

    _, errors = run_together(8, save)
    assert errors == []
    scores = store.load_snapshot(board_id=created.board.id).scores
    assert [(s.dimension, s.level) for s in scores] == [("legal", 5)]


def test_two_demo_clicks_at_once_make_one_demo_board(store: Store) -> None:
    results, errors = run_together(4, lambda _: ensure_demo_board(store))
    assert errors == []
    assert len({board.id for board, _ in results}) == 1
    assert sum(token is not None for _, token in results) == 1  # only the one that made it gets the secret
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM boards").scalar_one() == 1
    snapshot = store.load_snapshot(board_id=results[0][0].id)
    assert len(snapshot.notes) == len(load_demo().notes)


def test_joins_from_many_phones_at_once(store: Store, created: CreatedBoard) -> None:
    results, errors = run_together(
        40, lambda i: store.join(board_id=created.board.id, new=ParticipantCreate(display_name=f"p{i}")).id
    )
    assert errors == []
    assert store.load_snapshot(board_id=created.board.id).participant_count == len(set(results)) == 40


@pytest.mark.parametrize("collisions", [1, 3])
def test_a_taken_join_code_is_retried_on_the_unique_key(
    store: Store, monkeypatch: pytest.MonkeyPatch, collisions: int
) -> None:
    taken = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Eerst")).board.code
    drawn = iter([taken] * collisions + ["CDEFHJ"])
    monkeypatch.setattr("canvas.store._draw_join_code", lambda: next(drawn))
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Daarna"))
    assert created.board.code == "CDEFHJ"


def test_a_failure_after_the_board_row_leaves_no_board(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the server went away while laying out the first canvas")

    monkeypatch.setattr(Store, "_insert_canvas", broken)
    with pytest.raises(RuntimeError):
        store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Half"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM boards").scalar_one() == 0


def test_the_demo_board_is_all_or_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the server went away mid-demo")

    monkeypatch.setattr(Store, "show_canvas", broken)  # the demo's last step
    with pytest.raises(RuntimeError):
        ensure_demo_board(store)
    with store.engine.connect() as conn:
        for table in ("boards", "participants", "notes", "rounds", "scores"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one() == 0, table
