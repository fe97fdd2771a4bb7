"""The live channel, in the real app and Debian's Chromium (started with serve.py): screens draw each change
without a rerun, phones follow the facilitator, a burst lands at once, a deleted board closes every page."""

from __future__ import annotations

import signal
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from canvas.content import canvas_template, default_canvas
from canvas.models import BoardCreate, CreatedBoard, NoteCreate, ParticipantCreate, Party, Phase
from canvas.store import Store
from tests import phone as phone_helpers
from tests.browser import PHONE, PROJECTOR, running_app, screen_url, show_whole_board, start_app, wait_until

TIMEOUT_MS = 20_000  # a bound on waits, not a timing claim: the machine is shared and busy

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

# The phone's button is in a shadow root: the click's own target is the first of its composed path.
MARK_SUBMIT = """
() => { window.__submittedAt = null;
  document.addEventListener("click", (event) => {
    if (event.composedPath()[0].closest?.("button")?.innerText.includes("Plak op het bord")) {
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
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Live bord"))
    phone_participant = store.join(
        board_id=created.board.id, new=ParticipantCreate(display_name="Ans", party=Party.CIVIC)
    )
    return created, phone_participant.id


def events_url(base: str, created: CreatedBoard, **params: str) -> str:
    """The raw event stream of a board, as a screen of the facilitator would open it (unless ``params``)."""
    from urllib.parse import urlencode

    query = params if params else {"f": created.facilitator_token, "kind": "screen"}
    return f"{base}/events/{created.board.code}?{urlencode(query)}"


def note_from_elsewhere(store: Store, created: CreatedBoard, participant_id: str, text: str) -> None:
    """Write a note through the store in this test process: another process, as far as the app knows."""
    zone_id = store.load_snapshot(board_id=created.board.id).zones[0].id
    store.add_note(board_id=created.board.id, participant_id=participant_id, new=NoteCreate(zone_id=zone_id, text=text))


def open_screen(context: BrowserContext, base: str, created: CreatedBoard, *, facilitator: bool = False) -> Page:
    screen = context.new_page()
    screen.goto(screen_url(base, created, facilitator=facilitator))
    expect(screen.locator(".sc-zone")).to_have_count(8, timeout=TIMEOUT_MS)
    # A deep link as the very first request of a fresh server must find its page.
    expect(screen.get_by_text("Page not found")).to_have_count(0)
    return screen


def open_phone(context: BrowserContext, base: str, code: str, participant_id: str) -> Page:
    """A participant's phone, drawn (tests/phone.py), with a zone chosen for its next note."""
    phone = phone_helpers.open_phone(context.new_page(), base, code, participant_id)
    phone_helpers.pick_zone(phone, "Gedeelde doelen")
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
            screen = open_screen(screen_context, base, created)
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
            screen = open_screen(context, base, created)
            # The first stream must be open before the note is written: written earlier, its opening message
            # would carry the note, and no reconnect would be needed (the test failed so on a loaded machine).
            screen.wait_for_function("window.__streams.includes('open')", timeout=TIMEOUT_MS)
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
            screen = open_screen(screen_context, base, created)
            phone = open_phone(phone_context, base, created.board.code, participant_id)
            latency = send_note_and_time_it(phone, screen, "Via polling")
            assert screen.evaluate("window.__streams.length") == 0  # no stream was even tried
        finally:
            screen_context.close()
            phone_context.close()
    assert latency < 5, latency
    log = (tmp_path / "server.log").read_text()
    assert "shared screens poll" in log


def test_a_phone_that_was_offline_catches_up_from_the_stream(chromium: Browser, tmp_path: Path) -> None:
    """The phone loses its network while the facilitator moves on: it says so, keeps what is typed, and once
    the network is back its stream reconnects and the first message (the whole state) draws the step it
    missed. Streams end every second here, so the offline phone's stream is surely cut."""
    with app_server(tmp_path, "serve.py", CANVAS_STREAM_MAX_SECONDS="1") as (base, store):
        created, participant_id = new_board(store)
        board_id, token = created.board.id, created.facilitator_token
        canvas_id = store.load_snapshot(board_id=board_id).active_canvas.id
        context = chromium.new_context(**PHONE)
        context.add_init_script(COUNT_STREAMS)
        try:
            phone = open_phone(context, base, created.board.code, participant_id)
            root = phone.locator(phone_helpers.PHONE_ROOT)
            phone.get_by_role("textbox", name="Je notitie").fill("Onderweg getypt")
            phone.wait_for_function("window.__streams.includes('open')", timeout=TIMEOUT_MS)
            context.set_offline(True)
            expect(phone.get_by_text("Geen verbinding met het bord", exact=False)).to_be_visible(timeout=TIMEOUT_MS)
            errors = "window.__streams.filter((e) => e === 'error').length"
            phone.wait_for_function(f"{errors} >= 1", timeout=TIMEOUT_MS)  # the stream is cut
            store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.WRITE, facilitator_token=token)
            store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.REVEAL, facilitator_token=token)
            missed = phone.evaluate(errors)
            phone.wait_for_function(f"{errors} > {missed}", timeout=TIMEOUT_MS)  # tried again after it, and failed
            expect(root).to_have_attribute("data-phase", "open")  # nothing reached the phone meanwhile
            opened = phone.evaluate("window.__streams.filter((e) => e === 'open').length")
            context.set_offline(False)
            expect(root).to_have_attribute("data-phase", "reveal", timeout=TIMEOUT_MS)
            expect(phone.get_by_text("Live bord", exact=False).first).to_be_visible()
            expect(phone.get_by_text("Samenwerkingscanvas · Laten zien", exact=True)).to_be_visible()
            expect(phone.get_by_text("Geen verbinding met het bord", exact=False)).to_be_hidden()
            assert phone.evaluate("window.__streams.filter((e) => e === 'open').length") > opened
            expect(phone.get_by_role("textbox", name="Je notitie")).to_have_value("Onderweg getypt")
        finally:
            context.close()


def test_eight_tabs_of_one_browser_all_load_and_follow(chromium: Browser, tmp_path: Path) -> None:
    with app_server(tmp_path, "serve.py", CANVAS_REFRESH_SECONDS="60") as (base, store):
        created, participant_id = new_board(store)
        context = chromium.new_context(**PROJECTOR)
        try:
            tabs = [open_screen(context, base, created) for _ in range(8)]
            note_from_elsewhere(store, created, participant_id, "Voor alle tabs")
            for tab in tabs:
                expect(tab.locator(".sc-note", has_text="Voor alle tabs")).to_be_visible(timeout=TIMEOUT_MS)
        finally:
            context.close()


def test_the_server_exits_promptly_on_sigterm_with_a_stream_open(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'canvas.sqlite3'}"
    store = Store(database_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Stop"))
    store.close()
    with open(tmp_path / "server.log", "w") as log:
        process, base = start_app(database_url, script="serve.py", log=log)
        try:
            stream = urllib.request.urlopen(events_url(base, created), timeout=10)
            assert stream.headers["Content-Type"].startswith("text/event-stream")
            first_lines = [stream.readline() for _ in range(4)]
            assert any(line.startswith(b'data: {"rev":1,') for line in first_lines), first_lines
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
        phone_context = chromium.new_context(**PHONE)
        # A proxy in the way that answers every event stream with an error.
        for blocked in (context, phone_context):
            blocked.route("**/events/**", lambda route: route.fulfill(status=502, body="bad gateway"))
        try:
            screen = open_screen(context, base, created)
            phone = open_phone(phone_context, base, created.board.code, participant_id)
            note_from_elsewhere(store, created, participant_id, "Toch aangekomen")
            expect(screen.locator(".sc-note", has_text="Toch aangekomen")).to_be_visible(timeout=30_000)
            # The phone, too, follows the facilitator by polling once its stream gave up.
            store.add_canvas(
                board_id=created.board.id,
                template=canvas_template("experiment_canvas"),
                facilitator_token=created.facilitator_token,
            )
            expect(phone.get_by_text("Experimentkaart", exact=True)).to_be_visible(timeout=30_000)
        finally:
            context.close()
            phone_context.close()
    log = (tmp_path / "server.log").read_text()
    assert log.count("push failed in a browser") >= 2 and "falls back to polling" in log


def start_drag(page: Page, source) -> None:
    show_whole_board(page)
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
            screen = open_screen(context, base, created, facilitator=True)
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
            # ...the new state reaches the screen, and is held back: the dragged note stays in the hand.
            store_revision = store.get_revision(board_id=board_id)
            expect(screen.locator(".sc-board")).to_have_attribute("data-held-revision", str(store_revision))
            expect(screen.locator(".sc-note.sc-dragging")).to_have_count(1)
            expect(screen.locator(".sc-note", has_text="Intussen")).to_have_count(0)

            finish_drag(screen, screen.locator(".sc-zone[data-zone-key=legal]"))
            expect(screen.locator(".sc-zone[data-zone-key=legal] .sc-note", has_text="Sleep mij")).to_be_visible()
            # After the drop the board catches up with what happened meanwhile, and the move is stored.
            expect(screen.locator(".sc-note", has_text="Intussen")).to_be_visible(timeout=TIMEOUT_MS)
            wait_until(
                lambda: (
                    [n.text for n in store.load_snapshot(board_id=board_id).notes_in(zones["legal"])] == ["Sleep mij"]
                )
            )
            moved = str(store.get_revision(board_id=board_id))
            expect(screen.locator(".sc-board")).to_have_attribute("data-revision", moved, timeout=TIMEOUT_MS)
            # Notes and moves never rerun the page: the channel draws them.
            assert rerun_requests(screen) == 0
        finally:
            context.close()


def test_five_phones_at_once_land_together_without_a_rerun(chromium: Browser, tmp_path: Path) -> None:
    """A burst: every note reaches the screen through the channel, and the screen asks for no rerun at all
    (the old screen reran per revision and stalled for 4 s when a reply came back already stale)."""
    with app_server(tmp_path, "serve.py", CANVAS_REFRESH_SECONDS="60") as (base, store):
        created, _ = new_board(store)
        people = [
            store.join(board_id=created.board.id, new=ParticipantCreate(display_name=f"P{i}", party=Party.CIVIC)).id
            for i in range(5)
        ]
        screen_context = chromium.new_context(**PROJECTOR)
        phone_contexts = [chromium.new_context(**PHONE) for _ in people]
        try:
            screen = open_screen(screen_context, base, created)
            phones = []
            for index, (context, person) in enumerate(zip(phone_contexts, people, strict=True)):
                phone = open_phone(context, base, created.board.code, person)
                phone.get_by_role("textbox", name="Je notitie").fill(f"Tegelijk {index}")
                phones.append(phone)
            for phone in phones:  # five clicks in quick succession
                phone.get_by_role("button", name="Plak op het bord").click()
            for index in range(5):
                # On the board, not necessarily in sight: on the projector a full zone folds its last notes
                # behind "+ N meer" (the type is sized for the back row, docs/typography.md).
                expect(screen.locator(".sc-note", has_text=f"Tegelijk {index}")).to_be_attached(timeout=TIMEOUT_MS)
            wait_until(lambda: len(store.load_snapshot(board_id=created.board.id).notes) == 5)
            final = str(store.get_revision(board_id=created.board.id))
            expect(screen.locator(".sc-board")).to_have_attribute("data-revision", final, timeout=TIMEOUT_MS)
            assert rerun_requests(screen) == 0
        finally:
            screen_context.close()
            for context in phone_contexts:
                context.close()


def test_an_untouched_phone_follows_the_facilitator_and_every_page_closes_with_the_board(
    chromium: Browser, tmp_path: Path
) -> None:
    from canvas.models import RoundCreate

    with app_server(tmp_path, "serve.py", CANVAS_REFRESH_SECONDS="60") as (base, store):
        created, participant_id = new_board(store)
        board_id, token = created.board.id, created.facilitator_token
        phone_context = chromium.new_context(**PHONE)
        screen_context = chromium.new_context(**PROJECTOR)
        try:
            phone = open_phone(phone_context, base, created.board.code, participant_id)
            phone.get_by_role("textbox", name="Je notitie").fill("Half getypt")
            screen = open_screen(screen_context, base, created, facilitator=True)
            radar = screen_context.new_page()
            radar.goto(screen_url(base, created, page="radar"))
            expect(radar.get_by_text("Er is nog geen scoreronde", exact=False)).to_be_visible(timeout=TIMEOUT_MS)

            # The facilitator puts a tool's worksheet on the board (from another process, as a second replica
            # would): the phone offers its zones without anyone touching it.
            store.add_canvas(board_id=board_id, template=canvas_template("experiment_canvas"), facilitator_token=token)
            first_zone = canvas_template("experiment_canvas").zones[0].title("nl")
            expect(phone.get_by_text(first_zone, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
            expect(phone.get_by_role("textbox", name="Je notitie")).to_have_value("Half getypt")
            expect(screen.locator(".sc-zone")).to_have_count(len(canvas_template("experiment_canvas").zones))

            # A scoring round opens: the phone shows the scoring form.
            store.open_round(board_id=board_id, new=RoundCreate(title="Nu"), facilitator_token=token)
            expect(phone.get_by_role("group", name="Gedeelde doelen")).to_be_visible(timeout=TIMEOUT_MS)
            store.close_round(board_id=board_id, facilitator_token=token)
            expect(phone.get_by_role("textbox", name="Je notitie")).to_be_visible(timeout=TIMEOUT_MS)

            # The board is deleted: every open page says so.
            store.delete_board(board_id=board_id, facilitator_token=token)
            gone = "Dit bord bestaat niet meer"
            for page in (phone, screen, radar):
                expect(page.get_by_text(gone, exact=False).first).to_be_visible(timeout=TIMEOUT_MS)
        finally:
            phone_context.close()
            screen_context.close()


def read_events(url: str, count: int) -> tuple[int, tuple[str, ...]]:
    """Status and the first ``count`` data lines of an event stream (or the error body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as stream:
            lines = []
            while len(lines) < count:
                line = stream.readline().decode()
                if line.startswith("data: "):
                    lines.append(line[6:])
            return stream.status, tuple(lines)
    except urllib.error.HTTPError as error:
        return error.code, (error.read().decode(),)


def test_the_stream_tells_strangers_nothing_and_phones_only_what_they_may_see(tmp_path: Path) -> None:
    import json

    with app_server(tmp_path, "serve.py") as (base, store):
        created, ans = new_board(store)
        other = store.join(board_id=created.board.id, new=ParticipantCreate(display_name="Bert")).id
        note_from_elsewhere(store, created, other, "Alleen voor het scherm")

        # An unknown code and a real code without a key (or with a wrong one) get the same answer.
        answers = {
            read_events(f"{base}/events/ZZZZZZ?kind=screen", 1),
            read_events(f"{base}/events/{created.board.code}?kind=screen", 1),
            read_events(f"{base}/events/{created.board.code}?kind=screen&v=wrong&p=nobody", 1),
        }
        assert len(answers) == 1 and next(iter(answers))[0] == 404

        # A participant's page that asks for the drawing gets the revision and a signature (a hash) only: no
        # note text, no other participant's id, no secret.
        status, (signal_message,) = read_events(events_url(base, created, p=ans, kind="screen"), 1)
        assert status == 200 and set(json.loads(signal_message)) == {"rev", "sig"}
        for secret in (other, created.facilitator_token, "Alleen voor het scherm", "Bert"):
            assert secret not in signal_message
        # A phone gets what it draws: the room and its own notes, nobody else's while the canvas is written.
        note_from_elsewhere(store, created, ans, "Van Ans zelf")
        status, (phone_message,) = read_events(events_url(base, created, p=ans, kind="phone", lang="nl"), 1)
        assert status == 200 and set(json.loads(phone_message)) == {"rev", "now", "room", "own"}
        assert [n["text"] for n in json.loads(phone_message)["own"]["notes"]] == ["Van Ans zelf"]
        for secret in (other, ans, created.facilitator_token, "Alleen voor het scherm", "Bert"):
            assert secret not in phone_message
        # A screen gets the drawing, with names and text, but no ids or secrets either.
        status, (screen_message,) = read_events(events_url(base, created), 1)
        assert "Alleen voor het scherm" in screen_message and "Bert" in screen_message
        for secret in (other, ans, created.facilitator_token):
            assert secret not in screen_message

        # Guessing is cut off: after 30 failures from one address (three above), even a right link waits.
        for index in range(27):
            assert read_events(f"{base}/events/GUESS{index:02d}", 1)[0] == 404
        assert read_events(f"{base}/events/ZZZZZZ", 1)[0] == 429
        assert read_events(events_url(base, created), 1)[0] == 429


def test_notes_already_on_the_screen_keep_their_elements_when_others_arrive(chromium: Browser, tmp_path: Path) -> None:
    """Keyed updates: a new note adds one element; the others are the same DOM nodes as before (no redraw,
    no layout jump), and a deleted note's element goes."""
    with app_server(tmp_path, "serve.py", CANVAS_REFRESH_SECONDS="60") as (base, store):
        created, participant_id = new_board(store)
        note_from_elsewhere(store, created, participant_id, "Blijft staan")
        context = chromium.new_context(**PROJECTOR)
        try:
            screen = open_screen(context, base, created)
            kept = screen.locator(".sc-note", has_text="Blijft staan")
            expect(kept).to_be_visible(timeout=TIMEOUT_MS)
            kept.evaluate("(element) => { element.__sameNode = true; }")
            note_from_elsewhere(store, created, participant_id, "Komt erbij")
            expect(screen.locator(".sc-note", has_text="Komt erbij")).to_be_visible(timeout=TIMEOUT_MS)
            assert kept.evaluate("(element) => element.__sameNode === true")
            assert screen.locator(".sc-note.sc-new").count() == 1  # only the newcomer is marked as new
            doomed = store.load_snapshot(board_id=created.board.id).notes[-1]
            store.delete_note(note_id=doomed.id, participant_id=participant_id)
            expect(screen.locator(".sc-note", has_text="Komt erbij")).to_have_count(0, timeout=TIMEOUT_MS)
            assert kept.evaluate("(element) => element.__sameNode === true")
        finally:
            context.close()
