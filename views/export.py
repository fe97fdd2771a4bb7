"""Export (facilitator): the board as a PDF report, PNG images, CSV tables and JSON."""

from datetime import UTC, datetime

import streamlit as st

from canvas.i18n import t
from canvas.models import Language
from canvas.text import escape_markdown
from canvas.ui import context, export_page
from canvas.ui.screens import Screen
from canvas.ui.snapshots_view import snapshot_section

visit = context.visit_board_or_stop()
board, language, token = visit.board, visit.language, visit.facilitator_token
left, right = st.columns([5, 1], vertical_alignment="center")
with left:
    if st.button(t("radar.back_to_board", language), icon=":material/arrow_back:", type="tertiary"):
        st.switch_page(
            Screen.CONSOLE.script if token else Screen.PRESENTATION.script,
            query_params=context.carried_params(language),
        )
with right:
    context.language_switch(language)
st.title(t("export.page_title", language, board=escape_markdown(board.title)))
if not token:
    # The report names participants and shows every note: only the facilitator link opens it.
    st.info(t("export.facilitator_only", language), icon=":material/lock:")
    st.stop()
st.markdown(t("export.page_intro", language))
file_language = st.segmented_control(
    t("export.file_language", language),
    [lang.value for lang in Language],
    default=board.language.value,
    format_func=lambda value: t(f"language.{value}", language),
    key=export_page.FILE_LANGUAGE_KEY,
)
chosen = Language(file_language or board.language.value)
now = datetime.now(UTC)
for key in export_page.ORDER:
    export_page.format_row(board, key, chosen, now, language)
st.divider()
snapshot_section(board, token, language)
