"""The demo board is built from content and only once."""

from urllib.parse import parse_qs

from canvas.demo import ensure_demo_board, load_demo, main
from canvas.store import Role, Store
from canvas.ui.screens import Screen


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


def test_the_demo_command_prints_the_console_link(sqlite_url: str, monkeypatch, capsys) -> None:
    """The facilitator link it prints once must open the console: the presentation swaps the secret away."""
    monkeypatch.setenv("CANVAS_DATABASE_URL", sqlite_url)
    main()
    printed = capsys.readouterr().out
    link = next(line for line in printed.splitlines() if "?board=" in line).split()[-1]
    path, query = link.split("?", 1)
    assert path == "/" + Screen.CONSOLE.url_path
    token = parse_qs(query)["f"][0]
    store = Store(sqlite_url)
    code = parse_qs(query)["board"][0]
    assert store.access(code=code, facilitator_token=token, viewer_key=None).role is Role.FACILITATOR
    store.close()
