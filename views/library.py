"""Tool library: the handbook's design tools, and one tool's worksheet."""

import streamlit as st

from canvas.content import handbook
from canvas.i18n import t
from canvas.ui import context, library_page
from canvas.ui.context import TOOL_PARAM
from canvas.ui.screens import Screen

language = context.current_language()
book = handbook()
top_left, top_right = st.columns([5, 1], vertical_alignment="center")
with top_right:
    context.language_switch(language)
tool = book.tool(st.query_params.get(TOOL_PARAM, ""))
with top_left:
    if st.button(t("library.back_home", language), icon=":material/arrow_back:", type="tertiary"):
        st.switch_page(Screen.START.script, query_params=context.carried_params(language))
if tool is None:
    library_page.browse(book, language)
else:
    library_page.tool_page(book, tool, language)
