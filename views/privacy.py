"""Privacy statement for participants: what is kept, for how long, who sees it and who can delete it."""

import streamlit as st

from canvas.i18n import t
from canvas.ui import context, privacy_page

language = context.current_language()
top_left, top_right = st.columns([5, 1], vertical_alignment="center")
with top_right:
    context.language_switch(language)
with top_left:
    privacy_page.back_button(language)
st.title(t("privacy.title", language), anchor=False)
st.markdown(privacy_page.statement(language))
