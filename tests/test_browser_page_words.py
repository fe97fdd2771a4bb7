"""Dutch pages say nothing in Streamlit's English (issue 23, item 6): every page, in Dutch, is searched for the
strings Streamlit draws itself (as text, aria-label, placeholder or title), with every fold opened. And the group
picker offers no "Select all", whose Enter put every note of the canvas in one group."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.demo import ensure_demo_board
from canvas.store import Store
from tests.browser import PROJECTOR, live_store  # noqa: F401 - live_store is the store fixture

TIMEOUT_MS = 15_000
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"

# What Streamlit 1.67 says in English whatever the app asks (seen in the audit of issue 23 and in its bundle).
ENGLISH_TEXTS = ["Skip to main content", "Upload", "Select all", "No results", "Browse files"]
ENGLISH_LABELS = [
    "Copy to clipboard",
    "Increment",
    "Decrement",
    "Open",
    "Close",
    "Clear value",
    "Clear all",
    "Download as CSV",
    "Search",
    "Fullscreen",
    "Show/hide columns",
    "file upload",
    "Link to heading",
    "Choose options",
    "Choose an option",
    "Select...",
    "Selected values",
]
ENGLISH_PATTERN = r"MB per file|Drag and drop|Press Enter|Ctrl\+Enter|^Remove "

# Every visible text node that is one of the English texts or matches the pattern, and every element whose
# aria-label, placeholder or title is one of the labels (hidden ones too: they show on hover or when opened).
# Icons are ligatures ("upload", "search") hidden from screen readers, and charts draw the board's words.
FIND_ENGLISH = """([texts, labels, pattern]) => {
  const found = [];
  const english = new RegExp(pattern);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement, text = node.nodeValue.trim();
    if (!text || !parent || parent.closest('script, style, noscript, svg, [aria-hidden=true]')) continue;
    if (!parent.checkVisibility()) continue;
    if (texts.includes(text) || english.test(text)) found.push('text: ' + text);
  }
  for (const element of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
    for (const name of ['aria-label', 'placeholder', 'title']) {
      const value = element.getAttribute(name);
      if (value && (labels.includes(value) || english.test(value))) found.push(name + ': ' + value);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def demo(live_app: tuple[str, str]) -> tuple[str, str]:
    """The demo board (notes, groups, two scoring rounds: tables and pickers on every page) and its token."""
    store = Store(live_app[1])
    try:
        board, token = ensure_demo_board(store)
    finally:
        store.close()
    assert token is not None
    return board.code, token


def open_every_fold(page: Page) -> None:
    """Open every expander, so what is folded away is drawn and searched as well."""
    for summary in page.locator("[data-testid=stExpander] summary").all():
        if summary.get_attribute("aria-expanded") != "true":
            summary.click()
    page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)


PAGES = {
    "start": "/?lang=nl",
    "console": "/console?board={code}&f={token}&lang=nl",
    "presentation": "/presentation?board={code}&f={token}&lang=nl",
    "join": "/join?board={code}&lang=nl",
    "radar": "/radar?board={code}&f={token}&lang=nl",
    "export": "/export?board={code}&f={token}&lang=nl",
    "library": "/library?board={code}&f={token}&lang=nl",
    "accessibility": "/accessibility?lang=nl",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_dutch_page_says_nothing_in_streamlits_english(
    chromium: Browser, live_app: tuple[str, str], demo: tuple[str, str], name: str
) -> None:
    code, token = demo
    page = chromium.new_context(**PROJECTOR).new_page()
    try:
        page.goto(live_app[0] + PAGES[name].format(code=code, token=token))
        page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)
        page.locator("[data-testid=stMainBlockContainer] h1").first.wait_for(timeout=TIMEOUT_MS)
        open_every_fold(page)
        if name == "radar":  # the tables' toolbars are drawn with the tables
            page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=TIMEOUT_MS)
        if name == "start":  # the uploader's limit is the app's own
            expect(page.get_by_text("hoogstens 5 MB per bestand")).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.get_by_text("Naar de inhoud")).to_have_count(1, timeout=TIMEOUT_MS)  # the skip link
        assert page.evaluate(FIND_ENGLISH, [ENGLISH_TEXTS, ENGLISH_LABELS, ENGLISH_PATTERN]) == []
    finally:
        page.context.close()


def test_the_group_picker_has_no_select_all_and_enter_picks_one_note(
    chromium: Browser, live_app: tuple[str, str], demo: tuple[str, str]
) -> None:
    code, token = demo
    page = chromium.new_context(**PROJECTOR).new_page()
    try:
        page.goto(f"{live_app[0]}/console?board={code}&f={token}&lang=nl")
        page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)
        # The board drawn first: while its element mounts it may take the page's focus, which closes a menu
        # opened meanwhile (the test failed when it ran first in its file, the board still mounting).
        expect(page.locator(".sc-note").first).to_be_visible(timeout=TIMEOUT_MS)
        page.get_by_text("Groepen", exact=True).click()
        picker = page.get_by_role("combobox", name="Notities in de groep")
        picker.click()
        options = page.get_by_role("option")
        if not options.count():  # the menu closed again as the page settled: open it by keyboard, as people do
            picker.focus()
            page.keyboard.press("ArrowDown")
        expect(options.first).to_be_visible(timeout=TIMEOUT_MS)
        names = options.all_inner_texts()
        assert not any(re.search(r"Select|Alles", option) for option in names), names
        assert all("\\" not in option for option in names), names  # shown as written, not markdown-escaped
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        chosen = page.locator(".stMultiSelect [data-tag]")
        expect(chosen).to_have_count(1, timeout=TIMEOUT_MS)
        # The chosen note's remove control (whatever role Streamlit gives it) is named in Dutch.
        expect(chosen.locator("[aria-label]").first).to_have_attribute(
            "aria-label", re.compile(r"weghalen$"), timeout=TIMEOUT_MS
        )
        assert page.evaluate(FIND_ENGLISH, [ENGLISH_TEXTS, ENGLISH_LABELS, ENGLISH_PATTERN]) == []
    finally:
        page.context.close()
