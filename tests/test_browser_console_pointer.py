"""The console's board for a person with one pointer and a person with the keyboard (issue 23, items 5 and 8):
a note moves with taps alone (WCAG 2.5.7), a focused note's ring is drawn whole (2.4.7), and Streamlit's
controls keep their labels whole under a text-spacing override (1.4.12). In the real app, in Debian's
Chromium."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from canvas.store import Store
from tests.browser import PHONE, PROJECTOR, live_store, screen_url, show_whole_board, wait_until  # noqa: F401 - live_store is the store fixture
from tests.test_browser import note_id_zone, seeded_board
from tests.test_browser_board_a11y import settled

TIMEOUT_MS = 20_000


def test_a_note_moves_to_another_zone_with_taps_alone(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created, note_id = seeded_board(store, "Tik en kies een vak")
    legal_id = note_id_zone(store, created, "legal")
    context = chromium.new_context(**PROJECTOR)
    try:
        console = context.new_page()
        console.goto(screen_url(base, created, facilitator=True))
        note = console.locator(".sc-note", has_text="Tik en kies")
        expect(note).to_be_visible(timeout=TIMEOUT_MS)
        settled(console)
        show_whole_board(console)
        # A click is a press and a release in one place: no drag, no keyboard.
        note.click()
        dialog = console.get_by_role("dialog", name="Verplaats naar…")
        expect(dialog).to_be_visible()
        expect(dialog.locator(".sc-move-subject")).to_have_text("Tik en kies een vak")
        dialog.get_by_label("Vak", exact=True).select_option(label="Juridische kaders")
        dialog.get_by_role("button", name="Verplaatsen").click()
        expect(dialog).to_be_hidden()
        wait_until(lambda: store.get_note(note_id=note_id).zone_id == legal_id, what="the move in the database")
        expect(console.locator(".sc-zone[data-zone-key=legal] .sc-note", has_text="Tik en kies")).to_be_visible()
    finally:
        context.close()
