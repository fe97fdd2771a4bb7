"""How long exports take and how large they are, for boards of growing size.

Run from the repository root:  python3 bench/exports.py [--notes 50,500,1000,2000] [--repeat 3]

Each board is built in a temporary SQLite database with tests/board_samples.py (five people of every
party, three canvases, two scoring rounds with comments, notes in several scripts). Times are the
median of --repeat runs (wall clock and this process's CPU time, which a busy machine disturbs less)
after one warm-up run (the warm-up is reported as "first": it includes loading
the font and the libraries once per process). Goal: the PDF of a 1,000-note board in at most 1.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from canvas.exports.registry import export, load_source
from canvas.settings import Settings
from canvas.store import Store
from tests.board_samples import rich_board

FORMATS = ("pdf", "png", "json", "csv")


def measure(notes: int, repeat: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        # One sample participant writes every note: lift the per-person rate limit, or the board stops at 30.
        settings = Settings.from_env().model_copy(update={"notes_per_participant_per_minute": 1_000_000})
        store = Store(f"sqlite:///{Path(folder) / 'bench.sqlite3'}", settings=settings)
        board = rich_board(store, notes=notes).board
        started = time.perf_counter()
        source = load_source(store, board_id=board.id)
        load_seconds = time.perf_counter() - started
        rows = []
        for key in FORMATS:
            started = time.perf_counter()
            data = export(source, key)
            first = time.perf_counter() - started
            times, cpu = [], []
            for _ in range(repeat):
                started, cpu_started = time.perf_counter(), time.process_time()
                export(source, key)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            rows.append(
                {
                    "notes": notes,
                    "format": key,
                    "first": first,
                    "median": statistics.median(times),
                    "cpu": statistics.median(cpu),
                    "bytes": len(data),
                }
            )
        store.close()
    print(f"# {notes} notes: load_source {load_seconds * 1000:.0f} ms", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", default="50,500,1000,2000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| notes | format | first run (s) | median wall (s) | median CPU (s) | size |")
    print("|---:|---|---:|---:|---:|---:|")
    for notes in (int(n) for n in args.notes.split(",")):
        for row in measure(notes, args.repeat):
            size = f"{row['bytes'] / 1024:.0f} KiB" if row["bytes"] < 1024 * 1024 else f"{row['bytes'] / 2**20:.1f} MiB"
            times = f"{row['first']:.2f} | {row['median']:.2f} | {row['cpu']:.2f}"
            print(f"| {row['notes']} | {row['format']} | {times} | {size} |")


if __name__ == "__main__":
    main()
