"""The host's command line: each sub-command, its output, and exit codes scripts can rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from canvas.cli import main
from canvas.content import default_canvas
from canvas.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CANVAS_DATABASE_URL", sqlite_url)
    return sqlite_url


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's usage errors and --help
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_list_export_import_delete(database: str, tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "code: NRDPRK" in out and "facilitator token: " in out
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "already existed" in out

    code, out, _ = run(capsys, "list")
    assert code == 0 and out.startswith("NRDPRK\t") and "Noorderpark (voorbeeld)" in out

    code, out, _ = run(capsys, "export", "nrdprk", "--format", "pdf", "--output", str(tmp_path))
    assert code == 0
    written = Path(out.strip())
    assert written.parent == tmp_path and written.name.startswith("noorderpark-voorbeeld-")
    assert "Noorderpark" in PdfReader(written).pages[0].extract_text()

    target = tmp_path / "board.json"
    assert run(capsys, "export", "NRDPRK", "--format", "json", "--output", str(target))[0] == 0
    assert json.loads(target.read_text())["board"]["title"] == "Noorderpark (voorbeeld)"

    code, out, _ = run(capsys, "import", str(target))
    assert code == 0
    new_code = out.split("code: ")[1].split()[0]
    token = out.split("facilitator token: ")[1].split()[0]
    store = Store(database)
    board = store.find_board(code=new_code)
    assert store.is_facilitator(board_id=board.id, token=token)
    assert len(store.load_snapshot(board_id=board.id).notes) == 18
    store.close()

    code, out, _ = run(capsys, "delete", "NRDPRK", "--yes")
    assert code == 0 and "Deleted NRDPRK" in out
    code, out, _ = run(capsys, "list")
    assert "NRDPRK" not in out and new_code in out


def test_refusals_exit_with_1_and_say_why(database: str, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "export", "ZZZZZZ", "--format", "json")
    assert code == 1 and "No board with code ZZZZZZ" in err
    assert run(capsys, "delete", "ZZZZZZ", "--yes")[0] == 1
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"cards": []}')
    code, _, err = run(capsys, "import", str(foreign))
    assert code == 1 and "does not come from Samenwerkingscanvas" in err
    code, _, err = run(capsys, "import", str(tmp_path / "missing.json"))
    assert code == 1 and "Cannot read" in err
    assert run(capsys, "list")[1] == ""  # nothing was written


def test_usage_errors_exit_with_2(database: str, capsys) -> None:
    assert run(capsys, "export", "NRDPRK", "--format", "xls")[0] == 2
    assert run(capsys, "export", "NRDPRK")[0] == 2  # --format is required
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys)[0] == 2


def test_python_dash_m_canvas_has_help_on_every_command(database: str) -> None:
    env = {**os.environ, "CANVAS_DATABASE_URL": database}
    for command in ([], ["demo"], ["list"], ["export"], ["import"], ["delete"]):
        result = subprocess.run(
            [sys.executable, "-m", "canvas", *command, "--help"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert "usage: python -m canvas" in result.stdout and "Exit codes" in result.stdout


def test_purge_deletes_expired_boards_and_keeps_the_rest(database: str, capsys, monkeypatch) -> None:
    from datetime import UTC, datetime, timedelta

    from canvas.models import BoardCreate

    store = Store(database)
    store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Oud"))
    kept = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Bewaard"))
    store.keep_board(board_id=kept.board.id, kept=True, facilitator_token=kept.facilitator_token)
    store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Vers"))
    later = datetime.now(UTC) + timedelta(days=store.settings.board_expiry_days + 1)
    # Today nothing has expired; a day past the expiry time, both unkept boards have.
    store.close()
    code, out, _ = run(capsys, "purge")
    assert (code, out.strip()) == (0, "Deleted 0 expired boards.")
    monkeypatch.setattr("canvas.store._now", lambda: later)
    code, out, _ = run(capsys, "purge")
    assert (code, out.strip()) == (0, "Deleted 2 expired boards.")
    store = Store(database)
    assert [board.code for board in store.list_boards()] == [kept.board.code]
    store.close()


def test_a_board_made_read_only_takes_no_writes_until_made_writable(database: str, capsys) -> None:
    from canvas.errors import BoardReadOnly
    from canvas.models import BoardCreate, ParticipantCreate

    store = Store(database)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Voorbeeld"))
    code, out, _ = run(capsys, "read-only", created.board.code.lower())
    assert code == 0 and f"{created.board.code} is read-only now." in out
    with pytest.raises(BoardReadOnly):
        store.join(board_id=created.board.id, new=ParticipantCreate())
    assert run(capsys, "read-only", created.board.code, "--off")[0] == 0
    store.join(board_id=created.board.id, new=ParticipantCreate())
    assert run(capsys, "read-only", "ZZZZZZ")[0] == 1
    store.close()
