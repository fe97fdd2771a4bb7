"""The board as a Streamlit Custom Components v2 element: plain HTML/CSS/JS files, no build step.

No iframe: the element lives in the page (in a shadow root for style isolation), so new data updates
the drawing in place instead of reloading it. With push, the element also follows the board's live
channel and draws each change itself (see board.js and push.js).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from canvas.palette import css_variables

_ASSETS = Path(__file__).parent / "board_component"


def component_js(name: str) -> str:
    """A component's JavaScript with the live channel's client (push.js) in front of it."""
    return (_ASSETS / "push.js").read_text(encoding="utf-8") + "\n" + (_ASSETS / name).read_text(encoding="utf-8")


_board_component = st.components.v2.component(
    "samenwerkingscanvas_board",
    # The palette in front: one set of colours for the board, the pages, the charts and the exports.
    css=f".sc-board {{ {css_variables()} }}\n" + (_ASSETS / "board.css").read_text(encoding="utf-8"),
    js=component_js("board.js"),
    isolate_styles=True,
)
_listener = st.components.v2.component("samenwerkingscanvas_listener", js=component_js("listener.js"))


def answered_key(key: str) -> str:
    return f"{key}__answered"


def remember_request(key: str) -> Callable[[], None]:
    """A ``changed`` trigger's callback: note which rerun request this run answers, so the element knows
    its request was heard even when nothing it shows has changed (then it may ask again at once)."""

    def remember() -> None:
        st.session_state[answered_key(key)] = (st.session_state.get(key) or {}).get("changed") or 0

    return remember


def board_component(
    data: dict,
    *,
    key: str,
    on_move: Callable[[], None],
    on_open_zone: Callable[[], None],
    on_push_failed: Callable[[], None],
    on_closed: Callable[[], None],
) -> Any:  # Streamlit's component result: one attribute per trigger
    """Draw the board and report what happens in it, as trigger events:

    - ``move``: a facilitator's drag, ``{"note_id", "zone_id", "position"}``;
    - ``open_zone``: the facilitator opened or folded a zone's "+ N meer", ``{"zone_id", "open"}``;
    - ``changed``: the board's structure changed (another canvas shown, a round opened): rerun the page;
    - ``closed``: the board was deleted;
    - ``push_failed``: the event stream kept failing; the reason, for the server log.
    """
    return _board_component(
        data={**data, "answered": st.session_state.get(answered_key(key), 0)},
        key=key,
        on_move_change=on_move,
        on_open_zone_change=on_open_zone,
        on_changed_change=remember_request(key),
        on_closed_change=on_closed,
        on_push_failed_change=on_push_failed,
        height="content",
    )


def listener(
    *,
    revision: int,
    signature: str,
    push_url: str,
    follow: str,
    key: str,
    on_closed: Callable[[], None],
    on_push_failed: Callable[[], None],
    field: str = "sig",
    page_signature: str | None = None,
) -> None:
    """An invisible element that reruns the page (or the fragment it sits in) when the board changes:
    ``follow="structure"`` only when the message's ``field`` (a signature: ``sig``, the structure) differs
    from ``signature``, ``"revision"`` on every change. In a fragment, ``page_signature`` (the structure it
    was drawn with) makes it leave a change of the structure to the page's own listener."""
    _listener(
        data={
            "revision": revision,
            "signature": signature,
            "push_url": push_url,
            "follow": follow,
            "field": field,
            "page_signature": page_signature,
            "answered": st.session_state.get(answered_key(key), 0),
        },
        key=key,
        on_changed_change=remember_request(key),
        on_closed_change=on_closed,
        on_push_failed_change=on_push_failed,
        height=0,
    )
