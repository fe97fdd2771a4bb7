"""A database made by the first schema (tests/fixtures/first_release.sqlite3) upgrades with nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from canvas.migrations import MIGRATIONS
from canvas.models import NoteCreate
from canvas.store import Store
from tests.test_schema import code_schema, database_schema

FIXTURE = Path(__file__).parent / "fixtures" / "first_release.sqlite3"


def rows(path: Path, table: str, columns: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY 1").fetchall()


def test_the_first_release_database_upgrades_with_nothing_lost(tmp_path: Path) -> None:
    copy = tmp_path / "canvas.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    before = {
        "boards": rows(copy, "boards", "id, code, title, language, facilitator_token_hash, revision"),
        "canvases": rows(copy, "canvases", "id, board_id, template, title, layout, sort_order"),
        "zones": rows(copy, "zones", "id, canvas_id, key, band, title, prompt, sort_order"),
        "participants": rows(copy, "participants", "id, board_id, display_name, party"),
        "notes": rows(copy, "notes", "id, board_id, zone_id, participant_id, text, position"),
    }
    assert rows(copy, "schema_migrations", "name") == [("0001_boards_zones_notes",)]
    assert len(before["notes"]) == 4

    store = Store(f"sqlite:///{copy}")
    try:
        for table, old in before.items():
            columns = {
                "boards": "id, code, title, language, facilitator_token_hash, revision",
                "canvases": "id, board_id, template, title, layout, sort_order",
                "zones": "id, canvas_id, key, band, title, prompt, sort_order",
                "participants": "id, board_id, display_name, party",
                "notes": "id, board_id, zone_id, participant_id, text, position",
            }.get(table, "*")
            assert rows(copy, table, columns) == old, table
        assert rows(copy, "schema_migrations", "name") == [(m.name,) for m in MIGRATIONS]
        expected, actual = code_schema("sqlite"), database_schema(store)
        assert {name: actual[name] for name in expected} == expected

        # The upgraded board works like a new one: it loads, takes a note and keeps the old ones in order.
        snapshot = store.load_snapshot(board_id=1)
        assert [n.text for n in snapshot.notes_in(1)] == ["Wie beslist over het park?", "Één loket — graag"]
        assert (snapshot.board.kept, snapshot.board.active_canvas_id, snapshot.board.scores_public) == (
            False,
            None,
            False,
        )
        assert snapshot.active_canvas.id == 1
        # Later steps' defaults: a free canvas, an unlocked named board, and the old viewer link still works.
        assert (snapshot.active_canvas.phase, snapshot.board.locked, snapshot.board.anonymous) == ("open", False, False)
        assert rows(copy, "boards", "viewer_basis") == [(board[4],) for board in before["boards"]]
        note = store.add_note(board_id=1, participant_id="p-anon", new=NoteCreate(zone_id=1, text="Nieuw"))
        assert note.position == 3.0
    finally:
        store.close()
