# ruff: noqa: E501 - the page probes are JavaScript, kept on one line each for reading
"""The live channel under a workshop's load: a burst of notes, phones following the facilitator, and the
server's CPU and memory with many pages open.

Scenarios (each on a fresh server, ``serve.py``, over a fresh SQLite board; one Chromium, every page in its
own browser context; times are stamped inside the pages with ``performance.timeOrigin + now()``, which all
pages of one browser share):

- ``burst``: N phones (390 px) each have a note typed; their submit buttons are clicked one after the other
  as fast as the browser allows. Per note: click on its phone -> note in the shared screen's DOM. Also the
  span from the first click to the last note on the screen.
- ``follow``: N idle phones on the note form. The facilitator (1920 px console) clicks another canvas in
  the canvas picker; per phone: click -> the new canvas's first zone shown on the phone. Then the
  facilitator opens a scoring round on the radar page; per phone: click -> the scoring form shown.
- ``phases``: N idle phones. The facilitator presses "Volgende fase" on the console four times (private
  writing, reveal, voting, discussion); per step and phone: click -> the phone says the new phase.
- ``load``: S shared screens and P phone pages open at once. Server CPU (utime + stime of the streamlit
  process, from /proc) over an idle window, then during a burst of B notes over 10 s written by the phones,
  and the server's RSS at the end. Only the server is measured, never Chromium.

Run from the repository root:

    python3 bench/live_channel.py --scenario burst --phones 10
    python3 bench/live_channel.py --scenario follow --phones 10
    python3 bench/live_channel.py --scenario phases --phones 10
    python3 bench/live_channel.py --scenario load --screens 2 --phones 60 --notes 30
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402
from sync_latency import percentile  # noqa: E402 - bench/ is the script's folder
from tick_cost import cpu_seconds, rss_mib, server_pid  # noqa: E402

from canvas.content import canvas_template, default_canvas  # noqa: E402
from canvas.i18n import t  # noqa: E402
from canvas.models import BoardCreate, CreatedBoard, Language, ParticipantCreate, Party  # noqa: E402
from canvas.store import Store, viewer_key_for  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, PROJECTOR, running_app  # noqa: E402

TIMEOUT_MS = 60_000
NOW = "() => performance.timeOrigin + performance.now()"
SUBMIT = "Plak op het bord"
# A phone: stamp the click on its submit button (capture phase).
CLICK_PROBE = """(label) => {
  window.__clicked = null;
  document.addEventListener("click", (event) => {
    if (event.target.closest?.("button")?.textContent.includes(label)) window.__clicked = performance.timeOrigin + performance.now();
  }, true);
}"""
# A phone: click its submit button at the shared-clock instant `at`.
CLICK_AT = """([label, at]) => {
  const button = [...document.querySelectorAll("button")].find((b) => b.textContent.includes(label));
  setTimeout(() => button.click(), at - (performance.timeOrigin + performance.now()));
}"""
# Any page: stamp when an element matching `selector` whose text is `text` first exists (light DOM or shadow).
SEEN_PROBE = """([selector, text]) => {
  window.__seen = null;
  const present = () => {
    const roots = [document, ...[...document.querySelectorAll("*")].filter((n) => n.shadowRoot).map((n) => n.shadowRoot)];
    return roots.some((root) => [...root.querySelectorAll(selector)].some((el) => el.textContent.trim() === text));
  };
  const check = () => { if (window.__seen === null && present()) window.__seen = performance.timeOrigin + performance.now(); };
  const observe = (root) => new MutationObserver(check).observe(root, { subtree: true, childList: true, characterData: true });
  observe(document.body);
  for (const node of document.querySelectorAll("*")) if (node.shadowRoot) observe(node.shadowRoot);
}"""


def seed(database_url: str, phones: int) -> tuple[CreatedBoard, list[str]]:
    store = Store(database_url)
    try:
        created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Werkbord"))
        people = [
            store.join(board_id=created.board.id, new=ParticipantCreate(display_name=f"P{i}", party=Party.CIVIC)).id
            for i in range(phones)
        ]
        return created, people
    finally:
        store.close()


def open_phone(browser: Browser, base: str, code: str, person: str) -> Page:
    page = browser.new_context(**PHONE).new_page()
    page.goto(f"{base}/join?board={code}&p={person}", timeout=TIMEOUT_MS)
    expect(page.get_by_role("button", name=SUBMIT)).to_be_visible(timeout=TIMEOUT_MS)
    return page


def open_screen(browser: Browser, base: str, created: CreatedBoard, *, facilitator: bool = False) -> Page:
    page = browser.new_context(**PROJECTOR).new_page()
    secret = f"f={created.facilitator_token}" if facilitator else f"v={viewer_key_for(created.facilitator_token)}"
    page_name = "console" if facilitator else "presentation"
    page.goto(f"{base}/{page_name}?board={created.board.code}&{secret}", timeout=TIMEOUT_MS)
    expect(page.locator(".sc-zone").first).to_be_visible(timeout=TIMEOUT_MS)
    return page


def choose_zone(phone: Page) -> None:
    phone.get_by_role("radio", name="Gedeelde doelen", exact=True).click()
    expect(phone.get_by_text("Wat willen we samen bereiken", exact=False)).to_be_visible(timeout=TIMEOUT_MS)


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:<44} n={len(values):<3} median {statistics.median(values):.3f}  p95 {percentile(values, 0.95):.3f}"
        f"  min {min(values):.3f}  max {max(values):.3f}  (s)"
    )


def burst(browser: Browser, base: str, created: CreatedBoard, people: list[str]) -> None:
    screen = open_screen(browser, base, created)
    phones = []
    for index, person in enumerate(people):
        phone = open_phone(browser, base, created.board.code, person)
        choose_zone(phone)
        phone.get_by_role("textbox", name="Je notitie").fill(f"Burst {index:02d}")
        phone.evaluate(CLICK_PROBE, SUBMIT)
        phones.append(phone)
    screen.evaluate("""() => {
      window.__arrived = {};
      const host = [...document.querySelectorAll("*")].find((n) => n.shadowRoot?.querySelector(".sc-board"));
      new MutationObserver(() => {
        for (const el of host.shadowRoot.querySelectorAll(".sc-note-text")) {
          if (!(el.textContent in window.__arrived)) window.__arrived[el.textContent] = performance.timeOrigin + performance.now();
        }
      }).observe(host.shadowRoot, { subtree: true, childList: true, characterData: true });
    }""")
    # Every phone clicks at the same moment: a timer in each page, aimed at one instant of the shared clock.
    at = phones[0].evaluate(NOW) + 1500
    for phone in phones:
        phone.evaluate(CLICK_AT, [SUBMIT, at])
    screen.wait_for_function(f"() => Object.keys(window.__arrived).length >= {len(phones)}", timeout=TIMEOUT_MS)
    arrived = screen.evaluate("() => window.__arrived")
    clicks = [phone.evaluate("() => window.__clicked") for phone in phones]
    latencies = [(arrived[f"Burst {i:02d}"] - clicks[i]) / 1000 for i in range(len(phones))]
    print(f"clicks spread over {(max(clicks) - min(clicks)) / 1000:.3f} s")
    print(summary(f"burst of {len(phones)}: click -> note on screen", latencies))
    print(f"first click -> last note on screen: {(max(arrived.values()) - min(clicks)) / 1000:.3f} s")
    print(
        f"last click -> its note on screen: {latencies[-1]:.3f} s; rerun requests on the screen: "
        f"{screen.locator('.sc-board').get_attribute('data-rerun-requests') or 0}"
    )


def follow(browser: Browser, base: str, created: CreatedBoard, people: list[str]) -> None:
    store = Store(running_database)
    store.add_canvas(
        board_id=created.board.id,
        template=canvas_template("experiment_canvas"),
        facilitator_token=created.facilitator_token,
    )
    store.show_canvas(
        board_id=created.board.id,
        canvas_id=store.load_snapshot(board_id=created.board.id).canvases[0].id,
        facilitator_token=created.facilitator_token,
    )
    store.close()
    console = open_screen(browser, base, created, facilitator=True)
    phones = [open_phone(browser, base, created.board.code, person) for person in people]
    target = canvas_template("experiment_canvas").zones[0].title("nl")
    for phone in phones:
        phone.evaluate(SEEN_PROBE, ["label span", target])  # a zone choice of the new canvas
    console.evaluate(
        "() => { window.__clicked = null; document.addEventListener('click', () => { window.__clicked ??= performance.timeOrigin + performance.now(); }, true); }"
    )
    console.get_by_text("Experimentkaart", exact=True).click()
    for phone in phones:
        phone.wait_for_function("() => window.__seen !== null", timeout=TIMEOUT_MS)
    clicked = console.evaluate("() => window.__clicked")
    print(
        summary(
            f"canvas switch -> {len(phones)} phones show it",
            [(p.evaluate("() => window.__seen") - clicked) / 1000 for p in phones],
        )
    )

    radar = console.context.new_page()
    radar.goto(f"{base}/radar?board={created.board.code}&f={created.facilitator_token}", timeout=TIMEOUT_MS)
    open_button = radar.get_by_role("button", name="Nieuwe scoreronde openen")
    expect(open_button).to_be_visible(timeout=TIMEOUT_MS)
    for phone in phones:
        phone.evaluate(SEEN_PROBE, ["h2", "Waar staat onze samenwerking?"])  # the scoring round's heading
    radar.evaluate(
        "() => { window.__clicked = null; document.addEventListener('click', () => { window.__clicked ??= performance.timeOrigin + performance.now(); }, true); }"
    )
    open_button.click()
    for phone in phones:
        phone.wait_for_function("() => window.__seen !== null", timeout=TIMEOUT_MS)
    clicked = radar.evaluate("() => window.__clicked")
    print(
        summary(
            f"round opened -> {len(phones)} phones score",
            [(p.evaluate("() => window.__seen") - clicked) / 1000 for p in phones],
        )
    )


# What each phone says once it follows the facilitator into a phase: "<canvas> · <phase>", its step's heading.
PHASE_MARKERS = tuple(
    (phase, f"Samenwerkingscanvas · {t(f'facilitation.phase_{phase}', Language.NL)}")
    for phase in ("write", "reveal", "vote", "discuss")
)


def phases(browser: Browser, base: str, created: CreatedBoard, people: list[str]) -> None:
    console = open_screen(browser, base, created, facilitator=True)
    phones = [open_phone(browser, base, created.board.code, person) for person in people]
    for phase, marker in PHASE_MARKERS:
        console.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=TIMEOUT_MS)
        for phone in phones:
            phone.evaluate(SEEN_PROBE, ["h2", marker])
        console.evaluate(
            "() => { window.__clicked = null; document.addEventListener('click', () => { window.__clicked ??= performance.timeOrigin + performance.now(); }, true); }"
        )
        console.get_by_role("button", name="Volgende fase", exact=False).click()
        for phone in phones:
            phone.wait_for_function("() => window.__seen !== null", timeout=TIMEOUT_MS)
        clicked = console.evaluate("() => window.__clicked")
        print(
            summary(
                f"next phase ({phase}) -> {len(phones)} phones show it",
                [(p.evaluate("() => window.__seen") - clicked) / 1000 for p in phones],
            )
        )


def load(
    browser: Browser, base: str, created: CreatedBoard, people: list[str], screens: int, notes: int, idle: float
) -> None:
    pid = server_pid(int(base.rsplit(":", 1)[1]))
    started = time.monotonic()
    screen_pages = [open_screen(browser, base, created) for _ in range(screens)]
    phones = []
    for person in people:
        phones.append(open_phone(browser, base, created.board.code, person))
    print(
        f"opened {screens} screens and {len(phones)} phones in {time.monotonic() - started:.0f} s; RSS {rss_mib(pid):.0f} MiB"
    )
    for phone in phones[:notes]:
        choose_zone(phone)
    time.sleep(5)  # settle: let every page finish its first runs before the quiet window
    before, at = cpu_seconds(pid), time.monotonic()
    time.sleep(idle)
    idle_cpu = (cpu_seconds(pid) - before) / (time.monotonic() - at) * 100
    print(f"idle: {idle_cpu:.1f} % of one core over {idle:.0f} s; RSS {rss_mib(pid):.0f} MiB")

    writers = (phones * ((notes // max(1, len(phones))) + 1))[:notes]
    before, at = cpu_seconds(pid), time.monotonic()
    for index, phone in enumerate(writers):
        phone.get_by_role("textbox", name="Je notitie").fill(f"Last {index:03d}")
        phone.get_by_role("button", name=SUBMIT).click(no_wait_after=True)
        time.sleep(max(0.0, at + (index + 1) * 10 / notes - time.monotonic()))
    for page in screen_pages:
        expect(page.locator(".sc-note")).to_have_count(notes, timeout=TIMEOUT_MS)
    busy = time.monotonic() - at
    busy_cpu = (cpu_seconds(pid) - before) / busy * 100
    print(
        f"burst of {notes} notes over {busy:.1f} s (until every screen had them): {busy_cpu:.1f} % of one core; RSS {rss_mib(pid):.0f} MiB"
    )


running_database = ""


def main() -> None:
    global running_database
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", choices=["burst", "follow", "phases", "load"], required=True)
    parser.add_argument("--phones", type=int, default=10)
    parser.add_argument("--screens", type=int, default=2)
    parser.add_argument("--notes", type=int, default=30)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of the idle window (load)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-live-") as folder, sync_playwright() as playwright:
        running_database = f"sqlite:///{Path(folder) / 'canvas.sqlite3'}"
        created, people = seed(running_database, args.phones)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with running_app(running_database, script="serve.py", log_path=Path(folder) / "server.log") as base:
            print(
                f"{args.scenario}: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, load average {Path('/proc/loadavg').read_text().split()[0]}"
            )
            if args.scenario == "burst":
                burst(browser, base, created, people)
            elif args.scenario == "follow":
                follow(browser, base, created, people)
            elif args.scenario == "phases":
                phases(browser, base, created, people)
            else:
                load(browser, base, created, people, args.screens, args.notes, args.idle)
        browser.close()


if __name__ == "__main__":
    main()
