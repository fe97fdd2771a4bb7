"""Start: create a board, or join one with its code."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from canvas.demo import ensure_demo_board
from canvas.errors import BoardNotFound
from canvas.i18n import t
from canvas.models import BOARD_TITLE_MAX, JOIN_CODE_LENGTH, BoardCreate, Language
from canvas.ui import context
from canvas.ui.accessibility_page import statement_link
from canvas.ui.context import BOARD_PARAM, FACILITATOR_PARAM, LANGUAGE_PARAM, VIEWER_PARAM, get_store
from canvas.ui.errors import input_message
from canvas.ui.house import house_diagram
from canvas.ui.import_form import import_form
from canvas.ui.page_language import focus_after_rerun


def render() -> None:
    language = context.current_language()
    top_left, top_right = st.columns([5, 1], vertical_alignment="center")
    with top_right:
        context.language_switch(language)
    with top_left:
        st.title(t("start.title", language))
    st.markdown(t("start.intro", language))
    if st.query_params.get("deleted"):
        st.success(t("start.board_deleted", language))

    # Joining first: on a phone the columns stack, and most people arrive here to join.
    forms_column, house_column = st.columns([2, 3], gap="large")
    with forms_column:
        _join_form(language)
        _create_form(language)
        import_form(language)
        _demo(language)
    with house_column:
        st.markdown(t("home.house_intro", language))
        house_diagram(language)
        if st.button(t("home.to_library", language), icon=":material/apps:", width="stretch"):
            context.open_library(language)
    statement_link(language)


def _demo(language: Language) -> None:
    with st.container(border=True):
        st.markdown(f"**{t('home.demo_heading', language)}**  \n{t('home.demo_text', language)}")
        if st.button(t("home.demo_button", language), icon=":material/park:"):
            store = get_store()
            board, _token = ensure_demo_board(store)
            # The demo board is public: everyone may watch it (read-only), so its screen link is handed out.
            st.switch_page(
                context.PAGE_SCREEN,
                query_params={
                    BOARD_PARAM: board.code,
                    VIEWER_PARAM: store.viewer_key(board_id=board.id),
                    LANGUAGE_PARAM: language.value,
                },
            )


def _join_form(language: Language) -> None:
    with st.container(border=True):
        st.subheader(t("start.join_heading", language))
        with st.form("join_board"):
            code = st.text_input(
                t("start.code_label", language),
                max_chars=JOIN_CODE_LENGTH + 4,
                placeholder="ABC123",
            )
            # Said under the box, not in a "?" tooltip: Streamlit names that icon "Help for …" in English.
            st.caption(t("start.code_help", language))
            submitted = st.form_submit_button(t("start.join_button", language), type="primary")
        if submitted:
            if not code.strip():
                st.error(t("error.code_empty", language))
                return
            try:
                board = get_store().find_board(code=code)
            except BoardNotFound:
                st.error(t("error.board_not_found", language))
                return
            st.switch_page(
                context.PAGE_PARTICIPANT,
                query_params={BOARD_PARAM: board.code, LANGUAGE_PARAM: language.value},
            )


def _create_form(language: Language) -> None:
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
            submitted = st.form_submit_button(t("start.create_button", language), type="primary")
        if submitted:
            try:
                new = BoardCreate(title=title, language=board_language)
            except ValidationError as error:
                st.error(
                    input_message(error, language, empty_key="error.board_title", too_long_key="error.board_title")
                )
                return
            created = get_store().create_board(new=new)
            focus_after_rerun("[data-testid=stLinkButton] a")  # the console's next step: open the presentation
            st.switch_page(
                context.PAGE_CONSOLE,
                query_params={
                    BOARD_PARAM: created.board.code,
                    FACILITATOR_PARAM: created.facilitator_token,
                },
            )
