"""Samenwerkingscanvas: the router. Page config and navigation only; screens live in views/."""

import streamlit as st

from canvas.i18n import t
from canvas.ui import context
from canvas.ui.errors import shown_as_message
from canvas.ui.logs import configure_logging
from canvas.ui.page_language import declare_page
from canvas.ui.style import apply_base_style

configure_logging()

# A local icon: a material-icon favicon would be fetched from Google's font servers on every page load.
st.set_page_config(page_title="Samenwerkingscanvas", page_icon=str(context.ICON_PATH), layout="wide")

language = context.page_language()
problem = context.content_problem()
if problem:
    # A content file someone edited is broken: say which file and field, instead of a traceback.
    st.error(t("error.content", language), icon=":material/description:")
    st.code(problem, language=None)
    st.stop()

pages = [
    st.Page(context.PAGE_START, title=t("nav.start", language), default=True),
    st.Page(
        context.PAGE_PARTICIPANT,
        title=t("nav.participant", language),
        url_path=context.URL_PARTICIPANT,
    ),
    st.Page(context.PAGE_SCREEN, title=t("nav.screen", language), url_path=context.URL_SCREEN),
    st.Page(context.PAGE_CONSOLE, title=t("nav.console", language), url_path=context.URL_CONSOLE),
    st.Page(context.PAGE_LIBRARY, title=t("nav.library", language), url_path=context.URL_LIBRARY),
    st.Page(context.PAGE_RADAR, title=t("nav.radar", language), url_path=context.URL_RADAR),
    st.Page(context.PAGE_EXPORT, title=t("nav.export", language), url_path=context.URL_EXPORT),
    st.Page(context.PAGE_ACCESSIBILITY, title=t("nav.accessibility", language), url_path=context.URL_ACCESSIBILITY),
]
apply_base_style()
# Hidden: people arrive through a join link or the start page; a menu would only crowd the projector.
# The fence: a domain error becomes its message, anything else an incident id; never a traceback on a page.
with shown_as_message(language):
    page = st.navigation(pages, position="hidden")
    declare_page(page.title, language)
    page.run()
