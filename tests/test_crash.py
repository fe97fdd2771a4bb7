"""A writer process killed with SIGKILL mid-stream loses no acknowledged note and leaves a sound database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from canvas.content import default_canvas
from canvas.models import BoardCreate, ParticipantCreate
from canvas.store import Store

REPO_ROOT = Path(__file__).resolve().parent.parent
ACKNOWLEDGED_BEFORE_KILL = 150

# Adds notes as fast as it can and prints each note's id once add_note has returned (= committed).
WRITER = textwrap.dedent(
    """
    import sys
    from canvas.models import NoteCreate
    from canvas.store import Store

    url, board_id, participant_id, zone_id = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    store = Store(url)
    for i in range(100_000):
        new = NoteCreate(zone_id=zone_id, text=f"n{i}")
        note = store.add_note(board_id=board_id, participant_id=participant_id, new=new)
        print(note.id, flush=True)
    """
)


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_killed_writer_loses_no_acknowledged_note(request: pytest.FixtureRequest, database: str) -> None:
    url = request.getfixturevalue(f"{database}_url")
    store = Store(url)
    board = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Crash")).board
    person = store.join(board_id=board.id, new=ParticipantCreate())
    zone_id = store.load_snapshot(board_id=board.id).zones[0].id
    environment = {**os.environ, "CANVAS_NOTES_PER_MINUTE": "1000000", "PYTHONPATH": str(REPO_ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(board.id), person.id, str(zone_id)],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    )
    acknowledged = []
    try:
        while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL:
            line = writer.stdout.readline()
            assert line, f"the writer stopped early (exit code {writer.poll()})"
            acknowledged.append(int(line))
        writer.send_signal(signal.SIGKILL)  # mid-stream: it is writing the next note right now
    finally:
        writer.kill()
        writer.wait()
        acknowledged += [int(line) for line in writer.stdout.read().split()]  # acknowledged before it died
    store.close()

    reopened = Store(url)  # as the app does after a crash: open and migrate
    stored = {note.id for note in reopened.load_snapshot(board_id=board.id).notes}
    assert set(acknowledged) <= stored
    if database == "sqlite":
        with reopened.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    reopened.close()
