"""The page's language and title, for screen readers and browser tabs.

Streamlit writes ``<html lang="en">`` into every page and one title for the whole app. Every run of app.py
calls ``declare_page`` once the page is known: the tab gets the page's own title, and an invisible element
sets ``document.documentElement.lang`` to the language the page is shown in.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from canvas.i18n import t
from canvas.models import Language

_SCRIPT = Path(__file__).parent / "page_language" / "page_language.js"

_language_element = st.components.v2.component(
    "samenwerkingscanvas_page_language", js=_SCRIPT.read_text(encoding="utf-8")
)


def declare_page(page_title: str, language: Language) -> None:
    """Title the browser tab after the page, and set the page's language."""
    st.set_page_config(page_title=t("common.tab_title", language, page=page_title))
    _language_element(data={"lang": language.value}, key="page_language", height=0)
