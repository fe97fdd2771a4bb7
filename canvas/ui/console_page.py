"""The console's parts (views/console.py): every control and secret of a board, on the facilitator's own laptop
or phone, with the board itself (notes can be dragged there). The projector shows the presentation
(views/presentation.py), which holds neither.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from canvas.errors import CanvasError
from canvas.i18n import t
from canvas.models import BoardSnapshot
from canvas.ui import context, facilitator_controls
from canvas.ui.context import (
    BOARD_PARAM,
    FACILITATOR_PARAM,
    LANGUAGE_PARAM,
    VIEWER_PARAM,
    BoardVisit,
    get_settings,
    get_store,
)
from canvas.ui.custom_canvas import custom_canvas_form
from canvas.ui.recovery import new_recovery_code_button
from canvas.ui.screens import Screen


def session_tools(visit: BoardVisit) -> None:
    """Less frequent moves, folded away: the agenda, groups of notes, notes for the room, fixing any note.
    Each is a fragment that reads the board anew when used, so it acts on the notes there are now."""
    language = visit.language
    panels = (
        ("facilitation.agenda", ":material/format_list_numbered:", facilitator_controls.agenda),
        ("facilitation.clusters", ":material/workspaces:", facilitator_controls.clusters_panel),
        ("facilitation.room_note", ":material/record_voice_over:", facilitator_controls.room_note_form),
        ("facilitation.edit_any", ":material/edit:", facilitator_controls.edit_notes_panel),
    )
    for title_key, icon, panel in panels:
        with st.expander(t(title_key, language), icon=icon):
            _fresh_panel(visit, panel, key=title_key)


@st.fragment
def _fresh_panel(visit: BoardVisit, panel: Callable[[BoardVisit, BoardSnapshot], None], *, key: str) -> None:
    panel(visit, context.get_snapshots().latest(board_id=visit.board.id))


def presentation_link(visit: BoardVisit) -> str:
    return context.page_link(
        Screen.PRESENTATION.url_path,
        **{BOARD_PARAM: visit.board.code, VIEWER_PARAM: visit.viewer_key, LANGUAGE_PARAM: visit.language.value},
    )


def links(visit: BoardVisit) -> None:
    board, language = visit.board, visit.language
    join = context.join_address()
    if not join.reachable:  # say it before the workshop, not when the first phone fails at the door
        address = join.url.split("://", 1)[-1]
        st.warning(t("console.unreachable", language, address=address), icon=":material/wifi_off:")
    present_column, code_column = st.columns([3, 2], vertical_alignment="center")
    with present_column:
        st.link_button(
            t("console.open_presentation", language),
            presentation_link(visit),
            icon=":material/present_to_all:",
            type="primary",
        )
        st.caption(t("console.presentation_help", language))
    with code_column:
        st.metric(t("console.join_code", language), board.code)
    with st.expander(t("console.links_heading", language)):
        st.markdown(t("console.facilitator_explainer", language))
        st.code(
            context.page_link(
                Screen.CONSOLE.url_path, **{BOARD_PARAM: board.code, FACILITATOR_PARAM: visit.facilitator_token or ""}
            ),
            language=None,
            wrap_lines=True,  # a box that scrolls sideways is a tab stop nobody can see (issue #12)
        )
        st.markdown(t("console.viewer_link", language))
        st.code(presentation_link(visit), language=None, wrap_lines=True)
        new_recovery_code_button(visit)


def controls(visit: BoardVisit) -> None:
    board, token, language = visit.board, visit.facilitator_token or "", visit.language
    tools_column, custom_column, radar_column, export_column, switches_column = st.columns(5)
    with tools_column:
        if st.button(t("console.add_tool", language), icon=":material/apps:", width="stretch"):
            context.open_library(language)
    with radar_column:
        if st.button(t("console.to_radar", language), icon=":material/radar:", width="stretch"):
            st.switch_page(Screen.RADAR.script, query_params=context.carried_params(language))
    with export_column:
        if st.button(t("console.to_export", language), icon=":material/download:", width="stretch"):
            st.switch_page(Screen.EXPORT.script, query_params=context.carried_params(language))
    with custom_column, st.popover(t("console.add_custom", language), icon=":material/edit_note:", width="stretch"):
        custom_canvas_form(board, token, language)
    with switches_column, st.popover(t("facilitation.switches", language), icon=":material/tune:", width="stretch"):
        facilitator_controls.board_switches(visit)


def danger_zone(visit: BoardVisit) -> None:
    board, token, language = visit.board, visit.facilitator_token or "", visit.language
    with st.expander(t("console.delete_heading", language), icon=":material/delete:"):
        days = round(get_settings().board_expiry_days)
        kept = st.toggle(t("console.keep_board", language, days=days), value=visit.board.kept, key="keep_board")
        if kept != visit.board.kept:
            get_store().keep_board(board_id=board.id, kept=kept, facilitator_token=token)
        sure = st.checkbox(t("console.delete_confirm", language), key="confirm_delete_board")
        if st.button(t("console.delete_button", language), disabled=not sure, icon=":material/delete:"):
            try:
                get_store().delete_board(board_id=board.id, facilitator_token=token)
            except CanvasError as error:
                context.show_error(error, language)
                return
            st.switch_page(Screen.START.script, query_params={"lang": language.value, "deleted": "1"})
