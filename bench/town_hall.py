# ruff: noqa: E501 - the page probes are JavaScript, kept on one line each for reading
"""A town hall: hundreds of phones as light clients, ten real Chromium phones, one projector, one facilitator.

A light phone is what a phone costs the server after its page loaded: one event stream
(``GET /events/<code>?p=…&kind=phone``, read with a raw HTTP/1.0 socket) and, when it writes, one
``POST /act/<code>``. No browser per light phone: a browser per phone cannot run on two cores. Beside them,
ten real phones in Chromium (390 px), the projector (the presentation, 1920 px) and the facilitator's
console, all in one browser (one shared clock: ``performance.timeOrigin + now()`` is the epoch in ms, as is
``time.time()`` here).

What it measures, on a fresh board, for ``--phones`` light phones spread over ``--processes`` servers
(one: SQLite; two: one PostgreSQL database, a fresh schema dropped afterwards):

1. **Idle**: the servers' CPU (utime + stime from /proc, all processes summed) over ``--idle`` seconds with
   every stream open, and their memory (RSS).
2. **Next phase**: the facilitator presses *Volgende fase* on the console four times (private writing, reveal,
   vote, discuss). Per press: the click → each light phone's stream carries the new phase, and → each
   Chromium phone shows it (its step's heading). Median, p95, max.
3. **The room writes**: ``--notes`` notes over ``--minutes`` minute(s), spread evenly in time and over the light
   phones, each sent as ``POST /act``. Per note: the request sent → the note in the projector's DOM. Median,
   p95, max; and the servers' CPU and memory meanwhile.

Every client talks to 127.0.0.1 only; the counts and the time are bounded by the arguments; the script ends
its servers and browser by itself. Run from the repository root:

    python3 bench/town_hall.py --phones 50
    python3 bench/town_hall.py --phones 300
    python3 bench/town_hall.py --phones 300 --processes 2
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_channel import SEEN_PROBE  # noqa: E402 - bench/ is the script's folder: one probe for both
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sync_latency import percentile  # noqa: E402
from tick_cost import cpu_seconds, rss_mib, server_pid  # noqa: E402

from canvas.content import default_canvas  # noqa: E402
from canvas.i18n import t  # noqa: E402
from canvas.models import BoardCreate, CreatedBoard, Language, ParticipantCreate, Party  # noqa: E402
from canvas.store import Store, viewer_key_for  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, PROJECTOR, running_app  # noqa: E402

POSTGRES_URL = os.environ.get("CANVAS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TIMEOUT_MS = 120_000
CHROMIUM_PHONES = 10
PHASES = ("write", "reveal", "vote", "discuss")
NOTES_PROBE = """() => {
  window.__arrived = {};
  const host = [...document.querySelectorAll("*")].find((n) => n.shadowRoot?.querySelector(".sc-board"));
  new MutationObserver(() => {
    for (const el of host.shadowRoot.querySelectorAll(".sc-note-text")) {
      if (!(el.textContent in window.__arrived)) window.__arrived[el.textContent] = performance.timeOrigin + performance.now();
    }
  }).observe(host.shadowRoot, { subtree: true, childList: true, characterData: true });
}"""
CLICK_PROBE = "() => { window.__clicked = null; document.addEventListener('click', () => { window.__clicked ??= performance.timeOrigin + performance.now(); }, true); }"


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:<48} n={len(values):<4} median {statistics.median(values):.3f}  p95 {percentile(values, 0.95):.3f}"
        f"  max {max(values):.3f}  (s)"
    )


# --- light phones ---------------------------------------------------------------------------------


class LightPhones:
    """Light phones on their own event loop, in a thread: streams open, the arrival of each phase recorded."""

    def __init__(self, ports: list[int], code: str, people: list[str]) -> None:
        self.ports, self.code, self.people = ports, code, people
        self.loop = asyncio.new_event_loop()
        self.phase_seen: dict[str, list[float]] = {phase: [] for phase in PHASES}
        self.messages = 0
        self.connected = 0
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        # Held: the event loop keeps only weak references to its tasks.
        self.streams = [
            self.call(self.stream(self.ports[i % len(self.ports)], person)) for i, person in enumerate(people)
        ]

    def call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    async def stream(self, port: int, person: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        path = f"/events/{self.code}?p={person}&kind=phone&lang=nl"
        writer.write(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        while (await reader.readline()) not in (b"\r\n", b""):
            pass  # the response's headers
        self.connected += 1
        current = None
        try:
            while line := await reader.readline():
                if not line.startswith(b"data: "):
                    continue
                arrived = time.time()
                self.messages += 1
                # The phase of the canvas on the screen, without decoding the whole message.
                marker = line.find(b'"phase_name"')
                active = line.rfind(b'"phase":"', 0, marker)
                phase = line[active + 9 : line.find(b'"', active + 9)].decode() if active > 0 else None
                if phase != current:
                    current = phase
                    if phase in self.phase_seen:
                        self.phase_seen[phase].append(arrived)
        finally:
            writer.close()

    async def post(self, port: int, person: str, zone: int, text_: str) -> float:
        body = json.dumps({"p": person, "lang": "nl", "action": {"kind": "add_note", "zone_id": zone, "text": text_}})
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        sent = time.time()
        writer.write(
            f"POST /act/{self.code} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body.encode())}\r\n\r\n{body}".encode()
        )
        await writer.drain()
        answer = await reader.read()
        writer.close()
        if b'"ok":true' not in answer:
            raise RuntimeError(f"a note was refused: {answer[-200:]!r}")
        return sent

    async def write_notes(self, zones: list[int], notes: int, seconds: float) -> dict[str, float]:
        """``notes`` notes spread evenly over ``seconds`` and over the phones; returns text -> send time."""
        start = time.monotonic()
        sent: dict[str, float] = {}

        async def one(index: int) -> None:
            await asyncio.sleep(max(0.0, start + index * seconds / notes - time.monotonic()))
            person = self.people[index % len(self.people)]
            port = self.ports[index % len(self.ports)]
            text_ = f"Zaal {index:04d}"
            sent[text_] = await self.post(port, person, zones[index % len(zones)], text_)

        await asyncio.gather(*(one(i) for i in range(notes)))
        return sent

    def close(self) -> None:
        async def end_streams() -> None:
            streams = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in streams:
                task.cancel()
            await asyncio.gather(*streams, return_exceptions=True)

        self.call(end_streams()).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)


# --- the run ------------------------------------------------------------------------------------------


def seed(database_url: str, people: int) -> tuple[CreatedBoard, list[str], list[int]]:
    store = Store(database_url)
    try:
        created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Stadhuis"))
        parties = list(Party)
        ids = [
            store.join(
                board_id=created.board.id,
                new=ParticipantCreate(display_name=f"P{i}", party=parties[i % len(parties)]),
            ).id
            for i in range(people)
        ]
        zones = [z.id for z in store.load_snapshot(board_id=created.board.id).zones]
        return created, ids, zones
    finally:
        store.close()


def cpu_and_rss(pids: list[int]) -> tuple[float, float]:
    return sum(cpu_seconds(pid) for pid in pids), sum(rss_mib(pid) for pid in pids)


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.05)


def run(database_url: str, light: int, processes: int, notes: int, minutes: float, idle: float) -> None:
    created, people, zones = seed(database_url, light + CHROMIUM_PHONES)
    light_people, chromium_people = people[:light], people[light:]
    code = created.board.code
    with tempfile.TemporaryDirectory(prefix="bench-townhall-") as folder, ExitStack() as stack:
        bases = [
            stack.enter_context(running_app(database_url, script="serve.py", log_path=Path(folder) / f"server{i}.log"))
            for i in range(processes)
        ]
        ports = [int(base.rsplit(":", 1)[1]) for base in bases]
        pids = [server_pid(port) for port in ports]
        print(
            f"town hall: {light} light phones + {CHROMIUM_PHONES} Chromium phones, {processes} process(es), "
            f"{'PostgreSQL' if processes > 1 else 'SQLite'}; {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, "
            f"load average {Path('/proc/loadavg').read_text().split()[0]}",
            flush=True,
        )
        browser = stack.enter_context(sync_playwright()).chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        console = browser.new_context(**PROJECTOR).new_page()
        console.goto(f"{bases[0]}/console?board={code}&f={created.facilitator_token}", timeout=TIMEOUT_MS)
        projector = browser.new_context(**PROJECTOR).new_page()
        projector.goto(
            f"{bases[-1]}/presentation?board={code}&v={viewer_key_for(created.facilitator_token)}", timeout=TIMEOUT_MS
        )
        expect(projector.locator(".sc-zone").first).to_be_visible(timeout=TIMEOUT_MS)
        phones: list[Page] = []
        for index, person in enumerate(chromium_people):
            phone = browser.new_context(**PHONE).new_page()
            phone.goto(f"{bases[index % len(bases)]}/join?board={code}&p={person}", timeout=TIMEOUT_MS)
            expect(phone.get_by_role("button", name="Plak op het bord")).to_be_visible(timeout=TIMEOUT_MS)
            phones.append(phone)
        crowd = LightPhones(ports, code, light_people)
        stack.callback(crowd.close)
        wait_for(lambda: crowd.connected >= light, 120, f"{light} streams")
        wait_for(lambda: crowd.messages >= light, 120, "every stream's first message")
        print(f"open: {light} streams; RSS {cpu_and_rss(pids)[1]:.0f} MiB", flush=True)

        # 1. Idle: every stream open, nothing happens.
        time.sleep(3)
        cpu_before, at = cpu_and_rss(pids)[0], time.monotonic()
        time.sleep(idle)
        cpu, rss = cpu_and_rss(pids)
        print(
            f"idle over {idle:.0f} s: {(cpu - cpu_before) / (time.monotonic() - at) * 100:.1f} % of one core; RSS {rss:.0f} MiB"
        )

        # 2. Next phase, four times.
        for phase in PHASES:
            marker = f"Samenwerkingscanvas · {t(f'facilitation.phase_{phase}', Language.NL)}"
            console.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=TIMEOUT_MS)
            for phone in phones:
                phone.evaluate(SEEN_PROBE, ["h2", marker])
            console.evaluate(CLICK_PROBE)
            console.get_by_role("button", name="Volgende fase", exact=False).click()
            wait_for(lambda phase=phase: len(crowd.phase_seen[phase]) >= light, 60, f"{phase} on every stream")
            for phone in phones:
                phone.wait_for_function("() => window.__seen !== null", timeout=TIMEOUT_MS)
            clicked = console.evaluate("() => window.__clicked") / 1000
            print(
                summary(f"next phase ({phase}) -> {light} light phones", [s - clicked for s in crowd.phase_seen[phase]])
            )
            print(
                summary(
                    f"next phase ({phase}) -> {CHROMIUM_PHONES} Chromium phones",
                    [p.evaluate("() => window.__seen") / 1000 - clicked for p in phones],
                ),
                flush=True,
            )

        # 3. The room writes (free writing again: the facilitator's step back is a store call here).
        store = Store(database_url)
        canvas = store.load_snapshot(board_id=created.board.id).active_canvas.id
        from canvas.models import Phase

        store.set_phase(
            board_id=created.board.id, canvas_id=canvas, phase=Phase.OPEN, facilitator_token=created.facilitator_token
        )
        store.close()
        projector.evaluate(NOTES_PROBE)
        cpu_before, at = cpu_and_rss(pids)[0], time.monotonic()
        sent = crowd.call(crowd.write_notes(zones, notes, minutes * 60)).result(timeout=minutes * 60 + 120)
        projector.wait_for_function(f"() => Object.keys(window.__arrived).length >= {notes}", timeout=TIMEOUT_MS)
        cpu, rss = cpu_and_rss(pids)
        busy = time.monotonic() - at
        arrived = projector.evaluate("() => window.__arrived")
        print(
            summary(
                f"{notes} notes over {minutes:g} min: sent -> projector",
                [arrived[k] / 1000 - s for k, s in sent.items()],
            )
        )
        print(
            f"while the room writes ({busy:.0f} s): {(cpu - cpu_before) / busy * 100:.1f} % of one core; RSS {rss:.0f} MiB",
            flush=True,
        )
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=50, help="light phones (event streams), at most 480")
    parser.add_argument("--processes", type=int, choices=[1, 2], default=1, help="2: two servers on PostgreSQL")
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--idle", type=float, default=15.0)
    args = parser.parse_args()
    light = min(args.phones, 480)  # a board takes 500 people (CANVAS_MAX_PARTICIPANTS)
    if args.processes == 1:
        with tempfile.TemporaryDirectory(prefix="bench-townhall-db-") as folder:
            run(f"sqlite:///{Path(folder) / 'canvas.sqlite3'}", light, 1, args.notes, args.minutes, args.idle)
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        run(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}", light, 2, args.notes, args.minutes, args.idle)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
