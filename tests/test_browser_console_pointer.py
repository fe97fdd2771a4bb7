"""The console's board for a person with one pointer and a person with the keyboard (issue 23, items 5 and 8):
a note moves with taps alone (WCAG 2.5.7), a focused note's ring is drawn whole (2.4.7), and Streamlit's
controls keep their labels whole under a text-spacing override (1.4.12). In the real app, in Debian's
Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.content import canvas_template
from canvas.store import Store
from tests.browser import PHONE, PROJECTOR, live_store, screen_url, show_whole_board, wait_until  # noqa: F401 - live_store is the store fixture
from tests.test_browser import note_id_zone, seeded_board
from tests.test_browser_board_a11y import settled, tab_to_a_note

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


# How far a focused note's ring reaches outside its box (outline-offset + outline-width, when positive), and
# every element around it that clips what sticks out (overflow not visible), through the shadow root.
RING_AND_CLIPS = """(card) => {
  const style = getComputedStyle(card);
  const reach = Math.max(0, parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth));
  const r = card.getBoundingClientRect();
  const ring = {left: r.left - reach, top: r.top - reach, right: r.right + reach, bottom: r.bottom + reach};
  const clips = [];
  let node = card.parentNode;
  while (node) {
    if (node instanceof ShadowRoot) { node = node.host; continue; }
    if (!(node instanceof Element)) break;
    const s = getComputedStyle(node);
    if (s.overflowX !== "visible" || s.overflowY !== "visible") {
      const b = node.getBoundingClientRect();
      const inner = {left: b.left + node.clientLeft, top: b.top + node.clientTop};
      clips.push({cls: node.className || node.tagName, left: inner.left, top: inner.top,
                  right: inner.left + node.clientWidth, bottom: inner.top + node.clientHeight});
    }
    node = node.parentNode;
  }
  return {ring, clips, outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def test_a_focused_notes_ring_is_drawn_whole(chromium: Browser, live_app: tuple[str, str], store: Store) -> None:
    base, _ = live_app
    created, note_id = seeded_board(store, "Een hele ring")
    context = chromium.new_context(**PROJECTOR)
    try:
        console = context.new_page()
        console.goto(screen_url(base, created, facilitator=True))
        expect(console.locator(".sc-note", has_text="Een hele ring")).to_be_visible(timeout=TIMEOUT_MS)
        assert tab_to_a_note(console) == str(note_id)
        card = console.locator(f".sc-note[data-note-id='{note_id}']")
        found = card.evaluate(RING_AND_CLIPS)
        assert found["outline"] == "solid" and found["width"] >= 3, found
        ring = found["ring"]
        for clip in found["clips"]:
            inside = (
                ring["left"] >= clip["left"] - 0.5
                and ring["top"] >= clip["top"] - 0.5
                and ring["right"] <= clip["right"] + 0.5
                and ring["bottom"] <= clip["bottom"] + 0.5
            )
            assert inside, (ring, clip)
        card.screenshot(path=str(_shots() / "note-focus-ring.png"))
    finally:
        context.close()


def _shots():
    from tests.test_browser import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# WCAG 1.4.12's override: what a reader's own style sheet may set.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""

# Every Streamlit button-group option (pills and segmented controls: the canvas switch, NL/EN, the phase
# control) and whatever inside it hides what does not fit: its text must fit.
CUT_LABELS = """() => [...document.querySelectorAll('[data-testid=stButtonGroup] button')].flatMap((button) =>
  [button, ...button.querySelectorAll('*')].filter((e) => {
    const s = getComputedStyle(e);
    const hides = s.overflowX !== 'visible' || s.overflowY !== 'visible';
    return hides && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
  }).map((e) => ({option: button.innerText, tag: e.tagName, sw: e.scrollWidth, cw: e.clientWidth,
                  sh: e.scrollHeight, ch: e.clientHeight})))"""


def spaced_page(page: Page) -> list[dict]:
    page.add_style_tag(content=TEXT_SPACING)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page.evaluate(CUT_LABELS)


def test_pills_language_and_phase_labels_survive_text_spacing(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created, _ = seeded_board(store, "Ruimte tussen de letters")
    # A second canvas: the console then shows the canvas switch (pills).
    store.add_canvas(
        board_id=created.board.id,
        template=canvas_template("values_compass"),
        facilitator_token=created.facilitator_token,
    )
    for name, device in (("1920", PROJECTOR), ("390", PHONE)):
        context = chromium.new_context(**device)
        try:
            console = context.new_page()
            console.goto(screen_url(base, created, facilitator=True))
            expect(console.get_by_role("radio", name="Vrij schrijven", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
            expect(console.get_by_role("radio", name="EN", exact=True)).to_be_visible()
            settled(console)
            groups = console.locator("[data-testid=stButtonGroup]")
            assert groups.count() >= 3  # the canvas switch, NL/EN, the phase control
            cut = spaced_page(console)
            console.screenshot(path=str(_shots() / f"console-text-spacing-{name}.png"), full_page=True)
            assert cut == [], (name, cut)
        finally:
            context.close()


def test_the_main_areas_ring_shows_when_the_skip_link_takes_focus_there(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    from io import BytesIO

    from PIL import Image

    base, _ = live_app
    created, _ = seeded_board(store, "Naar de inhoud")
    context = chromium.new_context(**PROJECTOR)
    try:
        console = context.new_page()
        console.goto(screen_url(base, created, facilitator=True))
        expect(console.locator(".sc-note", has_text="Naar de inhoud")).to_be_visible(timeout=TIMEOUT_MS)
        settled(console)
        console.keyboard.press("Tab")
        expect(console.get_by_role("link", name="Naar de inhoud")).to_be_focused()
        console.keyboard.press("Enter")
        main = console.locator("[data-testid=stMain]")
        expect(main).to_be_focused()
        box = main.evaluate(
            "(m) => { const r = m.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right,"
            " bottom: r.bottom, width: parseFloat(getComputedStyle(m).outlineWidth)}; }"
        )
        shot = console.screenshot()
        (_shots() / "main-focus-ring.png").write_bytes(shot)
        image = Image.open(BytesIO(shot)).convert("RGB")
        middle = int((box["top"] + min(box["bottom"], 1080)) / 2)
        # Just inside main's left and right edges, halfway down: the ring's near-black, not the page's white.
        for x in (int(box["left"]) + 1, int(min(box["right"], 1920)) - 2):
            assert sum(image.getpixel((x, middle))) < 3 * 80, (x, middle, image.getpixel((x, middle)), box)
    finally:
        context.close()


# Every button's label and whatever inside it hides or cuts what does not fit (Streamlit ends a long label in
# "…" on one line).
CUT_BUTTONS = """() => [...document.querySelectorAll('button')].flatMap((button) =>
  [button, ...button.querySelectorAll('*')].filter((e) => {
    const s = getComputedStyle(e);
    const hides = s.overflowX !== 'visible' || s.overflowY !== 'visible' || s.textOverflow === 'ellipsis';
    return hides && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
  }).map((e) => ({button: button.innerText, sw: e.scrollWidth, cw: e.clientWidth})))"""


@pytest.mark.parametrize("path", ["/", "/library"])
def test_the_start_pages_house_and_the_librarys_buttons_survive_text_spacing(
    chromium: Browser, live_app: tuple[str, str], path: str
) -> None:
    """The new audit found "Financiën en middelen" on the start page and the library's "Bekijk …" buttons cut
    off with "…" under a reader's text spacing (WCAG 1.4.12)."""
    for device in (PROJECTOR, PHONE):
        context = chromium.new_context(**device)
        try:
            page = context.new_page()
            page.goto(live_app[0] + path)
            expect(page.locator("[data-testid=stButton] button").first).to_be_visible(timeout=TIMEOUT_MS)
            settled(page)
            page.add_style_tag(content=TEXT_SPACING)
            page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
            assert page.evaluate(CUT_BUTTONS) == [], (device["viewport"]["width"], path)
        finally:
            context.close()
