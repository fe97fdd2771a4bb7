"""The board as a Streamlit Custom Components v2 element: plain HTML/CSS/JS files, no build step.

No iframe: the element lives in the page (in a shadow root for style isolation), so new data updates
the drawing in place instead of reloading it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

_ASSETS = Path(__file__).parent / "board_component"

_board_component = st.components.v2.component(
    "samenwerkingscanvas_board",
    css=(_ASSETS / "board.css").read_text(encoding="utf-8"),
    js=(_ASSETS / "board.js").read_text(encoding="utf-8"),
    isolate_styles=True,
)


def board_component(data: dict, *, key: str, on_move: Callable[[], None]):
    """Draw the board. A facilitator's drag reports ``{"note_id", "zone_id", "position"}`` as ``move``."""
    return _board_component(data=data, key=key, on_move_change=on_move, height="content")
