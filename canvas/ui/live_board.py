"""The board, live, as the console and the presentation both show it.

With push (serve.py) the board component follows the board's live channel and draws every change itself;
the page reruns only when the board's structure changes (the canvas picker must follow). Without push, a
fragment reloads the board every ``refresh_seconds``. Notes are dragged on the facilitator's console only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from canvas.board_view import Move, board_view, canvas_title, move_to_store
from canvas.errors import BoardNotFound, CanvasError
from canvas.hub import running_hub
from canvas.i18n import t
from canvas.models import BoardSnapshot, Language
from canvas.projector_type import FIT_LEVELS, PROJECTOR_FONT_PX
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.board_component import board_component
from canvas.ui.context import BoardVisit, get_settings, get_store
from canvas.ui.errors import fenced, shown_as_message
from canvas.ui.follow import CLOSED_KEY, PUSH_FAILED_KEY, events_url, mark_closed, push_failed

BOARD_KEY = "shared_board"
CANVAS_SWITCH_KEY = "screen_canvas_switch"

log = logging.getLogger(__name__)
_polling_logged = False


def _apply_move(board_id: int, facilitator_token: str | None) -> None:
    """Callback for a drag in the board component: store the note's new zone and position, as far as the
    board as it is now takes them (while discussing, the votes keep the order: ``move_to_store``)."""
    sent = (st.session_state.get(BOARD_KEY) or {}).get("move")
    if not sent or not facilitator_token:
        return
    try:
        move = move_to_store(
            context.get_snapshots().latest(board_id=board_id),
            Move(note_id=int(sent["note_id"]), zone_id=int(sent["zone_id"]), position=float(sent["position"])),
        )
        if move is not None:
            get_store().move_note(
                note_id=move.note_id, zone_id=move.zone_id, position=move.position, facilitator_token=facilitator_token
            )
    except (CanvasError, KeyError, TypeError, ValueError):
        # A note deleted meanwhile, or a stale drag: this rerun draws the real state.
        log.info("a move was refused or stale: %s", sent)


def _open_zone(board_id: int, facilitator_token: str | None) -> None:
    """Callback for "+ N meer" on the console: store that the zone is open (or folded again), so the
    presentation opens it too."""
    sent = (st.session_state.get(BOARD_KEY) or {}).get("open_zone")
    if not sent or not facilitator_token:
        return
    try:
        get_store().set_zone_opened(
            board_id=board_id,
            zone_id=int(sent["zone_id"]),
            opened=bool(sent["open"]),
            facilitator_token=facilitator_token,
        )
    except (CanvasError, KeyError, TypeError, ValueError):
        log.info("a zone's opening was refused or stale: %s", sent)


def _canvas_switch(snapshot: BoardSnapshot, language: Language, facilitator_token: str) -> None:
    """The facilitator picks the canvas every shared screen shows (and phones offer first)."""
    if len(snapshot.canvases) < 2:
        return
    titles = {c.id: escape_markdown(canvas_title(c, language)) for c in snapshot.canvases}  # labels are markdown
    # One widget per shown canvas, starting on it: the stored choice (which another screen, or this screen's own
    # "custom canvas" form, may have changed) is followed without writing the widget's state. Writing it on
    # every run made a value the browser still held from before a new canvas was created come back as a
    # "change", and the callback then switched the board back to the previous canvas.
    shown = snapshot.active_canvas.id
    key = f"{CANVAS_SWITCH_KEY}_{shown}"

    def show() -> None:
        chosen = st.session_state.get(key)
        if chosen is not None and chosen != shown:
            with shown_as_message(language):  # a callback: its errors would skip the page's fence
                get_store().show_canvas(
                    board_id=snapshot.board.id, canvas_id=chosen, facilitator_token=facilitator_token
                )

    st.pills(
        t("console.canvas_switch", language),
        list(titles),
        format_func=titles.__getitem__,
        default=shown,
        key=key,
        on_change=show,
    )


def _push_url(visit: BoardVisit) -> str | None:
    """Where this screen's browser follows the board, or None when this server polls."""
    global _polling_logged
    if running_hub() is None:
        if not _polling_logged:
            _polling_logged = True
            log.info("live updates: no push route (started without serve.py); shared screens poll")
        return None
    return events_url(visit.board, screen_language=visit.language, f=visit.facilitator_token, v=visit.viewer_key)


def live_board(visit: BoardVisit, *, can_drag: bool, header: Callable[[BoardSnapshot], None] | None = None) -> None:
    """The board, live: drawn by the board component, which follows the live channel (or this fragment polls).

    Args:
        can_drag: the facilitator's console: notes can be dragged, and the canvas picker is shown.
    """
    board, language = visit.board, visit.language
    facilitator_token = visit.facilitator_token if can_drag else None
    push_url = _push_url(visit)
    # With push the browser draws each change itself and asks for a rerun only when the structure changed;
    # without push this fragment polls.
    run_every = None if push_url else get_settings().refresh_seconds

    @st.fragment(run_every=run_every)
    @fenced(language)
    def live_fragment() -> None:
        if push_url and st.session_state.get(PUSH_FAILED_KEY):
            st.rerun(scope="app")  # re-register this fragment with a polling interval
        if st.session_state.get(CLOSED_KEY):
            st.rerun(scope="app")  # the page says the board is gone, instead of its header and controls
        try:
            snapshot = context.get_snapshots().latest(board_id=board.id)
        except BoardNotFound:
            st.error(t("board.gone", language))
            return
        canvas = snapshot.active_canvas
        if header is not None:
            header(snapshot)
        if facilitator_token:
            _canvas_switch(snapshot, language, facilitator_token)
        data = {
            "view": board_view(snapshot, canvas.id, language, can_drag=facilitator_token is not None),
            "can_drag": facilitator_token is not None,
            "push_url": push_url,
            "closed_label": t("board.gone", language),
            # A fixed board on wide screens; the presentation's type is sized for the back of the room.
            "fit": True,
            "type_px": None if facilitator_token else PROJECTOR_FONT_PX,
            # The presentation's note sizes, largest first: a zone takes the largest at which its notes fit.
            "fit_levels": None if facilitator_token else FIT_LEVELS,
        }
        board_component(
            data,
            key=BOARD_KEY,
            on_move=lambda: _apply_move(board.id, facilitator_token),
            on_open_zone=lambda: _open_zone(board.id, facilitator_token),
            on_push_failed=push_failed(BOARD_KEY),
            on_closed=mark_closed,
        )

    live_fragment()
