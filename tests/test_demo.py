"""The demo board is built from content and only once."""

from canvas.demo import ensure_demo_board, load_demo
from canvas.store import Store


def test_demo_board_is_created_once_with_its_notes_and_canvases(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    demo = load_demo()
    board, token = ensure_demo_board(store)
    assert token is not None and board.code == demo.code
    snapshot = store.load_snapshot(board_id=board.id)
    assert len(snapshot.notes) == len(demo.notes)
    assert {c.template for c in snapshot.canvases} == {note.canvas for note in demo.notes}
    assert snapshot.active_canvas.template == "collaboration"
    assert snapshot.participant_count == len(demo.participants)
    assert [r.title for r in snapshot.rounds] == [r.title for r in demo.rounds]
    assert snapshot.open_round is not None and snapshot.open_round.title == demo.rounds[-1].title
    assert len(snapshot.scores) == sum(len(levels) for r in demo.rounds for levels in r.levels)
    assert sum(s.level is None for s in snapshot.scores) == 1  # the one "don't know" in the file
    again, second_token = ensure_demo_board(store)
    assert (again.id, second_token) == (board.id, None)
    assert store.load_snapshot(board_id=board.id).revision == snapshot.revision  # nothing changed
    store.close()
