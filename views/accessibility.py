"""Accessibility statement: what conforms to WCAG 2.1/2.2 AA and what does not yet."""

import streamlit as st

from canvas.i18n import t
from canvas.ui import accessibility_page, context
from canvas.ui.screens import Screen

language = context.current_language()
top_left, top_right = st.columns([5, 1], vertical_alignment="center")
with top_right:
    context.language_switch(language)
with top_left:
    if st.button(t("library.back_home", language), icon=":material/arrow_back:", type="tertiary"):
        st.switch_page(Screen.START.script, query_params=context.carried_params(language))
st.title(t("accessibility.title", language), anchor=False)
st.markdown(accessibility_page.statement(language))
