"""Tick cost: server CPU and memory of idle shared screens, push (serve.py) next to polling (app.py).

Starts the real app (tests/browser.py ``running_app``) over a temporary SQLite board, opens N shared
screens (1920 px pages, ``/presentation?board=CODE``, each in its own browser context, so no page is a
background tab and, with push, every screen opens its own event stream: the worst case), lets them
settle, then reads the streamlit server's CPU time (utime + stime from /proc/<pid>/stat, plus its
child processes) over a quiet window. Only the server process is measured, never Chromium. For each N
it does this per mode, then for bench/bare_fragment_app.py (one ``st.fragment(run_every=1)`` writing one
line) as a baseline. All servers run with cwd = repository root, so .streamlit/config.toml applies.

Reported per run: CPU % of one core, CPU ms per tick (ticks = sessions x window / refresh interval;
polling runs only), the fragment reruns the browsers asked for (websocket messages sent), the event
streams open at the end (counted in the pages), the server's RSS (VmRSS) at the end, the 1-minute load
average at the start of the window, and the CPU ratio to the bare app with the same N.

Run from the repository root:

    python3 bench/tick_cost.py                                         # 10 and 30 screens, push and poll
    python3 bench/tick_cost.py --sessions 10 --modes poll --window 30
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

from canvas.content import default_canvas  # noqa: E402
from canvas.models import BoardCreate, NoteCreate, ParticipantCreate, Party  # noqa: E402
from canvas.store import Store, viewer_key_for  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, PROJECTOR, running_app  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
REFRESH_SECONDS = 1.0  # the app's default CANVAS_REFRESH_SECONDS and the bare app's run_every
MODES = {"push": "serve.py", "poll": "app.py"}
# Count what each page sends over Streamlit's websocket (each timed fragment rerun is one message), and
# keep every EventSource the page opens so the open ones can be counted.
PROBES = """(() => {
  window.__benchSent = 0;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) { window.__benchSent += 1; return send.apply(this, args); };
  window.__benchStreams = [];
  window.EventSource = class extends window.EventSource {
    constructor(...args) { super(...args); window.__benchStreams.push(this); }
  };
})()"""
SENT = "() => window.__benchSent"
OPEN_STREAMS = "() => window.__benchStreams.filter((s) => s.readyState === EventSource.OPEN).length"


def seed(database_url: str, notes: int) -> str:
    """The board's code and viewer key, as they appear in a screen link (``CODE&v=KEY``)."""
    """A board with a few participants and notes, so each refresh has a realistic board to check."""
    store = Store(database_url)
    try:
        created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Tikbord"))
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
        return f"{created.board.code}&v={viewer_key_for(created.facilitator_token)}"  # a viewer's screen link
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
    contexts = []
    try:
        pages = []
        for _ in range(sessions):
            contexts.append(browser.new_context(**PROJECTOR))
            contexts[-1].add_init_script(PROBES)
            page = contexts[-1].new_page()
            page.goto(f"{base}{path}", timeout=60_000)
            expect(page.locator(ready).first).to_be_visible(timeout=60_000)
            pages.append(page)
        time.sleep(settle)
        sent_before = sum(page.evaluate(SENT) for page in pages)
        load = os.getloadavg()[0]
        cpu_before, start = cpu_seconds(pid), time.monotonic()
        time.sleep(window)
        cpu_used, elapsed = cpu_seconds(pid) - cpu_before, time.monotonic() - start
        rss = rss_mib(pid)
        messages = sum(page.evaluate(SENT) for page in pages) - sent_before
        streams = sum(page.evaluate(OPEN_STREAMS) for page in pages)
    finally:
        for context in contexts:
            context.close()
    return {
        "cpu_percent": 100 * cpu_used / elapsed,
        "ms_per_tick": 1000 * cpu_used / (sessions * elapsed / REFRESH_SECONDS),
        "messages": messages,
        "streams": streams,
        "rss_mib": rss,
        "load": load,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="10,30", help="comma-separated screen counts (default 10,30)")
    parser.add_argument("--modes", default="push,poll", help="comma-separated: push (serve.py), poll (app.py)")
    parser.add_argument("--window", type=float, default=30, help="seconds of measurement per run (default 30)")
    parser.add_argument("--settle", type=float, default=10, help="seconds to wait before measuring (default 10)")
    parser.add_argument("--notes", type=int, default=24, help="notes on the measured board (default 24)")
    args = parser.parse_args()

    rows = []  # (sessions, run name, result)
    with tempfile.TemporaryDirectory(prefix="bench-tick-") as folder, sync_playwright() as p:
        database_url = f"sqlite:///{Path(folder) / 'canvas.sqlite3'}"
        code = seed(database_url, args.notes)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for sessions in [int(n) for n in args.sessions.split(",")]:
            runs = [
                (f"{mode} ({MODES[mode]})", MODES[mode], f"/presentation?board={code}", ".sc-note")
                for mode in args.modes.split(",")
            ]
            runs.append(("bare fragment app", "bench/bare_fragment_app.py", "/", "text=tick"))
            for name, script, path, ready in runs:
                env = {"CANVAS_REFRESH_SECONDS": str(REFRESH_SECONDS)}
                log = Path(folder) / "server.log"
                try:
                    with running_app(database_url, script=script, extra_env=env, log_path=log) as base:
                        result = measure(browser, base, path, ready, sessions, args.settle, args.window)
                except Exception:
                    print(
                        f"--- {name}: last lines of the server log ---\n"
                        + "\n".join(log.read_text().splitlines()[-30:])
                    )
                    raise
                rows.append((sessions, name, result))
                print(f"{sessions} sessions, {name}: {result['cpu_percent']:.1f} % CPU", flush=True)
        browser.close()

    print(f"\n{args.window:g} s window after {args.settle:g} s settling; polling refresh {REFRESH_SECONDS:g} s")
    header = (
        f"{'N':>3} {'run':<20} {'CPU %':>6} {'ms/tick':>8} {'ws sent':>8} {'streams':>8} {'RSS MiB':>8} {'load':>5}"
    )
    print(header + f" {'CPU / bare':>10}")
    for sessions, name, r in rows:
        bare = next(r2 for n2, name2, r2 in rows if n2 == sessions and name2.startswith("bare"))
        per_tick = f"{r['ms_per_tick']:.2f}" if r["messages"] else "-"  # push screens do not tick
        print(
            f"{sessions:>3} {name:<20} {r['cpu_percent']:>6.1f} {per_tick:>8} {r['messages']:>8d} {r['streams']:>8d}"
            f" {r['rss_mib']:>8.1f} {r['load']:>5.2f} {r['cpu_percent'] / bare['cpu_percent']:>10.2f}"
        )


if __name__ == "__main__":
    main()
