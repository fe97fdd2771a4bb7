"""Sync latency: how long from a participant pressing "Plak op het bord" on a phone until the note is on
the shared screen.

One Chromium, two contexts (so both pages share one clock): A is a phone (390 px) already joined as a
participant, B is the shared screen (1920 px). Per sample, A picks a zone and types a unique text; a
capture-phase click listener in A stamps ``performance.timeOrigin + performance.now()`` when the submit
button is clicked, and a MutationObserver in B (on the shadow root holding ``.sc-board``) stamps the same
clock when a ``.sc-note`` with that text appears. Latency = B stamp - A stamp, taken in the pages, never
from Playwright's polling. A random pause between samples keeps them from locking onto the 1 s poll.

Run from the repository root (``--script serve.py`` measures the push mode instead of polling):

    python3 bench/sync_latency.py --samples 30
    python3 bench/sync_latency.py --samples 30 --script serve.py
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from canvas.models import BoardCreate, ParticipantCreate, Party  # noqa: E402
from canvas.store import Store  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, PROJECTOR, running_app  # noqa: E402

SUBMIT_LABEL = "Plak op het bord"
TIMEOUT_MS = 15_000

# Phone: stamp the click on the submit button (capture phase, before Streamlit sees it).
CLICK_PROBE = """(label) => {
  window.__benchClicks = [];
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button");
    if (button && button.textContent.includes(label)) {
      window.__benchClicks.push(performance.timeOrigin + performance.now());
    }
  }, true);
}"""

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


def seed(database_url: str) -> tuple[str, str, list[str]]:
    """A board with one participant: (join code, participant id, zone titles as the phone shows them)."""
    from canvas.board_view import zone_label
    from canvas.models import Language

    store = Store(database_url)
    try:
        created = store.create_board(new=BoardCreate(title="Latentiebord"))
        participant = store.join(
            board_id=created.board.id, new=ParticipantCreate(display_name="Meter", party=Party.CIVIC)
        )
        snapshot = store.load_snapshot(board_id=created.board.id)
        canvas = snapshot.canvases[0]
        zones = [zone_label(canvas, zone, Language.NL)[0] for zone in snapshot.zones_of(canvas.id)]
        return created.board.code, str(participant.id), zones
    finally:
        store.close()


def one_sample(phone: Page, screen: Page, zone: str, text: str) -> float:
    """Submit one note on the phone; seconds until the shared screen showed it."""
    pill = phone.get_by_role("radio", name=zone, exact=True)  # st.pills renders role=radio buttons
    pill.click()
    expect(pill).to_have_attribute("aria-checked", "true")
    phone.get_by_role("textbox", name="Je notitie").fill(text)
    screen.evaluate("(text) => { window.__bench.expect = text; }", text)
    clicks_before = phone.evaluate("() => window.__benchClicks.length")
    phone.get_by_role("button", name=SUBMIT_LABEL).click()
    screen.wait_for_function("(text) => text in window.__bench.arrived", arg=text, timeout=TIMEOUT_MS)
    # The phone must have finished its own rerun (text box cleared, note listed) before the next sample.
    expect(phone.get_by_test_id("stText").get_by_text(text, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(phone.get_by_role("textbox", name="Je notitie")).to_have_value("", timeout=TIMEOUT_MS)
    clicks = phone.evaluate("() => window.__benchClicks")
    assert len(clicks) == clicks_before + 1, f"expected one submit click, saw {len(clicks) - clicks_before}"
    arrived = screen.evaluate("(text) => window.__bench.arrived[text]", text)
    return (arrived - clicks[-1]) / 1000


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=30, help="number of notes to send (default 30)")
    parser.add_argument("--script", default="app.py", help="app.py (screens poll, default) or serve.py (push)")
    parser.add_argument("--seed", type=int, default=None, help="random seed for the pauses")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        database_url = f"sqlite:///{Path(folder) / 'canvas.sqlite3'}"
        code, participant_id, zones = seed(database_url)
        with (
            running_app(database_url, script=args.script, log_path=Path(folder) / "server.log") as base,
            sync_playwright() as p,
        ):
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            screen = browser.new_context(**PROJECTOR).new_page()
            screen.goto(f"{base}/board?board={code}")
            expect(screen.locator(".sc-zone")).to_have_count(len(zones), timeout=TIMEOUT_MS)
            screen.evaluate(ARRIVAL_PROBE)

            phone = browser.new_context(**PHONE).new_page()
            phone.goto(f"{base}/join?board={code}&p={participant_id}")
            expect(phone.get_by_role("button", name=SUBMIT_LABEL)).to_be_visible(timeout=TIMEOUT_MS)
            phone.evaluate(CLICK_PROBE, SUBMIT_LABEL)

            # Both stamps use performance.timeOrigin + now(); check the two renderers agree with the wall clock.
            skew_probe = "() => performance.timeOrigin + performance.now() - Date.now()"
            clock_skew_ms = phone.evaluate(skew_probe) - screen.evaluate(skew_probe)

            latencies = []
            for index in range(args.samples):
                time.sleep(rng.uniform(0.3, 1.7))  # not phase-locked to the screen's 1 s poll
                text = f"meting {index:03d} {rng.getrandbits(32):08x}"
                latency = one_sample(phone, screen, zones[index % len(zones)], text)
                latencies.append(latency)
                print(f"sample {index + 1:3d}/{args.samples}: {latency:.3f} s", flush=True)
            browser.close()

    print()
    print(f"script  {args.script}")
    print(f"n       {len(latencies)}")
    print(f"median  {statistics.median(latencies):.3f} s")
    print(f"p95     {percentile(latencies, 0.95):.3f} s")
    print(f"min     {min(latencies):.3f} s")
    print(f"max     {max(latencies):.3f} s")
    print(f"(clock offset phone - screen vs Date.now(): {clock_skew_ms:+.1f} ms, Date.now() has 1 ms steps)")


if __name__ == "__main__":
    main()
