"""The board without a mouse and without eyes: keyboard moves on the console, names and announcements for
screen readers, the page's language. In the real app, in Debian's Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.store import Store
from tests.browser import PROJECTOR, screen_url, wait_until
from tests.test_browser import note_id_zone, seeded_board

TIMEOUT_MS = 10_000
MAX_TABS = 60  # the console's controls come before the board; the board is a handful of tab stops

# The element that really has focus, through the component's shadow root.
DEEP_ACTIVE = """() => {
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  return active ? {tag: active.tagName, note: active.dataset ? active.dataset.noteId || null : null} : null;
}"""


@pytest.fixture
def store(live_app: tuple[str, str]):
    the_store = Store(live_app[1])
    yield the_store
    the_store.close()


def tab_to_a_note(page: Page) -> str:
    """Press Tab until a note has focus; returns its id."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active = page.evaluate(DEEP_ACTIVE)
        if active and active["note"]:
            return active["note"]
    raise AssertionError(f"no note took focus in {MAX_TABS} presses of Tab")


def test_a_note_moves_to_another_zone_with_the_keyboard(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created, note_id = seeded_board(store, "Sleutel voor het buurthuis")
    legal_id = note_id_zone(store, created, "legal")
    goals_id = note_id_zone(store, created, "goals")
    context = chromium.new_context(**PROJECTOR)
    try:
        console = context.new_page()
        console.goto(screen_url(base, created, facilitator=True))
        expect(console.locator(".sc-note", has_text="Sleutel")).to_be_visible(timeout=TIMEOUT_MS)
        assert tab_to_a_note(console) == str(note_id)

        # Escape closes the dialog without a move, and focus goes back to the note.
        console.keyboard.press("Enter")
        dialog = console.get_by_role("dialog", name="Verplaats naar…")
        expect(dialog).to_be_visible()
        console.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        assert console.evaluate(DEEP_ACTIVE)["note"] == str(note_id)
        assert store.get_note(note_id=note_id).zone_id == goals_id

        # Enter, another zone, confirm: stored, drawn in the new zone, focus still on the note.
        revision = store.load_snapshot(board_id=created.board.id).revision
        console.keyboard.press("Enter")
        expect(dialog).to_be_visible()
        dialog.get_by_label("Vak", exact=True).select_option(label="Juridische kaders")
        dialog.get_by_role("button", name="Verplaatsen").focus()
        console.keyboard.press("Enter")
        wait_until(lambda: store.get_note(note_id=note_id).zone_id == legal_id, what="the move in the database")
        board = console.locator(".sc-board")
        expect(board).not_to_have_attribute("data-revision", str(revision), timeout=TIMEOUT_MS)
        moved = console.locator(".sc-zone[data-zone-key=legal] .sc-note", has_text="Sleutel")
        expect(moved).to_be_visible()
        assert console.evaluate(DEEP_ACTIVE)["note"] == str(note_id)

        presentation = context.new_page()
        presentation.goto(screen_url(base, created))
        expect(presentation.locator(".sc-zone[data-zone-key=legal] .sc-note", has_text="Sleutel")).to_be_visible(
            timeout=TIMEOUT_MS
        )
    finally:
        context.close()


def test_alt_arrow_moves_a_note_to_the_next_zone(chromium: Browser, live_app: tuple[str, str], store: Store) -> None:
    base, _ = live_app
    created, note_id = seeded_board(store, "Met Alt en een pijltje", zone_key="opentech")
    context = chromium.new_context(**PROJECTOR)
    try:
        console = context.new_page()
        console.goto(screen_url(base, created, facilitator=True))
        expect(console.locator(".sc-note", has_text="Alt en een pijltje")).to_be_visible(timeout=TIMEOUT_MS)
        tab_to_a_note(console)
        zones = console.locator(".sc-zone").evaluate_all("(zones) => zones.map((z) => z.dataset.zoneKey)")
        following = zones[zones.index("opentech") + 1]
        console.keyboard.press("Alt+ArrowRight")
        following_id = note_id_zone(store, created, following)
        wait_until(lambda: store.get_note(note_id=note_id).zone_id == following_id, what="the move in the database")
        expect(console.locator(f".sc-zone[data-zone-key={following}] .sc-note")).to_have_count(1)
        assert console.evaluate(DEEP_ACTIVE)["note"] == str(note_id)
    finally:
        context.close()
