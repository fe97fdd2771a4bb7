"""Every page of the app by the one name it goes by everywhere.

A screen named ``N`` is ``views/N.py`` (its body, read top to bottom), ``canvas/ui/N_page.py`` (its parts), the
URL path ``/N``, the translation section ``[N]`` and its menu title ``nav.N``. ``tests/test_screens.py`` holds
every screen to that, so a new page cannot quietly grow a second name.

Page scripts live in views/, not pages/: a folder named pages/ beside app.py switches a fresh server into
Streamlit's old folder-based multipage mode until st.navigation has run once, so the first join or facilitator
link after a restart ran its page without app.py (no page config, "Page not found").
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import streamlit as st


class Screen(StrEnum):
    START = "start"  # the default page: served at the root URL
    JOIN = "join"  # the phone: join a board, write notes, vote, score
    PRESENTATION = "presentation"  # the projector: the live board, no controls, no secrets
    CONSOLE = "console"  # the facilitator's own screen
    LIBRARY = "library"
    RADAR = "radar"
    EXPORT = "export"
    ACCESSIBILITY = "accessibility"
    PRIVACY = "privacy"  # for participants: what is kept, how long, who can delete it

    @property
    def script(self) -> str:
        """The page script, relative to app.py (what ``st.Page`` and ``st.switch_page`` take)."""
        return f"views/{self.value}.py"

    @property
    def url_path(self) -> str:
        return "" if self is Screen.START else self.value

    @property
    def nav_key(self) -> str:
        return f"nav.{self.value}"


# Links made before the presentation had its one name (/board?board=…&v=…) still open it.
OLD_URL_PATHS = {"board": Screen.PRESENTATION}


def forward_old_link(path: str, screen: Screen) -> Callable[[], None]:
    """A page for an old URL path: it opens ``screen`` with the same query (board, keys, language)."""

    def forward() -> None:
        st.switch_page(screen.script, query_params=st.query_params.to_dict())

    # st.Page names a page function's URL after the function; each forward needs its own name.
    forward.__name__ = f"forward_{path}"
    return forward
