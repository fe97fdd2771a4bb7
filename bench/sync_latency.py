"""Sync latency: how long from a participant pressing "Plak op het bord" on a phone until the note is on
the shared screen, with push (``serve.py``) and with polling (``app.py``) in one invocation.

One Chromium, two contexts (so both pages share one clock): A is a phone (390 px) already joined as a
participant, B is the shared screen (1920 px). Per sample, A picks a zone (and waits for the rerun that
causes), pauses 0.1-1.5 s at random (so samples do not lock onto the 1 s poll), types a unique text
and submits. A capture-phase click listener in A stamps ``performance.timeOrigin + performance.now()``
when the submit button is clicked, and a MutationObserver in B (on the shadow root holding
``.sc-board``) stamps the same clock when a ``.sc-note`` with that text appears. Latency = B stamp - A
stamp, taken in the pages, never from Playwright's polling.

For push, the pages also stamp their requests (the phone's ``POST /act``; websocket sends under polling) and
the event-stream messages, which splits each sample into stages (printed as a breakdown): click -> the phone
sends its request -> the change (with the note) reaches the screen over the live channel -> note in the DOM
(drawn by the board component, with no Streamlit rerun anywhere in between). ``--notes N`` puts N notes on the
board first (spread over the zones, by other people), to see whether a full board is slower.

Run from the repository root (each mode gets a fresh server and a fresh SQLite board):

    python3 bench/sync_latency.py                          # push and poll, 30 samples each
    python3 bench/sync_latency.py --modes push --samples 50
    python3 bench/sync_latency.py --modes push --notes 200
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from canvas.content import default_canvas  # noqa: E402
from canvas.models import BoardCreate, ParticipantCreate, Party  # noqa: E402
from canvas.store import Store  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, PROJECTOR, running_app  # noqa: E402

MODES = {"push": "serve.py", "poll": "app.py"}
SUBMIT_LABEL = "Plak op het bord"
TIMEOUT_MS = 15_000

# Phone: stamp the click on the submit button (capture phase, before Streamlit sees it).
CLICK_PROBE = """(label) => {
  window.__benchClicks = [];
  document.addEventListener("click", (event) => {
    const origin = event.composedPath()[0];  // inside the phone's shadow root, not its host
    const button = origin.closest && origin.closest("button");
    if (button && button.textContent.includes(label)) {
      window.__benchClicks.push(performance.timeOrigin + performance.now());
    }
  }, true);
}"""
NOW = "() => performance.timeOrigin + performance.now()"

# Screen: stamp the first mutation after which a note with the expected text exists. The shadow root is
# found by walking the DOM; a watcher on the light DOM re-attaches if Streamlit ever replaces the host.
ARRIVAL_PROBE = """() => {
  const bench = (window.__bench = { expect: null, arrived: {}, observed: new WeakSet() });
  const findRoot = () => {
    for (const node of document.querySelectorAll("*")) {
      if (node.shadowRoot && node.shadowRoot.querySelector(".sc-board")) return node.shadowRoot;
    }
    return null;
  };
  const check = (shadow) => {
    const wanted = bench.expect;
    if (wanted === null || wanted in bench.arrived) return;
    for (const text of shadow.querySelectorAll(".sc-note .sc-note-text")) {
      if (text.textContent === wanted) {
        bench.arrived[wanted] = performance.timeOrigin + performance.now();
        return;
      }
    }
  };
  const attach = () => {
    const shadow = findRoot();
    if (!shadow || bench.observed.has(shadow)) return;
    bench.observed.add(shadow);
    new MutationObserver(() => check(shadow)).observe(shadow, { subtree: true, childList: true, characterData: true });
  };
  attach();
  new MutationObserver(attach).observe(document.body, { subtree: true, childList: true });
  return bench.observed !== null;
}"""

# Both pages, before any page script: stamp websocket sends and receipts and event-stream messages.
TRACE = """(() => {
  const now = () => performance.timeOrigin + performance.now();
  const trace = (window.__benchTrace = { sent: [], received: [], events: [] });
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) { trace.sent.push(now()); return send.apply(this, args); };
  window.WebSocket = class extends window.WebSocket {
    constructor(...args) { super(...args); this.addEventListener("message", () => trace.received.push(now())); }
  };
  const fetch = window.fetch;
  window.fetch = function (...args) { trace.sent.push(now()); return fetch.apply(this, args); };
  window.EventSource = class extends window.EventSource {
    constructor(...args) { super(...args); this.addEventListener("message", () => trace.events.push(now())); }
  };
})()"""
# The first stamp of each kind at or after a time (null when there is none).
FIRST_AFTER = """([kind, t]) => window.__benchTrace[kind].find((stamp) => stamp >= t) ?? null"""
LAST_BEFORE = """([kind, t]) => window.__benchTrace[kind].findLast((stamp) => stamp <= t) ?? null"""
STAGES = [
    "click -> phone sends its request",
    "-> change event at screen",
    "-> note in screen DOM",
]


def seed(database_url: str, notes: int = 0) -> tuple[str, str, list[str], str]:
    """A board with one participant (and ``notes`` notes by others): (join code, participant id, zone titles as
    the phone shows them, the screen's link parameters)."""
    from canvas.board_view import zone_label
    from canvas.models import Language, NoteCreate
    from canvas.store import viewer_key_for

    store = Store(database_url)
    try:
        created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Latentiebord"))
        participant = store.join(
            board_id=created.board.id, new=ParticipantCreate(display_name="Meter", party=Party.CIVIC)
        )
        snapshot = store.load_snapshot(board_id=created.board.id)
        parties = list(Party)
        others = [  # twenty notes each at most: a participant may add 30 a minute
            store.join(
                board_id=created.board.id, new=ParticipantCreate(display_name=f"Ander {i}", party=parties[i % 5])
            ).id
            for i in range(max(5, notes // 20 + 1))
        ]
        for index in range(notes):
            zone_id = snapshot.zones[index % len(snapshot.zones)].id
            store.add_note(
                board_id=created.board.id,
                participant_id=others[index % len(others)],
                new=NoteCreate(zone_id=zone_id, text=f"Eerder {index:03d}"),
            )
        canvas = snapshot.canvases[0]
        zones = [zone_label(canvas, zone, Language.NL)[0] for zone in snapshot.zones_of(canvas.id)]
        return created.board.code, str(participant.id), zones, f"v={viewer_key_for(created.facilitator_token)}"
    finally:
        store.close()


def one_sample(phone: Page, screen: Page, zone: str, text: str, pause: float) -> tuple[float, list[float] | None]:
    """Submit one note on the phone: (seconds until the shared screen showed it, stage durations or None)."""
    pill = phone.get_by_role("radio", name=zone, exact=True)  # the phone's zone choice (drawn in the browser)
    pill.check()
    time.sleep(pause)
    phone.get_by_role("textbox", name="Je notitie").fill(text)
    screen.evaluate("(text) => { window.__bench.expect = text; }", text)
    clicks_before = phone.evaluate("() => window.__benchClicks.length")
    phone.get_by_role("button", name=SUBMIT_LABEL).click()
    screen.wait_for_function("(text) => text in window.__bench.arrived", arg=text, timeout=TIMEOUT_MS)
    # The phone must have its answer (text box cleared, the note in its own list) before the next sample.
    expect(phone.locator(".sc-own .sc-text", has_text=text)).to_be_visible(timeout=TIMEOUT_MS)
    expect(phone.get_by_role("textbox", name="Je notitie")).to_have_value("", timeout=TIMEOUT_MS)
    clicks = phone.evaluate("() => window.__benchClicks")
    assert len(clicks) == clicks_before + 1, f"expected one submit click, saw {len(clicks) - clicks_before}"
    clicked = clicks[-1]
    arrived = screen.evaluate("(text) => window.__bench.arrived[text]", text)
    return (arrived - clicked) / 1000, stages(phone, screen, clicked, arrived)


def stages(phone: Page, screen: Page, clicked: float, arrived: float) -> list[float] | None:
    """Seconds spent in each of STAGES, or None when the screen got no revision event (polling)."""
    phone_sent = phone.evaluate(FIRST_AFTER, ["sent", clicked])
    event = screen.evaluate(FIRST_AFTER, ["events", clicked])
    if phone_sent is None or event is None or event > arrived:
        return None
    marks = [clicked, phone_sent, event, arrived]
    return [(b - a) / 1000 for a, b in itertools.pairwise(marks)]


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def run_samples(
    browser: Browser, phone_base: str, screen_base: str, board: tuple, samples: int, rng: random.Random
) -> dict:
    """Open a phone on phone_base and a shared screen on screen_base; send `samples` notes."""
    code, participant_id, zones, screen_key = board
    screen_context, phone_context = browser.new_context(**PROJECTOR), browser.new_context(**PHONE)
    try:
        for context in (screen_context, phone_context):
            context.add_init_script(TRACE)
        screen = screen_context.new_page()
        screen.goto(f"{screen_base}/presentation?board={code}&{screen_key}")
        expect(screen.locator(".sc-zone")).to_have_count(len(zones), timeout=TIMEOUT_MS)
        screen.evaluate(ARRIVAL_PROBE)
        phone = phone_context.new_page()
        phone.goto(f"{phone_base}/join?board={code}&p={participant_id}")
        expect(phone.get_by_role("button", name=SUBMIT_LABEL)).to_be_visible(timeout=TIMEOUT_MS)
        phone.evaluate(CLICK_PROBE, SUBMIT_LABEL)
        # Both stamps use performance.timeOrigin + now(); check the two renderers agree with the wall clock.
        skew_probe = "() => performance.timeOrigin + performance.now() - Date.now()"
        skew_ms = phone.evaluate(skew_probe) - screen.evaluate(skew_probe)

        latencies, breakdowns = [], []
        for index in range(samples):
            text = f"meting {index:03d} {rng.getrandbits(32):08x}"
            pause = rng.uniform(0.1, 1.5)  # so that samples do not phase-lock to the screen's 1 s poll
            latency, breakdown = one_sample(phone, screen, zones[index % len(zones)], text, pause)
            latencies.append(latency)
            if breakdown:
                breakdowns.append(breakdown)
            print(f"  sample {index + 1:3d}/{samples}: {latency:.3f} s", flush=True)
    finally:
        screen_context.close()
        phone_context.close()
    return {"latencies": latencies, "breakdowns": breakdowns, "skew_ms": skew_ms}


def print_results(results: dict[str, dict]) -> None:
    """One table of latencies, then the stage breakdown of every run that has one."""
    print(f"\n{'run':<28} {'n':>3} {'median':>8} {'p95':>8} {'min':>8} {'max':>8} {'clock skew':>11}")
    for name, result in results.items():
        values = result["latencies"]
        print(
            f"{name:<28} {len(values):>3} {statistics.median(values):>8.3f} {percentile(values, 0.95):>8.3f}"
            f" {min(values):>8.3f} {max(values):>8.3f} {result['skew_ms']:>+9.1f}ms"
        )
    print("(seconds; clock skew = phone minus screen renderer clock vs Date.now(), which has 1 ms steps)")
    for name, result in results.items():
        if not result["breakdowns"]:
            continue
        print(f"\nwhere the time goes, {name} ({len(result['breakdowns'])} samples, seconds)")
        print(f"{'stage':<30} {'median':>8} {'p95':>8}")
        for stage, values in zip(STAGES, zip(*result["breakdowns"], strict=True), strict=True):
            print(f"{stage:<30} {statistics.median(values):>8.3f} {percentile(list(values), 0.95):>8.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modes", default="push,poll", help="comma-separated: push (serve.py), poll (app.py)")
    parser.add_argument("--samples", type=int, default=30, help="notes to send per mode (default 30)")
    parser.add_argument("--seed", type=int, default=None, help="random seed for the pauses")
    parser.add_argument("--notes", type=int, default=0, help="notes on the board before the first sample")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for mode in args.modes.split(","):
            script = MODES[mode]
            print(f"{mode} ({script})", flush=True)
            with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
                database_url = f"sqlite:///{Path(folder) / 'canvas.sqlite3'}"
                board = seed(database_url, args.notes)
                with running_app(database_url, script=script, log_path=Path(folder) / "server.log") as base:
                    results[f"{mode} ({script})"] = run_samples(browser, base, base, board, args.samples, rng)
        browser.close()
    print_results(results)


if __name__ == "__main__":
    main()
