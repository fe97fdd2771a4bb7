"""The tool library: browse by group and by dimension, search by word; one tool's page with its worksheet."""

from __future__ import annotations

import streamlit as st

from canvas.content import Handbook, Tool, canvas_template
from canvas.errors import CanvasError
from canvas.i18n import t
from canvas.library import find_tools
from canvas.models import Language
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.context import BOARD_PARAM, DIMENSION_PARAM, FACILITATOR_PARAM, TOOL_PARAM, get_store
from canvas.ui.screens import Screen

SEARCH_KEY = "library_search"
GROUP_KEY = "library_group"
DIMENSION_KEY = "library_dimension"


# --- browsing ---------------------------------------------------------------------------------------


def browse(book: Handbook, language: Language) -> None:
    st.title(t("library.title", language))
    st.markdown(t("library.intro", language))
    # A dimension chosen on the house diagram arrives in the URL; the filter widgets take it from there.
    if DIMENSION_KEY not in st.session_state:
        wanted = st.query_params.get(DIMENSION_PARAM)
        st.session_state[DIMENSION_KEY] = wanted if wanted in {d.key for d in book.dimensions} else None
    words = st.text_input(
        t("library.search_label", language),
        key=SEARCH_KEY,
        placeholder=t("library.search_placeholder", language),
        icon=":material/search:",
    )
    groups = {g.key: g.name(language) for g in book.groups}
    group = st.pills(t("library.group_label", language), list(groups), format_func=groups.__getitem__, key=GROUP_KEY)
    dimensions = {d.key: d.name(language) for d in book.dimensions}
    dimension = st.pills(
        t("library.dimension_label", language), list(dimensions), format_func=dimensions.__getitem__, key=DIMENSION_KEY
    )
    found = find_tools(book, language=language, words=words, group=group, dimension=dimension)
    st.caption(t("library.found", language, count=len(found), total=len(book.tools)))
    if not found:
        st.info(t("library.nothing_found", language))
    for group_key in groups:
        in_group = [tool for tool in found if tool.group == group_key]
        if not in_group:
            continue
        st.subheader(groups[group_key])
        st.caption(book.group(group_key).description(language))
        for tool in in_group:
            _tool_card(book, tool, language)


def _dimension_names(book: Handbook, tool: Tool, language: Language) -> str:
    return " · ".join(book.dimension(key).name(language) for key in tool.dimensions)


def _tool_card(book: Handbook, tool: Tool, language: Language) -> None:
    with st.container(border=True):
        text_column, button_column = st.columns([4, 1], vertical_alignment="center")
        with text_column:
            st.markdown(f"**{escape_markdown(tool.name(language))}**  \n{escape_markdown(tool.purpose(language))}")
            st.caption(
                t("library.meta", language, minutes=tool.minutes, dimensions=_dimension_names(book, tool, language))
            )
        with button_column:
            # Named after the tool: fifteen buttons all called "Bekijken" are fifteen identical tab stops.
            label = t("library.open_tool", language, tool=escape_markdown(tool.name(language)))
            if st.button(label, key=f"open_{tool.key}", width="stretch"):
                st.query_params[TOOL_PARAM] = tool.key
                st.rerun()


# --- one tool ---------------------------------------------------------------------------------------


def tool_page(book: Handbook, tool: Tool, language: Language) -> None:
    if st.button(t("library.all_tools", language), icon=":material/apps:", type="tertiary"):
        del st.query_params[TOOL_PARAM]
        st.rerun()
    st.title(tool.name(language))
    st.caption(
        t(
            "library.tool_meta",
            language,
            group=book.group(tool.group).name(language),
            minutes=tool.minutes,
            dimensions=_dimension_names(book, tool, language),
        )
    )
    st.markdown(f"**{t('library.purpose', language)}** {tool.purpose(language)}")
    st.markdown(f"**{t('library.when', language)}** {tool.when(language)}")
    _use_on_board(tool, language)

    st.subheader(t("library.steps", language))
    st.markdown("\n".join(f"{number}. {step(language)}" for number, step in enumerate(tool.steps, start=1)))
    st.subheader(t("library.canvas", language))
    # One row of columns per three zones: on a phone the columns stack, and the zones keep their order.
    zones = tool.canvas.zones
    for row_start in range(0, len(zones), 3):
        for column, zone in zip(st.columns(3), zones[row_start : row_start + 3], strict=False):
            with column, st.container(border=True):
                st.markdown(f"**{zone.title(language)}**")
                st.caption(zone.prompt(language))
    st.subheader(t("library.example", language))
    st.info(tool.example(language), icon=":material/park:")


def _use_on_board(tool: Tool, language: Language) -> None:
    """The button that puts this tool's worksheet on the current board (facilitators only)."""
    state = context.url_state()
    board = context.find_board_from_url(language) if state.board_code else None
    store = get_store()
    token = state.facilitator_token
    if board is None or token is None or not store.is_facilitator(board_id=board.id, token=token):
        st.caption(t("library.use_needs_facilitator", language))
        return
    if st.button(
        t("library.use_on_board", language, board=escape_markdown(board.title)), type="primary", icon=":material/add:"
    ):
        try:
            store.add_canvas(board_id=board.id, template=canvas_template(tool.key), facilitator_token=token)
        except CanvasError as error:
            context.show_error(error, language)
            return
        st.switch_page(
            Screen.CONSOLE.script,
            query_params={BOARD_PARAM: board.code, FACILITATOR_PARAM: token},
        )
