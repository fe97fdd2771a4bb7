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
from canvas.ui.screens import Screen

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


def statement_link(language: Language) -> None:
    """A quiet link to the statement, for the foot of a page."""
    st.page_link(
        Screen.ACCESSIBILITY.script,
        label=t("accessibility.link", language),
        icon=":material/accessibility:",
        query_params={context.LANGUAGE_PARAM: language.value},
    )
