"""What a page tells the browser beyond its content: its language, its title, where focus goes next.

Streamlit writes ``<html lang="en">`` into every page and one title for the whole app. Every run of app.py
calls ``declare_page`` once the page is known: the tab gets the page's own title, an invisible element sets
``document.documentElement.lang`` to the language the page is shown in and puts the page's words where
Streamlit draws its own English (``STREAMLIT_WORDS``), and focus moves where an action asked it to go
(``focus_after_rerun``).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import streamlit as st

from canvas.i18n import t
from canvas.models import Language

_SCRIPTS = Path(__file__).parent / "page_language"
FOCUS_KEY = "focus_after_rerun"

_language_element = st.components.v2.component(
    "samenwerkingscanvas_page_language", js=(_SCRIPTS / "page_language.js").read_text(encoding="utf-8")
)
_focus_element = st.components.v2.component(
    "samenwerkingscanvas_focus", js=(_SCRIPTS / "focus.js").read_text(encoding="utf-8")
)


# Streamlit's own English, drawn by its frontend whatever a widget's label and placeholder say: the skip link,
# the file uploader's button and limit, the dropdowns' "Open" and "Select all", the number boxes' steppers, the
# code blocks' copy button, the table toolbar. Each exact string (as text, aria-label, placeholder or title)
# and the key of the page's own words for it; page_language.js puts them in and keeps them there as Streamlit
# draws (a MutationObserver). A string that Streamlit changes in a later version stays English, and
# tests/test_browser_page_words.py fails on it.
STREAMLIT_WORDS = {
    "Skip to main content": "streamlit.skip_link",
    "Upload": "streamlit.upload",
    "file upload": "streamlit.file_upload",
    "Select all": "streamlit.select_all",
    "No results": "streamlit.no_results",
    "Choose options": "streamlit.choose_options",
    "Choose an option": "streamlit.choose_option",
    "Select...": "streamlit.select",
    "Open": "streamlit.open",
    "Close": "streamlit.close",
    "Clear value": "streamlit.clear_value",
    "Clear all": "streamlit.clear_all",
    "Copy to clipboard": "streamlit.copy",
    "Increment": "streamlit.increment",
    "Decrement": "streamlit.decrement",
    "Link to heading": "streamlit.heading_link",
    "Download as CSV": "streamlit.download_csv",
    "Search": "streamlit.search",
    "Fullscreen": "streamlit.fullscreen",
    "Close fullscreen": "streamlit.close_fullscreen",
    "Show/hide columns": "streamlit.columns",
    "Selected values": "streamlit.selected",
}
# Of those, the ones Streamlit draws as text (the rest only as attributes): text equal to another of them
# may be someone's ("Open" of "Open technologie" on the radar's axis) and stays as it is.
STREAMLIT_TEXTS = ("Skip to main content", "Upload", "Select all", "No results")
# Streamlit's strings with a part of their own: a pattern (JavaScript, one group), the key of the words and
# the name of the part in them, and whether Streamlit draws it as text too (else only as an attribute: a note
# may begin with "Remove"). "200MB per file" comes with the uploader's own limit (import_form.py sets it).
STREAMLIT_PATTERNS = {
    r"^(\d+(?:\.\d+)?) ?MB per file$": ("streamlit.upload_limit", "size", True),
    r"^Remove (.+)$": ("streamlit.remove", "item", False),  # a chosen note's x in the group picker
}


def streamlit_words(language: Language) -> dict:
    """What page_language.js needs: each English string with the page's words for it, and the patterns (the
    words with "{1}" where the pattern's part goes)."""
    return {
        "words": {english: t(key, language) for english, key in STREAMLIT_WORDS.items()},
        "texts": list(STREAMLIT_TEXTS),
        "patterns": [
            [pattern, t(key, language, **{part: "{1}"}), as_text]
            for pattern, (key, part, as_text) in STREAMLIT_PATTERNS.items()
        ],
    }


def focus_after_rerun(selector: str) -> None:
    """Ask for keyboard focus on the element ``selector`` (CSS) once the next run has drawn it."""
    st.session_state[FOCUS_KEY] = selector


def declare_page(page_title: str, language: Language) -> None:
    """Title the browser tab after the page, and set the page's language."""
    st.set_page_config(page_title=t("common.tab_title", language, page=page_title))
    _language_element(data={"lang": language.value, **streamlit_words(language)}, key="page_language", height=0)
    selector = st.session_state.pop(FOCUS_KEY, None)
    # Drawn on every run, asked or not: an element that comes and goes above a page moves everything below
    # it, and the browser then builds the page's forms anew, dropping what someone was typing and the focus.
    # A new token each time: the same selector asked twice moves focus twice.
    data = {"selector": selector, "token": uuid.uuid4().hex} if selector else None
    _focus_element(data=data, key="focus_next", height=0)
