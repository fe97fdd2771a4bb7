"""The facilitator's console: controls, links and the board (never on the projector)."""

import streamlit as st

from canvas.i18n import t
from canvas.text import escape_markdown
from canvas.ui import console_page, context, facilitator_controls
from canvas.ui.flash import flash_slot
from canvas.ui.follow import stop_if_closed
from canvas.ui.live_board import live_board
from canvas.ui.recovery import keep_your_link_step
from canvas.ui.screens import Screen

stop_if_closed(context.current_language())
visit = context.visit_board_or_stop()
if visit.facilitator_token is None:
    # A viewer key opens the presentation, never the console.
    st.switch_page(Screen.PRESENTATION.script, query_params=context.carried_params(visit.language))
board, language = visit.board, visit.language
title_column, language_column = st.columns([5, 1], vertical_alignment="center")
with title_column:
    st.title(t("console.title", language, board=escape_markdown(board.title)))
with language_column:
    context.language_switch(language)
keep_your_link_step(visit)
flash_slot(language)
console_page.links(visit)
snapshot = context.get_snapshots().latest(board_id=board.id)
facilitator_controls.step_panel(visit, snapshot)
console_page.controls(visit)
live_board(visit, can_drag=True)
console_page.session_tools(visit)
console_page.danger_zone(visit)
