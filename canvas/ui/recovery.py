"""Not losing the console: the link and a recovery code shown once when a board is made, and a form on the start
page that re-opens the console with the board's code and that recovery code (no account needed).

The recovery code travels from the start page to the console in this browser session only, never in a URL.
"""

from __future__ import annotations

import streamlit as st

from canvas.errors import RecoveryRefused
from canvas.i18n import t
from canvas.models import Language
from canvas.ratelimit import RateLimiter
from canvas.ui import context
from canvas.ui.context import BOARD_PARAM, FACILITATOR_PARAM, LANGUAGE_PARAM, BoardVisit, get_store
from canvas.ui.screens import Screen

# Recovery codes that the session has yet to show: board id -> code.
UNSHOWN_CODES_KEY = "unshown_recovery_codes"
KEEP_YOUR_LINK_KEY = "keep_your_link"
KEEP_YOUR_LINK_SELECTOR = f".st-key-{KEEP_YOUR_LINK_KEY}"  # the box, for focus_after_rerun
# Guessing a 72-bit code is hopeless anyway; this keeps a script from trying at all.
_FAILED_RECOVERIES = RateLimiter(limit=10, per_seconds=60)


def remember_recovery_code(board_id: int, recovery_code: str | None) -> None:
    if recovery_code:
        st.session_state.setdefault(UNSHOWN_CODES_KEY, {})[board_id] = recovery_code


def console_link(visit: BoardVisit) -> str:
    return context.page_link(
        Screen.CONSOLE.url_path,
        **{BOARD_PARAM: visit.board.code, FACILITATOR_PARAM: visit.facilitator_token or ""},
    )


def keep_your_link_step(visit: BoardVisit) -> None:
    """Right after the board is made (or a console recovered): bookmark this page, write the code down."""
    codes: dict[int, str] = st.session_state.get(UNSHOWN_CODES_KEY, {})
    code = codes.get(visit.board.id)
    if code is None:
        return
    language = visit.language
    with st.container(border=True, key=KEEP_YOUR_LINK_KEY):
        st.subheader(t("facilitation.recovery_title", language), anchor=False)
        st.markdown(t("facilitation.recovery_intro", language))
        st.code(console_link(visit), language=None)
        st.markdown(f"**{t('facilitation.recovery_code_label', language)}**")
        st.code(code, language=None)
        st.caption(t("facilitation.recovery_code_help", language))
        if st.button(t("facilitation.recovery_done", language), type="primary", icon=":material/bookmark_added:"):
            codes.pop(visit.board.id, None)
            st.rerun()


def new_recovery_code_button(visit: BoardVisit) -> None:
    """For a board made before recovery codes, or when the written-down code may have been seen."""
    if st.button(t("facilitation.recovery_new", visit.language), icon=":material/key:"):
        code = get_store().new_recovery_code(board_id=visit.board.id, facilitator_token=visit.facilitator_token)
        remember_recovery_code(visit.board.id, code)
        st.rerun()


def recovery_form(language: Language, client: str) -> None:
    """The start page's "lost your console?": the board's code and the recovery code open a new console link."""
    with st.expander(t("facilitation.recovery_open_title", language), icon=":material/key:"):
        st.caption(t("facilitation.recovery_open_intro", language))
        with st.form("recover_console"):
            code = st.text_input(t("join.code_label", language), max_chars=12)
            recovery_code = st.text_input(t("facilitation.recovery_code_label", language), max_chars=40)
            submitted = st.form_submit_button(t("facilitation.recovery_open_button", language))
        if not submitted:
            return
        if _FAILED_RECOVERIES.is_limited(client):
            st.error(t("error.recovery_refused", language))
            return
        try:
            recovered = get_store().recover_console(code=code, recovery_code=recovery_code)
        except RecoveryRefused:
            _FAILED_RECOVERIES.allow(client)  # counts the failure
            st.error(t("error.recovery_refused", language))
            return
        remember_recovery_code(recovered.board.id, recovered.recovery_code)
        st.switch_page(
            Screen.CONSOLE.script,
            query_params={
                BOARD_PARAM: recovered.board.code,
                FACILITATOR_PARAM: recovered.facilitator_token,
                LANGUAGE_PARAM: language.value,
            },
        )
