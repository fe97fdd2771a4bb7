"""Radar: the collaboration's maturity as the group scores it, per party and over time. With view=presentation:
the projector's radar, large and without controls or secrets."""

import streamlit as st

from canvas.i18n import t
from canvas.text import escape_markdown
from canvas.ui import context, presentation_page, radar_page
from canvas.ui.follow import events_url, live_fragment, stop_if_closed
from canvas.ui.screens import Screen

stop_if_closed(context.current_language())
visit = context.visit_board_or_stop()
if radar_page.is_presentation():
    visit = presentation_page.without_the_secret(visit)
    board, language, per_party = visit.board, visit.language, radar_page.presentation_per_party()
    radar_page.presentation_style()
    live_fragment(
        board,
        lambda: radar_page.presentation_body(board.id, language, per_party=per_party),
        push_url=events_url(board, v=visit.viewer_key),
        key="radar",
        language=language,
    )
    st.stop()
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
    board,
    lambda: radar_page.radar_body(board.id, language, viewer_key=visit.viewer_key),
    push_url=push_url,
    key="radar",
    language=language,
)
