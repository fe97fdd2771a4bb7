"""The accessibility statement (NL and EN), after the Dutch model statement: scope, the register's status, how
it was checked, what conforms to WCAG 2.1/2.2 AA and what does not yet, and whom to tell (docs/accessibility-audit.md
holds the audit behind it)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import streamlit as st

from canvas.content import CONTENT_DIR
from canvas.i18n import t
from canvas.models import Language
from canvas.numbers import long_date
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.screens import Screen


class Status(StrEnum):
    """The statuses of the Dutch register of accessibility statements (digitoegankelijk.nl), A best."""

    A = "A"  # fully compliant: an expert's audit found no deviation
    B = "B"  # partially compliant: an expert's audit, and a plan with dates for every deviation
    C = "C"  # first measures taken
    D = "D"  # no measures taken
    E = "E"  # not compliant


# The day the statement was last checked against the app (docs/accessibility-audit.md). Change it with the text.
STATEMENT_DATE = date(2026, 12, 7)
# The day an independent expert audited the app; None: never. Without one the register allows C at best.
EXPERT_AUDIT_DATE: date | None = None
STATUS = Status.C


def statement(language: Language) -> str:
    """The statement's text (markdown) in ``language``, with its date, status and contact filled in."""
    contact = context.get_settings().accessibility_contact
    route = t("accessibility.contact_route", language)  # always works: no setting needed
    if contact:
        route += " " + t("accessibility.contact_address", language, address=escape_markdown(contact))
    text = (CONTENT_DIR / "accessibility" / f"{language.value}.md").read_text(encoding="utf-8")
    return text.format(
        date=long_date(STATEMENT_DATE, language),
        status=f"{STATUS.value} – {t(f'accessibility.status_{STATUS.value}', language)}",
        contact=route,
    )


def statement_link(language: Language) -> None:
    """A quiet link to the statement, for the foot of a page."""
    st.page_link(
        Screen.ACCESSIBILITY.script,
        label=t("accessibility.link", language),
        icon=":material/accessibility:",
        query_params={context.LANGUAGE_PARAM: language.value},
    )
