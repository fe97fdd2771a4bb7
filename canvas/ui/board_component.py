"""The board as a Streamlit Custom Components v2 element: plain HTML/CSS/JS files, no build step.

No iframe: the element lives in the page (in a shadow root for style isolation), so new data updates
the drawing in place instead of reloading it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

_ASSETS = Path(__file__).parent / "board_component"


def component_js(name: str) -> str:
    """A component's JavaScript with the shared push client (push.js) in front of it."""
    return (_ASSETS / "push.js").read_text(encoding="utf-8") + "\n" + (_ASSETS / name).read_text(encoding="utf-8")


_board_component = st.components.v2.component(
    "samenwerkingscanvas_board",
    css=(_ASSETS / "board.css").read_text(encoding="utf-8"),
    js=component_js("board.js"),
    isolate_styles=True,
)


def _rerun_only() -> None:
    """A ``changed`` event needs no handling: the fragment rerun it causes reads the new revision."""


def board_component(data: dict, *, key: str, on_move: Callable[[], None], on_push_failed: Callable[[], None]):
    """Draw the board and report what happens in it, as trigger events:

    - ``move``: a facilitator's drag, ``{"note_id", "zone_id", "position"}``;
    - ``changed``: the event stream announced a newer revision than the one drawn;
    - ``push_failed``: the event stream kept failing; the reason, for the server log.
    """
    return _board_component(
        data=data,
        key=key,
        on_move_change=on_move,
        on_changed_change=_rerun_only,
        on_push_failed_change=on_push_failed,
        height="content",
    )
