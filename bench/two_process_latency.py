"""Two-process latency: a note written through one app process, shown by a shared screen on another.

Starts two ``streamlit run serve.py`` servers (A and B, different ports) on one PostgreSQL database, in
a fresh schema that is dropped afterwards. The phone (390 px) is joined on A. Two runs, same servers:
first the shared screen (1920 px) on A too (same process: A's hub hears the commit directly), then the
screen on B (two processes: B learns of the write only through its shared revision check, one query
every CANVAS_PUSH_CHECK_SECONDS, default 0.05 s). Timing and the stage breakdown are those of
bench/sync_latency.py (in-page stamps, click on the phone to the note in the screen's DOM).

Run from the repository root, with PostgreSQL reachable (trust auth is fine):

    python3 bench/two_process_latency.py --samples 30
    CANVAS_BENCH_POSTGRES_URL=postgresql+psycopg://user@host:5432/db python3 bench/two_process_latency.py
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import uuid
from contextlib import ExitStack
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sync_latency import print_results, run_samples, seed  # noqa: E402 - bench/ is the script's folder

from tests.browser import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

POSTGRES_URL = os.environ.get("CANVAS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=30, help="notes to send per run (default 30)")
    parser.add_argument("--seed", type=int, default=None, help="random seed for the pauses")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    database_url = f"{POSTGRES_URL}{'&' if '?' in POSTGRES_URL else '?'}options=-csearch_path%3D{schema}"
    results = {}
    try:
        board = seed(database_url)  # also creates the tables, before either server starts
        with tempfile.TemporaryDirectory(prefix="bench-two-") as folder, ExitStack() as stack:
            a, b = (
                stack.enter_context(running_app(database_url, script="serve.py", log_path=Path(folder) / f"{name}.log"))
                for name in "ab"
            )
            browser = stack.enter_context(sync_playwright()).chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            for name, screen_base in [("same process: A -> A", a), ("two processes: A -> B", b)]:
                print(name, flush=True)
                results[name] = run_samples(browser, a, screen_base, board, args.samples, rng)
            browser.close()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    print_results(results)


if __name__ == "__main__":
    main()
