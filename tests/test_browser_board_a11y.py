"""The board without a mouse and without eyes: keyboard moves on the console, names and announcements for
screen readers, the page's language. In the real app, in Debian's Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.store import Store
from tests.browser import PROJECTOR, live_store, screen_url, wait_until  # noqa: F401 - live_store is the store fixture
from tests.test_browser import note_id_zone, seeded_board

TIMEOUT_MS = 20_000  # a generous wait on state: the machine running these is often busy
MAX_TABS = 60  # the console's controls come before the board; the board is a handful of tab stops

# The element that really has focus, through the component's shadow root.
DEEP_ACTIVE = """() => {
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  return active ? {tag: active.tagName, note: active.dataset ? active.dataset.noteId || null : null} : null;
}"""


def settled(page: Page) -> None:
    """Streamlit has finished running the page: no rerun will redraw the controls under the keyboard."""
    expect(page.locator("[data-testid=stApp]")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT_MS
    )


def tab_to_a_note(page: Page) -> str:
    """Press Tab until a note has focus; returns its id."""
    settled(page)
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


def add_notes(store: Store, created, zone_key: str, texts: list[str]) -> None:
    from canvas.models import NoteCreate, ParticipantCreate, Party

    board_id = created.board.id
    zone_id = note_id_zone(store, created, zone_key)
    author = store.join(board_id=board_id, new=ParticipantCreate(display_name="Noor", party=Party.CIVIC))
    for text in texts:
        store.add_note(board_id=board_id, participant_id=author.id, new=NoteCreate(zone_id=zone_id, text=text))


def test_the_presentation_reads_well_with_a_screen_reader(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created, _ = seeded_board(store, "Eerste notitie")
    context = chromium.new_context(**PROJECTOR)
    try:
        screen = context.new_page()
        screen.goto(screen_url(base, created))
        expect(screen.locator(".sc-note", has_text="Eerste notitie")).to_be_visible(timeout=TIMEOUT_MS)
        # Read-only: notes are no tab stops.
        assert screen.locator(".sc-note").evaluate_all("(notes) => notes.map((n) => n.tabIndex)") == [-1]
        assert screen.locator(".sc-note[tabindex]").count() == 0
        # The canvas and every zone are named regions; the count is words, apart from the zone's name.
        expect(screen.get_by_role("region", name="Samenwerkingscanvas", exact=True)).to_have_count(1)
        zones = screen.locator(".sc-zone")
        expect(zones).to_have_count(8)
        expect(screen.get_by_role("region", name="Gedeelde doelen", exact=True)).to_have_count(1)
        expect(screen.get_by_role("heading", name="Gedeelde doelen 1 notitie", exact=True)).to_be_visible()
        expect(screen.get_by_role("heading", name="Governance 0 notities", exact=True)).to_be_visible()

        # A burst of notes is told once, as one sentence, in the one polite live region.
        live = screen.get_by_role("status")
        expect(live).to_have_count(1)
        assert live.get_attribute("data-announcements") == "0"
        add_notes(store, created, "goals", ["Tweede", "Derde", "Vierde"])
        expect(live).to_have_text("3 nieuwe notities in Gedeelde doelen", timeout=TIMEOUT_MS)
        assert live.get_attribute("data-announcements") == "1"
        expect(screen.get_by_role("heading", name="Gedeelde doelen 4 notities", exact=True)).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("facilitator", [False, True], ids=["presentation", "console"])
def test_the_page_language_follows_the_board(
    chromium: Browser, live_app: tuple[str, str], store: Store, facilitator: bool
) -> None:
    base, _ = live_app
    created, _ = seeded_board(store, "Taal")
    context = chromium.new_context(**PROJECTOR)
    try:
        page = context.new_page()
        page.goto(screen_url(base, created, facilitator=facilitator))
        expect(page.locator(".sc-note", has_text="Taal")).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        settled(page)
        if facilitator:
            page.get_by_text("EN", exact=True).click()
        else:  # the projector has no language switch (#23): its address says the language
            page.goto(screen_url(base, created) + "&lang=en")
        expect(page.get_by_role("region", name="Shared goals", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        context.close()


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two computed colours ("rgb(r, g, b)")."""

    def luminance(colour: str) -> float:
        channels = [int(part) / 255 for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# The focused element's outline and the background behind it (the first ancestor with a painted background).
FOCUS_RING = """() => {
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  const style = getComputedStyle(active);
  let behind = active.parentElement || active.getRootNode().host;
  let background = 'rgb(255, 255, 255)';
  while (behind) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (colour && colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') { background = colour; break; }
    behind = behind.parentElement || (behind.getRootNode().host ?? null);
  }
  return {tag: active.tagName, note: active.dataset.noteId || null, width: parseFloat(style.outlineWidth),
          outline: style.outlineStyle, colour: style.outlineColor, background};
}"""


def test_the_focus_ring_is_visible_on_controls_and_notes(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created, _ = seeded_board(store, "Zichtbare focus")
    context = chromium.new_context(**PROJECTOR)
    try:
        console = context.new_page()
        console.goto(screen_url(base, created, facilitator=True))
        expect(console.locator(".sc-note", has_text="Zichtbare focus")).to_be_visible(timeout=TIMEOUT_MS)
        settled(console)
        rings = []
        for _ in range(MAX_TABS):
            console.keyboard.press("Tab")
            ring = console.evaluate(FOCUS_RING)
            if ring["tag"] in ("BUTTON", "ARTICLE"):
                rings.append(ring)
            if ring["note"]:
                break
        assert {ring["tag"] for ring in rings} == {"BUTTON", "ARTICLE"}, rings  # Streamlit's buttons and a note
        for ring in rings:
            assert ring["outline"] == "solid" and ring["width"] >= 3, ring
            assert contrast(ring["colour"], ring["background"]) >= 3, ring
    finally:
        context.close()
