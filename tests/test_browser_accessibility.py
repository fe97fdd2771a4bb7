"""Keyboard, focus and words in the real app (issue #12): what axe cannot see. A focus ring of 3:1 or more, no
needless tab stops, focus where the next step is, no Streamlit English, a long paste kept and flagged."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.content import default_canvas
from canvas.demo import ensure_demo_board
from canvas.models import NOTE_TEXT_MAX, BoardCreate, CreatedBoard
from canvas.store import Store
from tests.browser import PHONE, PROJECTOR, live_store  # noqa: F401 - live_store is the store fixture
from tests.phone import pick_zone

TIMEOUT_MS = 15_000
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"

# The focus ring as the page draws it: the focused element's own outline, or (radios, checkboxes and toggles
# hide their <input> in a box that clips it) the outline of the label around it; a ring on the hidden
# <input> itself would count for nothing.
FOCUS_RING = """() => {
  const focused = document.activeElement;
  const holder = focused.closest('[data-testid=stRadioOption], [data-testid=stCheckbox] label') || focused;
  const style = getComputedStyle(holder);
  const box = holder.getBoundingClientRect();
  return {width: parseFloat(style.outlineWidth), style: style.outlineStyle, color: style.outlineColor,
          seen: holder.tagName !== 'INPUT' && box.width > 10 && box.height > 10};
}"""


def contrast_with_white(css_color: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", css_color)[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return 1.05 / (luminance + 0.05)


@pytest.fixture
def created(store: Store) -> CreatedBoard:
    return store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Toegankelijk"))


def join_by_keyboard(phone: Page, base: str, code: str) -> None:
    phone.goto(f"{base}/join?board={code}")
    phone.get_by_role("textbox", name="Je naam (niet verplicht)").fill("Noor")
    # The party has no preset answer: chosen by keyboard, as the rest of this join.
    phone.get_by_role("radio", name="Bewonersinitiatief").focus()
    phone.keyboard.press("Space")
    expect(phone.get_by_role("radio", name="Bewonersinitiatief")).to_be_checked()
    phone.get_by_role("button", name="Doe mee").focus()
    phone.keyboard.press("Enter")


def test_the_focus_ring_has_3_to_1_contrast_on_buttons_and_radios(chromium: Browser, live_app: tuple[str, str]) -> None:
    page = chromium.new_context(**PROJECTOR).new_page()
    try:
        page.goto(live_app[0])
        page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("textbox", name="Naam van het bord").focus()
        page.keyboard.press("Tab")  # to the board language radios, by keyboard: :focus-visible applies
        ring = page.evaluate(FOCUS_RING)
        assert ring["seen"] and ring["style"] == "solid" and ring["width"] >= 2, ring
        assert contrast_with_white(ring["color"]) >= 3, ring
        page.get_by_role("button", name="Bord maken").focus()
        ring = page.evaluate(FOCUS_RING)
        assert ring["seen"] and ring["style"] == "solid" and ring["width"] >= 2, ring
        assert contrast_with_white(ring["color"]) >= 3, ring
    finally:
        page.context.close()


def test_headings_and_charts_add_no_tab_stops(chromium: Browser, live_app: tuple[str, str], store: Store) -> None:
    board, token = ensure_demo_board(store)
    page = chromium.new_context(**PROJECTOR).new_page()
    try:
        page.goto(f"{live_app[0]}/radar?board={board.code}&f={token}")
        page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)
        page.locator("[data-testid=stPlotlyChart] .main-svg").first.wait_for(state="attached", timeout=TIMEOUT_MS)
        expect(page.get_by_role("heading").first).to_be_visible()
        # "Link to heading" anchors: not shown, so not reachable by Tab.
        expect(page.locator("[data-testid=stHeaderActionElements] a:visible")).to_have_count(0)
        # plotly's mode bar (zoom, pan, download: 3 to 8 tab stops per chart) is not drawn at all.
        expect(page.locator(".modebar-btn")).to_have_count(0)
    finally:
        page.context.close()


def test_after_joining_focus_goes_to_the_zone_choice(
    chromium: Browser, live_app: tuple[str, str], created: CreatedBoard
) -> None:
    phone = chromium.new_context(**PHONE).new_page()
    try:
        join_by_keyboard(phone, live_app[0], created.board.code)
        # The phone's first zone (the zone choice is a group of radios: arrows move within it).
        expect(phone.get_by_role("radio", name="Governance", exact=True)).to_be_focused(timeout=TIMEOUT_MS)
        phone.keyboard.press("ArrowDown")
        expect(phone.get_by_role("radio", name="Financiën en middelen", exact=True)).to_be_checked()
        expect(phone.get_by_text("Welk geld, welke tijd en welke ruimte", exact=False)).to_be_visible()
    finally:
        phone.context.close()


def test_a_long_paste_is_kept_and_flagged_and_streamlit_says_nothing_in_english(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    phone = chromium.new_context(**PHONE).new_page()
    try:
        join_by_keyboard(phone, live_app[0], created.board.code)
        pick_zone(phone, "Gedeelde doelen")
        box = phone.get_by_role("textbox", name=f"Je notitie (hoogstens {NOTE_TEXT_MAX} tekens)")
        long_text = "Een buurtbudget dat bewoners zelf beheren. " * 7  # 301 characters, pasted at once
        box.fill(long_text)
        expect(box).to_have_value(long_text)  # nothing cut off by the browser
        # Streamlit's own "Press Ctrl+Enter to submit form" (English, and meaningless on a phone) is hidden.
        expect(phone.get_by_text(re.compile("Press .*Enter")).filter(visible=True)).to_have_count(0)
        phone.get_by_role("button", name="Plak op het bord").click()
        message = phone.get_by_text(f"Je notitie is {len(long_text)} tekens lang")
        expect(message).to_be_visible(timeout=TIMEOUT_MS)
        expect(box).to_have_value(long_text)  # kept, to shorten
        assert store.load_snapshot(board_id=created.board.id).notes == ()
    finally:
        phone.context.close()


def test_after_making_a_board_focus_is_on_the_recovery_code_shown_once(
    chromium: Browser, live_app: tuple[str, str]
) -> None:
    """Issue 23, item 5: focus went to "Presentatie openen", below the one-time recovery code, so a keyboard or
    screen-reader user skipped it. It goes to the box's heading; the next Tab reaches its link and code."""
    page = chromium.new_context(**PROJECTOR).new_page()
    try:
        page.goto(live_app[0])
        page.get_by_role("textbox", name="Naam van het bord").fill("Toetsenbord")
        page.get_by_role("button", name="Bord maken").focus()
        page.keyboard.press("Enter")
        heading = page.get_by_role("heading", name="Bewaar je begeleiderslink")
        expect(heading).to_be_focused(timeout=TIMEOUT_MS)
    finally:
        page.context.close()


def test_the_name_field_says_what_it_asks_for(
    chromium: Browser, live_app: tuple[str, str], created: CreatedBoard
) -> None:
    """WCAG 1.3.5 (issue 23, item 8): the name field had autocomplete="", so no browser could offer a name."""
    phone = chromium.new_context(**PHONE).new_page()
    try:
        phone.goto(f"{live_app[0]}/join?board={created.board.code}")
        name = phone.get_by_role("textbox", name="Je naam (niet verplicht)")
        expect(name).to_have_attribute("autocomplete", "nickname", timeout=TIMEOUT_MS)
    finally:
        phone.context.close()
