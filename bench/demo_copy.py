"""How long "Probeer het uit" takes: from the press to the visitor's own demo board, ready.

Three measurements:

1. ``demo_document()``, the first time in a process: the demo built from content/demo into a scratch SQLite
   file and turned into an export document (once per app process; later copies reuse it).
2. ``make_demo_copy()`` on SQLite and PostgreSQL, ``--copies`` times: the expired-copy check plus one import
   transaction (median and p95).
3. In Chromium against a real ``streamlit run serve.py`` (SQLite): the press of "Probeer het uit" on the start
   page until the "ready" message shows, and from "Open je bord als begeleider" until the console shows the
   demo's notes (``--browser-runs`` fresh visitors, median and worst).

Run from the repository root (PostgreSQL from CANVAS_TEST_POSTGRES_URL or the test default):

    python3 bench/demo_copy.py
    python3 bench/demo_copy.py --copies 50 --browser-runs 10
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from canvas.demo import demo_document, make_demo_copy  # noqa: E402
from canvas.models import Language  # noqa: E402
from canvas.store import Store  # noqa: E402

POSTGRES_URL = os.environ.get("CANVAS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
LIFETIME = timedelta(hours=24)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def time_copies(store: Store, copies: int) -> list[float]:
    times = []
    for _ in range(copies):
        start = time.perf_counter()
        make_demo_copy(store, language=Language.NL, lifetime=LIFETIME)
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> None:
    print(
        f"{name:<22} median {ms(statistics.median(times)):>7}   p95 {ms(percentile(times, 0.95)):>7}   n={len(times)}"
    )


def store_copies(copies: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        report("copy, SQLite", time_copies(store, copies))
        store.close()
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        store = Store(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
        report("copy, PostgreSQL", time_copies(store, copies))
        store.close()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def browser_runs(runs: int) -> None:
    from playwright.sync_api import expect, sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, PROJECTOR, running_app

    ready_times, console_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        Store(database_url).close()
        env = {"CANVAS_BOARDS_PER_HOUR": str(runs + 1)}
        with running_app(database_url, script="serve.py", extra_env=env) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(runs):
                context = browser.new_context(**PROJECTOR)  # a fresh visitor each time
                page = context.new_page()
                page.goto(base)
                button = page.get_by_role("button", name="Probeer het uit")
                expect(button).to_be_visible(timeout=30_000)
                start = time.perf_counter()
                button.click()
                expect(page.get_by_text("Je eigen voorbeeldbord staat klaar")).to_be_visible(timeout=30_000)
                ready_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                page.get_by_role("button", name="Open je bord als begeleider").click()
                expect(page.locator(".sc-note").first).to_be_visible(timeout=30_000)
                console_times.append(time.perf_counter() - start)
                context.close()
            browser.close()
    for name, times in (("press -> ready", ready_times), ("open -> console", console_times)):
        print(f"{name:<22} median {ms(statistics.median(times)):>7}   worst {ms(max(times)):>7}   n={len(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=30)
    parser.add_argument("--browser-runs", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    demo_document()
    print(f"{'first demo document':<22} {ms(time.perf_counter() - start):>14}")
    store_copies(args.copies)
    if args.browser_runs:
        browser_runs(args.browser_runs)


if __name__ == "__main__":
    main()
