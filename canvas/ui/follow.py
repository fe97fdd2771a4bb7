"""Pages that follow a board live: where their browser listens, and what they do when the board changes.

The shared board draws changes itself (board.js), and so does a participant's phone (phone.js, from its own
messages: canvas/ui/phone.py). The radar reruns on every change (``live_fragment``). Without push
(``streamlit run app.py``), a fragment polls every ``CANVAS_REFRESH_SECONDS`` instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st

from canvas.board_view import structure_signature
from canvas.errors import BoardNotFound
from canvas.hub import running_hub
from canvas.i18n import t
from canvas.models import Board, BoardSnapshot, Language
from canvas.ui.board_component import listener
from canvas.ui.context import get_settings, get_snapshots
from canvas.ui.errors import fenced
from canvas.web.events import EVENTS_PATH

CLOSED_KEY = "board_closed"
PUSH_FAILED_KEY = "push_failed"

log = logging.getLogger(__name__)


def events_url(
    board: Board,
    *,
    screen_language: Language | None = None,
    phone_language: Language | None = None,
    **credentials: str | None,
) -> str | None:
    """Where this page's browser listens to the board, or None when this server has no push route.

    Args:
        screen_language: set for a screen that draws the board (it then receives the drawing itself).
        phone_language: set for a participant's phone (it then receives what a phone draws, in its language).
        credentials: ``f`` (facilitator token), ``v`` (viewer key) or ``p`` (participant id).
    """
    if running_hub() is None or st.session_state.get(PUSH_FAILED_KEY):
        return None
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    params = {key: value for key, value in credentials.items() if value}
    if screen_language is not None:
        params.update(kind="screen", lang=screen_language.value)
    elif phone_language is not None:
        params.update(kind="phone", lang=phone_language.value)
    path = ("/" + prefix if prefix else "") + EVENTS_PATH.format(code=board.code)
    return f"{path}?{urlencode(params)}"


def push_failed(component_key: str) -> Callable[[], None]:
    """A live element's callback: its event stream kept failing (a proxy in the way?). This session polls
    from now on, and the server log says so."""

    def give_up() -> None:
        reason = (st.session_state.get(component_key) or {}).get("push_failed")
        log.warning("live updates: push failed in a browser (%s); that page falls back to polling", reason)
        st.session_state[PUSH_FAILED_KEY] = True

    return give_up


def mark_closed() -> None:
    """A live element heard that the board was deleted."""
    st.session_state[CLOSED_KEY] = True


def stop_if_closed(language: Language) -> None:
    """Once the board was deleted, say so (instead of the page) and stop."""
    if st.session_state.get(CLOSED_KEY):
        st.error(t("board.gone", language), icon=":material/delete:")
        st.stop()


def live_fragment(
    board: Board, body: Callable[[], None], *, push_url: str | None, key: str, language: Language
) -> None:
    """Run ``body()`` now and again after every change to the board (inside the page's error fence)."""

    @st.fragment(run_every=None if push_url else get_settings().refresh_seconds)
    @fenced(language)
    def follow() -> None:
        if push_url and st.session_state.get(PUSH_FAILED_KEY):
            st.rerun(scope="app")  # register this fragment again, now with a polling interval
        try:
            if st.session_state.get(CLOSED_KEY):
                raise BoardNotFound(board.id)
            snapshot = get_snapshots().latest(board_id=board.id)
        except BoardNotFound:
            mark_closed()
            st.rerun(scope="app")  # the page then says the board is gone, instead of this fragment
        body()
        if push_url:
            _listen(snapshot, push_url, follow="revision", key=key, signature=structure_signature(snapshot))

    follow()


def _listen(
    snapshot: BoardSnapshot,
    push_url: str,
    *,
    follow: str,
    key: str,
    signature: str,
    field: str = "sig",
    page_signature: str | None = None,
) -> None:
    """The invisible element that follows the channel for this page, drawn with what the page shows now
    (``signature``: what the live messages' ``field`` carries, to compare; ``page_signature``: for a part of
    a page, the structure it was drawn with)."""
    listener(
        revision=snapshot.revision,
        signature=signature,
        push_url=push_url,
        follow=follow,
        field=field,
        page_signature=page_signature,
        key=key,
        on_closed=mark_closed,
        on_push_failed=push_failed(key),
    )
