"""The accessibility statement (NL and EN): what conforms to WCAG 2.1/2.2 AA, and what does not yet."""

from __future__ import annotations

from datetime import date

import streamlit as st

from canvas.content import CONTENT_DIR
from canvas.i18n import t
from canvas.models import Language
from canvas.numbers import long_date
from canvas.text import escape_markdown
from canvas.ui import context

# The day the statement was last checked against the app. Change it with the text.
STATEMENT_DATE = date(2026, 11, 28)


def statement(language: Language) -> str:
    """The statement's text (markdown) in ``language``, with its date and the host's contact filled in."""
    contact = context.get_settings().accessibility_contact
    text = (CONTENT_DIR / "accessibility" / f"{language.value}.md").read_text(encoding="utf-8")
    return text.format(
        date=long_date(STATEMENT_DATE, language),
        contact=escape_markdown(contact) if contact else t("accessibility.no_contact", language),
    )


def render() -> None:
    language = context.current_language()
    top_left, top_right = st.columns([5, 1], vertical_alignment="center")
    with top_right:
        context.language_switch(language)
    with top_left:
        if st.button(t("library.back_home", language), icon=":material/arrow_back:", type="tertiary"):
            st.switch_page(context.PAGE_START, query_params=context.carried_params(language))
    st.title(t("accessibility.title", language), anchor=False)
    st.markdown(statement(language))


def statement_link(language: Language) -> None:
    """A quiet link to the statement, for the foot of a page."""
    st.page_link(
        context.PAGE_ACCESSIBILITY,
        label=t("accessibility.link", language),
        icon=":material/accessibility:",
        query_params={context.LANGUAGE_PARAM: language.value},
    )
