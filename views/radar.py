"""Radar: the collaboration's maturity as the group scores it, per party and over time."""

import streamlit as st

from canvas.i18n import t
from canvas.text import escape_markdown
from canvas.ui import context, radar_page
from canvas.ui.follow import events_url, live_fragment, stop_if_closed
from canvas.ui.screens import Screen

stop_if_closed(context.current_language())
visit = context.visit_board_or_stop()
board, language, token = visit.board, visit.language, visit.facilitator_token
left, right = st.columns([5, 1], vertical_alignment="center")
with left:
    if st.button(t("radar.back_to_board", language), icon=":material/arrow_back:", type="tertiary"):
        back = Screen.CONSOLE.script if token else Screen.PRESENTATION.script
        st.switch_page(back, query_params=context.carried_params(language))
with right:
    context.language_switch(language)
st.title(t("radar.title", language, board=escape_markdown(board.title)), anchor=False)
if token:
    radar_page.round_controls(board, token, language)
push_url = events_url(board, f=token, v=visit.viewer_key)
live_fragment(
    board, lambda: radar_page.radar_body(board.id, language), push_url=push_url, key="radar", language=language
)
