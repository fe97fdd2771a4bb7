"""Start: create a board or join one with a code."""

import streamlit as st

from canvas.i18n import t
from canvas.ui import context, start_page
from canvas.ui.accessibility_page import statement_link
from canvas.ui.house import house_diagram
from canvas.ui.import_form import import_form
from canvas.ui.recovery import recovery_form

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
    start_page.join_form(language)
    start_page.demo(language)
    start_page.create_form(language)
    import_form(language)
    recovery_form(language, client=context.client_address())
with house_column:
    st.markdown(t("start.house_intro", language))
    house_diagram(language)
    if st.button(t("start.to_library", language), icon=":material/apps:", width="stretch"):
        context.open_library(language)
statement_link(language)
