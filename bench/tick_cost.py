"""Tick cost: server CPU spent by shared screens that refresh while nothing changes.

Starts the real app (tests/browser.py ``running_app``) over a temporary SQLite board, opens N shared
screens (1920 px pages, ``/board?board=CODE``) in one Chromium, lets them settle, then reads the
streamlit server's CPU time (utime + stime from /proc/<pid>/stat, plus its child processes) over a quiet
window. Then does the same, same N, for bench/bare_fragment_app.py: one ``st.fragment(run_every=1)``
writing one line. Both servers run with cwd = repository root, so .streamlit/config.toml applies.

Reported per app: CPU % of one core, CPU ms per tick (ticks = sessions x window / refresh interval),
the fragment reruns the browsers actually asked for (websocket messages sent), the server's RSS
(VmRSS) at the end of the window, and the board/bare ratio.

Run from the repository root (``--script serve.py`` measures the push mode, where screens do not poll;
"ms per tick" then only relates the CPU to the polling case):

    python3 bench/tick_cost.py --sessions 10 --window 30
    python3 bench/tick_cost.py --sessions 10 --window 30 --script serve.py
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import Browser, expect, sync_playwright  # noqa: E402

from canvas.models import BoardCreate, NoteCreate, ParticipantCreate, Party  # noqa: E402
from canvas.store import Store  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, PROJECTOR, running_app  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
REFRESH_SECONDS = 1.0  # the app's default CANVAS_REFRESH_SECONDS and the bare app's run_every
# Count what each page sends over Streamlit's websocket (each timed fragment rerun is one message).
COUNT_SENDS = """(() => {
  window.__benchSent = 0;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) { window.__benchSent += 1; return send.apply(this, args); };
})()"""
SENT = "() => window.__benchSent"


def seed(database_url: str, notes: int) -> str:
    """A board with a few participants and notes, so each refresh has a realistic board to check."""
    store = Store(database_url)
    try:
        created = store.create_board(new=BoardCreate(title="Tikbord"))
        board_id = created.board.id
        zones = store.load_snapshot(board_id=board_id).zones
        people = [
            store.join(board_id=board_id, new=ParticipantCreate(display_name=f"Deelnemer {i}", party=party))
            for i, party in enumerate(Party)
        ]
        for i in range(notes):
            store.add_note(
                board_id=board_id,
                participant_id=people[i % len(people)].id,
                new=NoteCreate(zone_id=zones[i % len(zones)].id, text=f"Notitie nummer {i}"),
            )
        return created.board.code
    finally:
        store.close()


def server_pid(port: int) -> int:
    """The streamlit process running_app started: our child whose command line names the port."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int(_stat_fields(int(entry.name))[1])
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            continue
        if ppid == os.getpid() and b"streamlit" in cmdline and str(port).encode() in cmdline:
            return int(entry.name)
    raise RuntimeError(f"no streamlit child process on port {port}")


def _stat_fields(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name; index 0 is field 3 (state)."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    return raw[raw.rindex(")") + 2 :].split()


def cpu_seconds(pid: int) -> float:
    """utime + stime of pid, its reaped children (cutime + cstime) and its live descendants."""
    fields = _stat_fields(pid)
    total = sum(int(v) for v in fields[11:15]) / CLOCK_TICKS  # utime, stime, cutime, cstime
    for child in (Path(f"/proc/{pid}/task/{pid}/children").read_text()).split():
        total += cpu_seconds(int(child))
    return total


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(browser: Browser, base: str, path: str, ready: str, sessions: int, settle: float, window: float) -> dict:
    pid = server_pid(int(base.rsplit(":", 1)[1]))
    pages = []
    for _ in range(sessions):
        context = browser.new_context(**PROJECTOR)  # one context each: no background-tab throttling
        context.add_init_script(COUNT_SENDS)
        page = context.new_page()
        page.goto(f"{base}{path}")
        expect(page.locator(ready).first).to_be_visible(timeout=30_000)
        pages.append(page)
    time.sleep(settle)
    sent_before = sum(page.evaluate(SENT) for page in pages)
    cpu_before, start = cpu_seconds(pid), time.monotonic()
    time.sleep(window)
    cpu_used, elapsed = cpu_seconds(pid) - cpu_before, time.monotonic() - start
    rss = rss_mib(pid)
    messages = sum(page.evaluate(SENT) for page in pages) - sent_before
    contexts = [page.context for page in pages]
    for context in contexts:
        context.close()
    ticks = sessions * elapsed / REFRESH_SECONDS
    return {
        "cpu_percent": 100 * cpu_used / elapsed,
        "ms_per_tick": 1000 * cpu_used / ticks,
        "ticks": ticks,
        "messages": messages,
        "rss_mib": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="shared screens open at once (default 10)")
    parser.add_argument("--window", type=float, default=30, help="seconds of measurement per app (default 30)")
    parser.add_argument("--settle", type=float, default=10, help="seconds to wait before measuring (default 10)")
    parser.add_argument("--script", default="app.py", help="app.py (screens poll, default) or serve.py (push)")
    parser.add_argument("--notes", type=int, default=24, help="notes on the measured board (default 24)")
    args = parser.parse_args()

    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-tick-") as folder, sync_playwright() as p:
        database_url = f"sqlite:///{Path(folder) / 'canvas.sqlite3'}"
        code = seed(database_url, args.notes)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        runs = [
            ("board", args.script, f"/board?board={code}", ".sc-note"),
            ("bare", "bench/bare_fragment_app.py", "/", "text=tick"),
        ]
        for name, script, path, ready in runs:
            env = {"CANVAS_REFRESH_SECONDS": str(REFRESH_SECONDS)}
            log = Path(folder) / f"{name}.log"
            try:
                with running_app(database_url, script=script, extra_env=env, log_path=log) as base:
                    results[name] = measure(browser, base, path, ready, args.sessions, args.settle, args.window)
            except Exception:
                print(f"--- {name}: last lines of the server log ---\n" + "\n".join(log.read_text().splitlines()[-30:]))
                raise
            print(f"{name}: done", flush=True)
        browser.close()

    print()
    print(
        f"board app: {args.script}; {args.sessions} sessions; {args.window:g} s window after {args.settle:g} s settling"
    )
    print(f"{'app':<6} {'CPU % of 1 core':>16} {'CPU ms/tick':>12} {'ticks':>7} {'ws msgs sent':>13} {'RSS MiB':>8}")
    for name, r in results.items():
        print(
            f"{name:<6} {r['cpu_percent']:>16.1f} {r['ms_per_tick']:>12.2f} {r['ticks']:>7.0f}"
            f" {r['messages']:>13d} {r['rss_mib']:>8.1f}"
        )
    print(f"ratio board/bare (CPU): {results['board']['cpu_percent'] / results['bare']['cpu_percent']:.2f}")


if __name__ == "__main__":
    main()
