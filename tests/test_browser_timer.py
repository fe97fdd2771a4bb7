"""Browser: the step's timer on a phone counts down by itself from the server's time (a wrong phone clock does
not matter), shows the frozen time when paused, and says when the time is up; the console and the projector
show the same time, also when one of them gets its page late."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from canvas.content import default_canvas
from canvas.models import BoardCreate, ParticipantCreate, Party
from canvas.store import Store
from tests.browser import PHONE, PROJECTOR, HeldRedraw, live_store, screen_url  # noqa: F401 - live_store is the store fixture

LIVE_TIMEOUT_MS = 20_000  # a wait, not a timing claim: the machine is shared and busy
# This phone's clock runs a day and a quarter of an hour ahead: the countdown must not care.
WRONG_CLOCK = """
(() => {
  const skew = (24 * 60 + 15) * 60 * 1000;
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args) { if (args.length) { super(...args); } else { super(RealDate.now() + skew); } }
    static now() { return RealDate.now() + skew; }
  }
  globalThis.Date = SkewedDate;
})();
"""


def test_the_timer_counts_down_on_a_phone_with_a_wrong_clock(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Klok"))
    board_id, token = created.board.id, created.facilitator_token
    canvas_id = store.load_snapshot(board_id=board_id).active_canvas.id
    person = store.join(board_id=board_id, new=ParticipantCreate(party=Party.OTHER)).id
    store.start_timer(board_id=board_id, canvas_id=canvas_id, seconds=245, facilitator_token=token)
    context = chromium.new_context(**PHONE)
    context.add_init_script(WRONG_CLOCK)
    try:
        phone = context.new_page()
        phone.goto(f"{base}/join?board={created.board.code}&p={person}")
        timer = phone.locator(".sc-timer")
        expect(timer).to_have_text(re.compile(r"^Nog [0-4]:\d\d$"), timeout=LIVE_TIMEOUT_MS)
        # Counted from the server's time: a countdown from this phone's clock would already be over.
        first = int(timer.get_attribute("data-seconds"))
        assert 0 < first <= 245
        # It counts down by itself: no rerun, no click.
        expect(timer).not_to_have_attribute("data-seconds", str(first), timeout=LIVE_TIMEOUT_MS)
        assert int(timer.get_attribute("data-seconds")) < first
        expect(timer).to_have_attribute("data-state", "running")

        store.pause_timer(board_id=board_id, canvas_id=canvas_id, facilitator_token=token)
        expect(timer).to_have_attribute("data-state", "paused", timeout=LIVE_TIMEOUT_MS)
        expect(timer).to_have_text(re.compile(r"^Nog [0-4]:\d\d \(pauze\)$"))

        store.start_timer(board_id=board_id, canvas_id=canvas_id, seconds=1, facilitator_token=token)
        expect(timer).to_have_text("De tijd is om", timeout=LIVE_TIMEOUT_MS)
        expect(timer).to_have_attribute("data-state", "done")
    finally:
        context.close()


IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


def test_the_console_and_the_projector_show_the_same_time_when_the_console_is_slow(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    """Issue #23: right after Start the console read 4:57 and the projector 4:52. Each counted down from when its
    page arrived, so a console whose redraw came seconds late showed seconds too many. Here the console's redraw
    after Start is held until the projector has counted down three seconds."""
    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Twee klokken"))
    console_context, projector_context = chromium.new_context(**PROJECTOR), chromium.new_context(**PROJECTOR)
    try:
        console, projector = console_context.new_page(), projector_context.new_page()
        gate = HeldRedraw(console)
        console.goto(screen_url(base, created, facilitator=True))
        projector.goto(screen_url(base, created))
        start = console.get_by_role("button", name="Start")
        expect(start).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        console.locator(IDLE).wait_for(timeout=LIVE_TIMEOUT_MS)
        projector.locator(IDLE).wait_for(timeout=LIVE_TIMEOUT_MS)

        gate.hold()
        start.click()
        on_projector = projector.locator(".sc-timer")
        expect(on_projector).to_have_attribute("data-state", "running", timeout=LIVE_TIMEOUT_MS)
        expect(on_projector).to_have_attribute("data-seconds", re.compile(r"^(29[0-6])$"), timeout=LIVE_TIMEOUT_MS)
        gate.release()
        on_console = console.locator(".sc-timer")
        expect(on_console).to_have_attribute("data-state", "running", timeout=LIVE_TIMEOUT_MS)

        # Read both at once, in one page each, as a person glancing from one screen to the other.
        console_seconds = int(on_console.get_attribute("data-seconds"))
        projector_seconds = int(on_projector.get_attribute("data-seconds"))
        assert abs(console_seconds - projector_seconds) <= 1, (console_seconds, projector_seconds)
    finally:
        console_context.close()
        projector_context.close()
