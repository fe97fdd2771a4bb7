"""Live updates by push, in the real app and Debian's Chromium (started with serve.py)."""

from __future__ import annotations

import signal
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from canvas.models import BoardCreate, CreatedBoard, NoteCreate, ParticipantCreate, Party
from canvas.store import Store
from tests.browser import PHONE, PROJECTOR, running_app, start_app

TIMEOUT_MS = 10_000

# Records when an EventSource opens or fails, so a test can see a reconnect happen.
COUNT_STREAMS = """
(() => {
  const Original = window.EventSource;
  window.__streams = [];
  window.EventSource = class extends Original {
    constructor(url, init) {
      super(url, init);
      this.addEventListener("open", () => window.__streams.push("open"));
      this.addEventListener("error", () => window.__streams.push("error"));
    }
  };
})();
"""

# In the shared screen: the time (ms since the epoch, sub-millisecond) at which a note with the given
# text first appears. Both contexts live in one browser, so they share a clock.
WATCH_FOR_NOTE = """
(text) => {
  const host = [...document.querySelectorAll("*")].find((el) => el.shadowRoot?.querySelector(".sc-board"));
  const root = host.shadowRoot;
  const found = () => [...root.querySelectorAll(".sc-note-text")].some((el) => el.textContent === text);
  window.__noteSeenAt = null;
  const observer = new MutationObserver(() => {
    if (found()) { observer.disconnect(); window.__noteSeenAt = performance.timeOrigin + performance.now(); }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
}
"""

MARK_SUBMIT = """
() => { window.__submittedAt = null;
  document.addEventListener("click", (event) => {
    if (event.target.closest("button")?.innerText.includes("Plak op het bord")) {
      window.__submittedAt = performance.timeOrigin + performance.now();
    }
  }, { capture: true, once: true });
}
"""


@contextmanager
def app_server(tmp_path: Path, script: str, **env: str) -> Iterator[tuple[str, Store]]:
    database_url = f"sqlite:///{tmp_path / 'canvas.sqlite3'}"
    store = Store(database_url)
    try:
        with running_app(database_url, script=script, extra_env=env, log_path=tmp_path / "server.log") as base:
            yield base, store
    finally:
        store.close()


def new_board(store: Store) -> tuple[CreatedBoard, str]:
    created = store.create_board(new=BoardCreate(title="Live bord"))
    phone_participant = store.join(
        board_id=created.board.id, new=ParticipantCreate(display_name="Ans", party=Party.CIVIC)
    )
    return created, phone_participant.id


def note_from_elsewhere(store: Store, created: CreatedBoard, participant_id: str, text: str) -> None:
    """Write a note through the store in this test process: another process, as far as the app knows."""
    zone_id = store.load_snapshot(board_id=created.board.id).zones[0].id
    store.add_note(board_id=created.board.id, participant_id=participant_id, new=NoteCreate(zone_id=zone_id, text=text))


def open_screen(context: BrowserContext, base: str, code: str) -> Page:
    screen = context.new_page()
    screen.goto(f"{base}/board?board={code}")
    expect(screen.locator(".sc-zone")).to_have_count(8, timeout=TIMEOUT_MS)
    # A deep link as the very first request of a fresh server must find its page.
    expect(screen.get_by_text("Page not found")).to_have_count(0)
    return screen


def open_phone(context: BrowserContext, base: str, code: str, participant_id: str) -> Page:
    phone = context.new_page()
    phone.goto(f"{base}/join?board={code}&p={participant_id}")
    phone.get_by_text("Gedeelde doelen", exact=True).click()
    return phone


def send_note_and_time_it(phone: Page, screen: Page, text: str) -> float:
    """Seconds from the click on the phone to the note in the shared screen's DOM, measured in-page."""
    screen.evaluate(WATCH_FOR_NOTE, text)
    phone.evaluate(MARK_SUBMIT)
    phone.get_by_role("textbox", name="Je notitie").fill(text)
    phone.get_by_role("button", name="Plak op het bord").click()
    expect(screen.locator(".sc-note", has_text=text)).to_be_visible(timeout=TIMEOUT_MS)
    seen_at = screen.wait_for_function("window.__noteSeenAt", timeout=TIMEOUT_MS).json_value()
    return (seen_at - phone.evaluate("window.__submittedAt")) / 1000


def test_a_note_reaches_the_shared_screen_by_push_without_a_timer(chromium: Browser, tmp_path: Path) -> None:
    # Polling every 60 s: if the note arrives in well under a second, push brought it.
    with app_server(tmp_path, "serve.py", CANVAS_REFRESH_SECONDS="60") as (base, store):
        created, participant_id = new_board(store)
        screen_context = chromium.new_context(**PROJECTOR)
        phone_context = chromium.new_context(**PHONE)
        try:
            screen = open_screen(screen_context, base, created.board.code)
            phone = open_phone(phone_context, base, created.board.code, participant_id)
            latencies = [send_note_and_time_it(phone, screen, f"Pushbericht {i}") for i in range(3)]
        finally:
            screen_context.close()
            phone_context.close()
    # The old polling took 0.6 s on average and up to 1 s; push takes a few hundredths.
    assert max(latencies) < 0.5, latencies


def test_a_dropped_stream_reconnects_and_catches_up(chromium: Browser, tmp_path: Path) -> None:
    # Streams end every second (as a proxy might cut them); the hub never looks for writes from other
    # processes, so a note written by this test process shows up only through a reconnect's catch-up.
    env = {"CANVAS_STREAM_MAX_SECONDS": "1", "CANVAS_PUSH_CHECK_SECONDS": "3600", "CANVAS_REFRESH_SECONDS": "60"}
    with app_server(tmp_path, "serve.py", **env) as (base, store):
        created, participant_id = new_board(store)
        context = chromium.new_context(**PROJECTOR)
        context.add_init_script(COUNT_STREAMS)
        try:
            screen = open_screen(context, base, created.board.code)
            note_from_elsewhere(store, created, participant_id, "Ingehaald")
            expect(screen.locator(".sc-note", has_text="Ingehaald")).to_be_visible(timeout=TIMEOUT_MS)
            assert screen.evaluate("window.__streams.filter((e) => e === 'open').length") >= 2
        finally:
            context.close()


def test_starting_the_navigation_script_directly_still_updates_by_polling(chromium: Browser, tmp_path: Path) -> None:
    with app_server(tmp_path, "app.py", CANVAS_REFRESH_SECONDS="1") as (base, store):
        created, participant_id = new_board(store)
        screen_context = chromium.new_context(**PROJECTOR)
        phone_context = chromium.new_context(**PHONE)
        screen_context.add_init_script(COUNT_STREAMS)
        try:
            screen = open_screen(screen_context, base, created.board.code)
            phone = open_phone(phone_context, base, created.board.code, participant_id)
            latency = send_note_and_time_it(phone, screen, "Via polling")
            assert screen.evaluate("window.__streams.length") == 0  # no stream was even tried
        finally:
            screen_context.close()
            phone_context.close()
    assert latency < 5, latency
    log = (tmp_path / "server.log").read_text()
    assert "shared screens poll" in log


def test_eight_tabs_of_one_browser_all_load_and_follow(chromium: Browser, tmp_path: Path) -> None:
    with app_server(tmp_path, "serve.py", CANVAS_REFRESH_SECONDS="60") as (base, store):
        created, participant_id = new_board(store)
        context = chromium.new_context(**PROJECTOR)
        try:
            tabs = [open_screen(context, base, created.board.code) for _ in range(8)]
            note_from_elsewhere(store, created, participant_id, "Voor alle tabs")
            for tab in tabs:
                expect(tab.locator(".sc-note", has_text="Voor alle tabs")).to_be_visible(timeout=TIMEOUT_MS)
        finally:
            context.close()


def test_the_server_exits_promptly_on_sigterm_with_a_stream_open(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'canvas.sqlite3'}"
    store = Store(database_url)
    created = store.create_board(new=BoardCreate(title="Stop"))
    store.close()
    with open(tmp_path / "server.log", "w") as log:
        process, base = start_app(database_url, script="serve.py", log=log)
        try:
            stream = urllib.request.urlopen(f"{base}/events/{created.board.code}", timeout=10)
            assert stream.headers["Content-Type"].startswith("text/event-stream")
            first_lines = [stream.readline() for _ in range(4)]
            assert b'data: {"rev": 1}\n' in first_lines
            reader = threading.Thread(target=stream.read, daemon=True)  # keeps the stream open and drained
            reader.start()

            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
            took = time.monotonic() - started
        finally:
            if process.poll() is None:
                process.kill()
    assert took < 3, f"shutdown took {took:.1f} s"


def test_a_stream_that_keeps_failing_falls_back_to_polling_and_says_so(chromium: Browser, tmp_path: Path) -> None:
    with app_server(tmp_path, "serve.py", CANVAS_REFRESH_SECONDS="1") as (base, store):
        created, participant_id = new_board(store)
        context = chromium.new_context(**PROJECTOR)
        # A proxy in the way that answers every event stream with an error.
        context.route("**/events/**", lambda route: route.fulfill(status=502, body="bad gateway"))
        try:
            screen = open_screen(context, base, created.board.code)
            note_from_elsewhere(store, created, participant_id, "Toch aangekomen")
            expect(screen.locator(".sc-note", has_text="Toch aangekomen")).to_be_visible(timeout=30_000)
        finally:
            context.close()
    log = (tmp_path / "server.log").read_text()
    assert "push failed in a browser" in log and "falls back to polling" in log


def start_drag(page: Page, source) -> None:
    box = source.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 40, box["y"] + box["height"] / 2 + 30, steps=5)


def finish_drag(page: Page, target) -> None:
    box = target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()


def rerun_requests(page: Page) -> int:
    return int(page.locator(".sc-board").get_attribute("data-rerun-requests") or 0)


def test_no_redraw_mid_drag_and_no_second_rerun_for_your_own_move(chromium: Browser, tmp_path: Path) -> None:
    with app_server(tmp_path, "serve.py", CANVAS_REFRESH_SECONDS="60") as (base, store):
        created, participant_id = new_board(store)
        board_id = created.board.id
        zones = {z.key: z.id for z in store.load_snapshot(board_id=board_id).zones}
        store.add_note(
            board_id=board_id, participant_id=participant_id, new=NoteCreate(zone_id=zones["goals"], text="Sleep mij")
        )
        context = chromium.new_context(**PROJECTOR)
        try:
            screen = context.new_page()
            screen.goto(f"{base}/board?board={created.board.code}&f={created.facilitator_token}")
            note = screen.locator(".sc-note", has_text="Sleep mij")
            expect(note).to_be_visible(timeout=TIMEOUT_MS)

            start_drag(screen, note)
            expect(screen.locator(".sc-note.sc-dragging")).to_have_count(1)
            # Someone else writes while the note is in the facilitator's hand...
            store.add_note(
                board_id=board_id,
                participant_id=participant_id,
                new=NoteCreate(zone_id=zones["values"], text="Intussen"),
            )
            screen.wait_for_timeout(1500)
            # ...and the board does not redraw under the hand: the dragged note is still held.
            expect(screen.locator(".sc-note.sc-dragging")).to_have_count(1)
            expect(screen.locator(".sc-note", has_text="Intussen")).to_have_count(0)
            before_drop = rerun_requests(screen)

            finish_drag(screen, screen.locator(".sc-zone[data-zone-key=legal]"))
            expect(screen.locator(".sc-zone[data-zone-key=legal] .sc-note", has_text="Sleep mij")).to_be_visible()
            # After the drop the board catches up with what happened meanwhile.
            expect(screen.locator(".sc-note", has_text="Intussen")).to_be_visible(timeout=TIMEOUT_MS)
            screen.wait_for_timeout(1500)
            assert (
                store.get_note(note_id=store.load_snapshot(board_id=board_id).notes_in(zones["legal"])[0].id).text
                == "Sleep mij"
            )
            # The move's own rerun brings the new revision: the stream's news of it asks for no second one.
            assert rerun_requests(screen) == before_drop
        finally:
            context.close()
