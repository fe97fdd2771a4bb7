"""What a page tells the browser beyond its content: its language, its title, where focus goes next.

Streamlit writes ``<html lang="en">`` into every page and one title for the whole app. Every run of app.py
calls ``declare_page`` once the page is known: the tab gets the page's own title, an invisible element sets
``document.documentElement.lang`` to the language the page is shown in, and focus moves where an action
asked it to go (``focus_after_rerun``).
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


def focus_after_rerun(selector: str) -> None:
    """Ask for keyboard focus on the element ``selector`` (CSS) once the next run has drawn it."""
    st.session_state[FOCUS_KEY] = selector


def declare_page(page_title: str, language: Language) -> None:
    """Title the browser tab after the page, and set the page's language."""
    st.set_page_config(page_title=t("common.tab_title", language, page=page_title))
    _language_element(data={"lang": language.value}, key="page_language", height=0)
    selector = st.session_state.pop(FOCUS_KEY, None)
    # Drawn on every run, asked or not: an element that comes and goes above a page moves everything below
    # it, and the browser then builds the page's forms anew, dropping what someone was typing and the focus.
    # A new token each time: the same selector asked twice moves focus twice.
    data = {"selector": selector, "token": uuid.uuid4().hex} if selector else None
    _focus_element(data=data, key="focus_next", height=0)
