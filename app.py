"""Samenwerkingscanvas: the router. Page config and navigation only; screens live in views/ (canvas/ui/screens.py)."""

import streamlit as st

from canvas.i18n import t
from canvas.ui import context
from canvas.ui.errors import shown_as_message
from canvas.ui.logs import configure_logging
from canvas.ui.page_language import declare_page
from canvas.ui.screens import OLD_URL_PATHS, Screen, forward_old_link
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
    st.Page(
        screen.script, title=t(screen.nav_key, language), url_path=screen.url_path or None, default=not screen.url_path
    )
    for screen in Screen
] + [
    st.Page(forward_old_link(path, screen), title=t(screen.nav_key, language), url_path=path)
    for path, screen in OLD_URL_PATHS.items()
]
apply_base_style()
# Hidden: people arrive through a join link or the start page; a menu would only crowd the projector.
# The fence: a domain error becomes its message, anything else an incident id; never a traceback on a page.
with shown_as_message(language):
    page = st.navigation(pages, position="hidden")
    declare_page(page.title, language)
    page.run()
