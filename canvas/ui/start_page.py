"""Start: create a board, or join one with its code."""

from __future__ import annotations

import io
from datetime import timedelta

import segno
import streamlit as st
from pydantic import ValidationError

from canvas.content import default_canvas
from canvas.demo import make_demo_copy
from canvas.i18n import t
from canvas.models import BOARD_TITLE_MAX, BoardCreate, Language
from canvas.ui import context, join_page
from canvas.ui.board_limits import may_create_board
from canvas.ui.context import BOARD_PARAM, FACILITATOR_PARAM, LANGUAGE_PARAM, get_store
from canvas.ui.errors import input_message
from canvas.ui.page_language import focus_after_rerun
from canvas.ui.recovery import KEEP_YOUR_LINK_SELECTOR, remember_recovery_code
from canvas.ui.screens import Screen

# The visitor's demo copy (code, facilitator token) once made: shown until they open it.
DEMO_COPY_KEY = "demo_copy"


def demo(language: Language) -> None:
    """*Probeer het uit*: the visitor's own copy of the demo board, with both roles at hand."""
    with st.container(border=True):
        st.subheader(t("demo.heading", language))
        st.markdown(t("demo.text", language))
        ready = st.session_state.get(DEMO_COPY_KEY)
        if ready:  # one copy per visit: a second press would only make another board to throw away
            _demo_ready(language, *ready)
            return
        refusal = st.empty()  # above the button: a message below it may be below the fold
        pressed = st.button(t("demo.button", language), icon=":material/park:", type="primary", key="demo_copy_button")
        if pressed and may_create_board(language, demo=True, where=refusal):
            lifetime = timedelta(hours=context.get_settings().demo_expiry_hours)
            created = make_demo_copy(get_store(), language=language, lifetime=lifetime)
            st.session_state[DEMO_COPY_KEY] = (created.board.code, created.facilitator_token)
            st.rerun()


def _demo_ready(language: Language, code: str, token: str) -> None:
    # Two roles at once: the console here (this tab), a participant in a second tab or on one's own phone.
    hours = round(context.get_settings().demo_expiry_hours)
    st.success(t("demo.ready", language, code=code, hours=hours), icon=":material/check_circle:")
    if st.button(t("demo.open_console", language), icon=":material/co_present:", type="primary", key="demo_open"):
        st.switch_page(Screen.CONSOLE.script, query_params={BOARD_PARAM: code, FACILITATOR_PARAM: token})
    st.caption(t("demo.console_help", language))
    join_link = context.page_link(Screen.JOIN.url_path, **{BOARD_PARAM: code, LANGUAGE_PARAM: language.value})
    st.link_button(t("demo.join_tab", language), join_link, icon=":material/open_in_new:")
    st.markdown(t("demo.scan", language))
    st.image(_qr_png(join_link), width=180, caption=t("demo.qr_alt", language, code=code))


def _qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=5, border=2)
    return buffer.getvalue()


def join_form(language: Language) -> None:
    with st.container(border=True):
        st.subheader(t("start.join_heading", language))
        join_page.code_form(language)


def create_form(language: Language) -> None:
    with st.container(border=True):
        st.subheader(t("start.create_heading", language))
        with st.form("create_board"):
            title = st.text_input(
                t("start.board_title_label", language),
                max_chars=BOARD_TITLE_MAX,
                placeholder=t("start.board_title_placeholder", language),
            )
            board_language = st.radio(
                t("start.board_language_label", language),
                list(Language),
                index=list(Language).index(language),
                format_func=lambda lang: t(f"language.{lang.value}", language),
                horizontal=True,
            )
            refusal = st.empty()  # the limit's message right above the button pressed, not below the fold
            submitted = st.form_submit_button(t("start.create_button", language), type="primary")
        if submitted:
            try:
                new = BoardCreate(title=title, language=board_language)
            except ValidationError as error:
                st.error(
                    input_message(error, language, empty_key="error.board_title", too_long_key="error.board_title")
                )
                return
            if not may_create_board(language, where=refusal):
                return
            created = get_store().create_board(first_canvas=default_canvas(), new=new)
            remember_recovery_code(created.board.id, created.recovery_code)
            # The console's first step: keep the link and write down the recovery code, shown this once (focus
            # on opening the presentation, below it, skipped it for keyboard and screen-reader users).
            focus_after_rerun(f"{KEEP_YOUR_LINK_SELECTOR} h3")
            st.switch_page(
                Screen.CONSOLE.script,
                query_params={
                    BOARD_PARAM: created.board.code,
                    FACILITATOR_PARAM: created.facilitator_token,
                },
            )
