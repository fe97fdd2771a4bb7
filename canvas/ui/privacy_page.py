"""The privacy statement for participants (NL and EN): what a board keeps, for how long (the settings'
numbers, filled in), who sees it and who can delete it. The text is content/privacy/<language>.md."""

from __future__ import annotations

import streamlit as st

from canvas.content import CONTENT_DIR
from canvas.i18n import t
from canvas.models import Language
from canvas.numbers import decimal
from canvas.ui import context
from canvas.ui.screens import Screen


def statement(language: Language) -> str:
    """The statement's text (markdown) in ``language``, with this host's retention numbers."""
    settings = context.get_settings()
    cleanup = (
        t("privacy.cleanup_app", language, hours=decimal(settings.purge_hours, language))
        if settings.purge_hours > 0
        else t("privacy.cleanup_host", language)
    )
    text = (CONTENT_DIR / "privacy" / f"{language.value}.md").read_text(encoding="utf-8")
    return text.format(
        days=decimal(settings.board_expiry_days, language),
        hours=decimal(settings.demo_expiry_hours, language),
        cleanup=cleanup,
    )


def _join_params(language: Language) -> dict[str, str]:
    """The board and the participant's own id from this address, so the way back lands on the same phone."""
    state = context.url_state()
    params = {
        context.LANGUAGE_PARAM: language.value,
        context.BOARD_PARAM: state.board_code,
        context.PARTICIPANT_PARAM: state.participant_id,
    }
    return {key: value for key, value in params.items() if value}


def statement_link(language: Language) -> None:
    """A quiet link to the statement, where a participant is asked for a code or a name."""
    st.page_link(
        Screen.PRIVACY.script,
        label=t("privacy.link", language),
        icon=":material/shield_person:",
        query_params=_join_params(language),
    )


def back_button(language: Language) -> None:
    """Back to the join page (the same board and phone) when the statement was opened from there, else Start."""
    params = _join_params(language)
    came_from_join = context.BOARD_PARAM in params
    label = t("privacy.back_to_join" if came_from_join else "library.back_home", language)
    if st.button(label, icon=":material/arrow_back:", type="tertiary"):
        st.switch_page((Screen.JOIN if came_from_join else Screen.START).script, query_params=params)
