"""Following a board live on pages other than the board itself (the radar, a phone's "you vs the group").

``live_fragment`` runs its body again whenever the board changes: by push when this server has the
events route (serve.py), else by polling every CANVAS_REFRESH_SECONDS.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from canvas import live
from canvas.models import Board
from canvas.ui.board_component import component_js
from canvas.ui.context import get_settings, get_store

_listener = st.components.v2.component("samenwerkingscanvas_listener", js=component_js("listener.js"))


def events_url(board: Board) -> str | None:
    if live.running_hub() is None:
        return None
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return ("/" + prefix if prefix else "") + live.EVENTS_PATH.format(code=board.code)


def live_fragment(board: Board, body: Callable[[int], None], *, key: str) -> None:
    """Run ``body(revision)`` now and again after every change to the board."""
    push_url = events_url(board)

    @st.fragment(run_every=None if push_url else get_settings().refresh_seconds)
    def follow() -> None:
        revision = get_store().get_revision(board_id=board.id)
        body(revision)
        if push_url:
            _listener(
                data={"revision": revision, "push_url": push_url},
                key=f"{key}_listener",
                on_changed_change=lambda: None,
                height=0,
            )

    follow()
