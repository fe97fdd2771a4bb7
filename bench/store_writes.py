"""Store writes under load: 50 concurrent writers, and the first load of a board with 2,000 notes.

For each database (SQLite with synchronous=NORMAL and =FULL in WAL mode, and PostgreSQL) it creates a fresh
board, lets ``--writers`` threads (one participant each, like phones) add ``--notes`` notes each, all released at
once, and reports writes per second (all notes / wall time) and the median and p95 latency of one add_note
(as a phone's "Plak op het bord" waits for it). Then it fills a board to ``--board-notes`` notes and times the
first ``load_snapshot`` in a fresh Store (cold caches in the process; the database's own caches are warm).

Run from the repository root (PostgreSQL from CANVAS_TEST_POSTGRES_URL or the test default):

    python3 bench/store_writes.py
    python3 bench/store_writes.py --databases sqlite-normal,sqlite-full --rounds 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

import canvas.store  # noqa: E402
from canvas.content import default_canvas  # noqa: E402
from canvas.models import BoardCreate, NoteCreate, ParticipantCreate  # noqa: E402
from canvas.settings import Settings  # noqa: E402
from canvas.store import Store  # noqa: E402

POSTGRES_URL = os.environ.get("CANVAS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# Limits out of the way: this measures the store, not the flood guard.
UNLIMITED = Settings(notes_per_participant_per_minute=10**6, notes_per_board=10**6, participants_per_board=10**6)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def concurrent_writes(store: Store, writers: int, notes: int) -> dict[str, float]:
    board = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Bench")).board
    zones = [z.id for z in store.load_snapshot(board_id=board.id).zones]
    people = [store.join(board_id=board.id, new=ParticipantCreate()).id for _ in range(writers)]
    start_revision = store.get_revision(board_id=board.id)
    latencies: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(writers + 1)

    def write(index: int) -> None:
        barrier.wait()
        mine = []
        try:
            for i in range(notes):
                began = time.perf_counter()
                new = NoteCreate(zone_id=zones[(index + i) % len(zones)], text=f"note {index}-{i}")
                store.add_note(board_id=board.id, participant_id=people[index], new=new)
                mine.append(time.perf_counter() - began)
        except BaseException as error:
            with lock:
                errors.append(error)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    snapshot = store.load_snapshot(board_id=board.id)
    assert not errors, errors[:3]
    assert len(snapshot.notes) == writers * notes and snapshot.revision == start_revision + writers * notes
    return {
        "writes_per_s": writers * notes / wall,
        "median_s": statistics.median(latencies),
        "p95_s": percentile(latencies, 0.95),
        "max_s": max(latencies),
    }


def first_snapshot(url: str, board_notes: int) -> float:
    store = Store(url, settings=UNLIMITED)
    board = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Groot")).board
    zones = [z.id for z in store.load_snapshot(board_id=board.id).zones]
    people = [store.join(board_id=board.id, new=ParticipantCreate(display_name=f"p{i}")).id for i in range(40)]
    with store.transaction():  # one transaction: filling is not what we measure
        for i in range(board_notes):
            new = NoteCreate(zone_id=zones[i % len(zones)], text=f"Notitie {i} over het park en wie beslist")
            store.add_note(board_id=board.id, participant_id=people[i % len(people)], new=new)
    store.close()
    fresh = Store(url, settings=UNLIMITED)
    began = time.perf_counter()
    snapshot = fresh.load_snapshot(board_id=board.id)
    elapsed = time.perf_counter() - began
    assert len(snapshot.notes) == board_notes
    fresh.close()
    return elapsed


def postgres_schema_url() -> tuple[str, Callable[[], None]]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}", drop


def run(database: str, args: argparse.Namespace) -> None:
    for round_number in range(1, args.rounds + 1):
        folder = tempfile.mkdtemp(prefix="canvas-bench-")
        drop = None
        if database.startswith("sqlite"):
            canvas.store.SQLITE_SYNCHRONOUS = database.split("-")[1].upper()
            url = f"sqlite:///{folder}/canvas.sqlite3"
        else:
            url, drop = postgres_schema_url()
        try:
            store = Store(url, settings=UNLIMITED)
            figures = concurrent_writes(store, args.writers, args.notes)
            store.close()
            load = first_snapshot(url, args.board_notes)
        finally:
            if drop:
                drop()
        print(
            f"{database:14} round {round_number}: {figures['writes_per_s']:7.0f} writes/s  "
            f"median {figures['median_s']:.3f} s  p95 {figures['p95_s']:.3f} s  max {figures['max_s']:.3f} s  "
            f"first load_snapshot of {args.board_notes} notes {load:.3f} s  (load avg {os.getloadavg()[0]:.1f})",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite-normal,sqlite-full,postgresql")
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--board-notes", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    for database in args.databases.split(","):
        run(database, args)


if __name__ == "__main__":
    main()
