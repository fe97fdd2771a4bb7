"""Carry on from a board file: a new board (new code, new facilitator link) from a JSON export."""

from __future__ import annotations

import streamlit as st

from canvas.exports.schema import MAX_IMPORT_BYTES, ImportRefused, parse_document
from canvas.i18n import t
from canvas.models import Language
from canvas.ui.board_limits import may_create_board
from canvas.ui.context import BOARD_PARAM, FACILITATOR_PARAM, get_store
from canvas.ui.recovery import remember_recovery_code
from canvas.ui.screens import Screen


def import_form(language: Language) -> None:
    with st.expander(t("export.import_heading", language), icon=":material/upload_file:"):
        st.caption(t("export.import_help", language))
        uploaded = st.file_uploader(
            t("export.import_label", language),
            type=["json"],
            key="import_board_file",
            # Streamlit says its limit under the button (200 MB by default): say the app's own (5 MB).
            max_upload_size=MAX_IMPORT_BYTES // 1_000_000,
        )
        refusal = st.empty()  # the limit's message right above the button pressed
        if uploaded is None or not st.button(t("export.import_button", language), type="primary"):
            return
        try:
            document = parse_document(uploaded.getvalue())
        except ImportRefused as refused:
            st.error(t(refused.message_key, language))
            if refused.detail:
                st.caption(refused.detail)
            return
        if not may_create_board(language, where=refusal):  # counted only for a file that would make a board
            return
        created = get_store().import_board(document=document)
        remember_recovery_code(created.board.id, created.recovery_code)
        st.switch_page(
            Screen.CONSOLE.script,
            query_params={BOARD_PARAM: created.board.code, FACILITATOR_PARAM: created.facilitator_token},
        )
