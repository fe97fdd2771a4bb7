"""Focus stays with the facilitator's next step on the console (issue 23, item 5): after "Volgende fase", the
timer's buttons, saving a note and deleting one, focus went to <body>, and a keyboard or screen-reader user
started again at the top of the page. Each action here is done with the keyboard, and document.activeElement
is checked after the page has drawn again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.content import default_canvas
from canvas.models import BoardCreate, CreatedBoard, NoteCreate, ParticipantCreate, Party
from canvas.store import Store
from tests.browser import PROJECTOR, live_store, screen_url  # noqa: F401 - live_store is the store fixture

TIMEOUT_MS = 15_000
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


@pytest.fixture
def created(store: Store) -> CreatedBoard:
    board = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Focus"))
    snapshot = store.load_snapshot(board_id=board.board.id)
    zones = snapshot.zones_of(snapshot.active_canvas.id)
    person = store.join(board_id=board.board.id, new=ParticipantCreate(display_name="Ann", party=Party.FUNDER))
    for zone, text in zip(zones, ["Een paviljoen", "Meer bankjes", "Een buurtfonds"], strict=False):
        store.add_note(board_id=board.board.id, participant_id=person.id, new=NoteCreate(zone_id=zone.id, text=text))
    return board


def console(chromium: Browser, base: str, created: CreatedBoard) -> Page:
    page = chromium.new_context(**PROJECTOR).new_page()
    page.goto(screen_url(base, created, facilitator=True))
    page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)
    return page


def press(page: Page, locator) -> None:
    """Put focus on a control and press Enter, as a keyboard user does."""
    locator.focus()
    expect(locator).to_be_focused()
    page.keyboard.press("Enter")


def test_next_phase_keeps_focus_on_the_next_phase(
    chromium: Browser, live_app: tuple[str, str], created: CreatedBoard
) -> None:
    page = console(chromium, live_app[0], created)
    try:
        press(page, page.get_by_role("button", name="Volgende fase: Schrijven (privé)"))
        expect(page.get_by_role("button", name="Volgende fase: Laten zien")).to_be_focused(timeout=TIMEOUT_MS)
        press(page, page.get_by_role("button", name="Volgende fase: Laten zien"))
        expect(page.get_by_role("button", name="Volgende fase: Stemmen")).to_be_focused(timeout=TIMEOUT_MS)
    finally:
        page.context.close()


def test_the_timers_buttons_hand_focus_to_the_one_that_replaces_them(
    chromium: Browser, live_app: tuple[str, str], created: CreatedBoard
) -> None:
    page = console(chromium, live_app[0], created)
    try:
        press(page, page.get_by_role("button", name="Start"))
        expect(page.get_by_role("button", name="Pauze")).to_be_focused(timeout=TIMEOUT_MS)
        page.keyboard.press("Enter")
        resume = page.locator(".st-key-timer_resume button")
        expect(resume).to_be_focused(timeout=TIMEOUT_MS)
    finally:
        page.context.close()


def test_saving_and_deleting_a_note_keep_focus_in_the_panel(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    page = console(chromium, live_app[0], created)
    try:
        page.get_by_text("Notities wijzigen of verwijderen", exact=True).click()
        box = page.get_by_role("textbox", name="Tekst van de notitie (hoogstens 280 tekens)")
        box.fill("Een paviljoen in het park")
        save = page.locator("[class*=st-key-edit_any_save_] button")
        press(page, save)
        expect(page.get_by_text("Je notitie is gewijzigd.")).to_be_visible(timeout=TIMEOUT_MS)  # the rerun is drawn
        expect(save).to_be_focused(timeout=TIMEOUT_MS)
        assert "Een paviljoen in het park" in [n.text for n in store.load_snapshot(board_id=created.board.id).notes]

        press(page, page.locator("[data-testid=stPopover] button").filter(has_text="Verwijderen"))
        confirm = page.locator("[class*=st-key-edit_any_delete_] button")
        press(page, confirm)
        picker = page.get_by_role("combobox", name="Welke notitie?")
        expect(picker).to_be_focused(timeout=TIMEOUT_MS)
        assert len(store.load_snapshot(board_id=created.board.id).notes) == 2
    finally:
        page.context.close()
