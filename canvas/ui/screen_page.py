"""The shared screen: the live board for the projector, with the join code and QR code.

A fragment reads the board's revision every ``refresh_seconds`` (one indexed query) and reloads the
board only when that number changed. With the facilitator link, notes can be dragged.
"""

from __future__ import annotations

import io
import logging

import segno
import streamlit as st

from canvas import live
from canvas.board_view import board_view, canvas_title
from canvas.errors import BoardNotFound, CanvasError
from canvas.i18n import t
from canvas.models import Board, BoardSnapshot, Language
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.board_component import board_component
from canvas.ui.context import BOARD_PARAM, FACILITATOR_PARAM, get_settings, get_store
from canvas.ui.custom_canvas import custom_canvas_form
from canvas.ui.errors import fenced, shown_as_message
from canvas.ui.live import events_url

BOARD_KEY = "shared_board"
SNAPSHOT_KEY = "screen_snapshot"
PUSH_FAILED_KEY = "screen_push_failed"
CANVAS_SWITCH_KEY = "screen_canvas_switch"

log = logging.getLogger(__name__)
_polling_logged = False


def render() -> None:
    visit = context.visit_board_or_stop()
    board, language, token = visit.board, visit.language, visit.facilitator_token

    _header(board, language)
    if token:
        _facilitator_panel(board, token, language)
    _live_board(board, language, token)


def _qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def _header(board: Board, language: Language) -> None:
    join_link = context.page_link(context.URL_PARTICIPANT, **{BOARD_PARAM: board.code})
    title_column, join_column, qr_column = st.columns([5, 3, 1], vertical_alignment="center")
    with title_column:
        st.title(escape_markdown(board.title))
        context.language_switch(language)
    with join_column:
        st.markdown(t("screen.join_instructions", language, site=context.base_url().split("://", 1)[-1] + "/join"))
        st.markdown(f"<div class='sc-join-code' data-testid='join-code'>{board.code}</div>", unsafe_allow_html=True)
    with qr_column:
        st.image(_qr_png(join_link), caption=t("screen.qr_caption", language), width=140)
    _header_style()


def _header_style() -> None:
    # Only our own static CSS goes through unsafe_allow_html; the join code is [A-Z0-9] by construction.
    st.markdown(
        """<style>
        .sc-join-code { font-size: clamp(2rem, 3.2vw, 3.4rem); font-weight: 800; letter-spacing: 0.18em;
                        font-family: ui-monospace, monospace; line-height: 1.1; }
        </style>""",
        unsafe_allow_html=True,
    )


def _facilitator_panel(board: Board, token: str, language: Language) -> None:
    with st.expander(t("screen.facilitator_heading", language)):
        st.markdown(t("screen.facilitator_explainer", language))
        st.code(
            context.page_link(context.URL_SCREEN, **{BOARD_PARAM: board.code, FACILITATOR_PARAM: token}), language=None
        )
        st.markdown(t("screen.viewer_link", language))
        st.code(context.page_link(context.URL_SCREEN, **{BOARD_PARAM: board.code}), language=None)
        tools_column, custom_column, radar_column = st.columns(3)
        with tools_column:
            if st.button(t("screen.add_tool", language), icon=":material/apps:", width="stretch"):
                context.open_library(language)
        with radar_column:
            if st.button(t("screen.to_radar", language), icon=":material/radar:", width="stretch"):
                st.switch_page(context.PAGE_RADAR, query_params=context.carried_params(language))
        with custom_column, st.popover(t("screen.add_custom", language), icon=":material/edit_note:", width="stretch"):
            custom_canvas_form(board, token, language)
        st.divider()
        days = round(get_settings().board_expiry_days)
        kept = st.toggle(t("screen.keep_board", language, days=days), value=board.kept, key="keep_board")
        if kept != board.kept:
            get_store().keep_board(board_id=board.id, kept=kept, facilitator_token=token)
        sure = st.checkbox(t("screen.delete_confirm", language), key="confirm_delete_board")
        if st.button(t("screen.delete_button", language), disabled=not sure, icon=":material/delete:"):
            try:
                get_store().delete_board(board_id=board.id, facilitator_token=token)
            except CanvasError as error:
                context.show_error(error, language)
                return
            st.switch_page(context.PAGE_START, query_params={"lang": language.value, "deleted": "1"})


def _current_snapshot(board_id: int) -> BoardSnapshot:
    """The board as this session last saw it, reloaded only when the revision moved on."""
    store = get_store()
    revision = store.get_revision(board_id=board_id)
    held: BoardSnapshot | None = st.session_state.get(SNAPSHOT_KEY)
    if held is None or held.board.id != board_id or held.revision != revision:
        held = store.load_snapshot(board_id=board_id, with_scores=False)
        st.session_state[SNAPSHOT_KEY] = held
    return held


def _apply_move(facilitator_token: str | None) -> None:
    """Callback for a drag in the board component: store the note's new zone and position."""
    move = (st.session_state.get(BOARD_KEY) or {}).get("move")
    if not move or not facilitator_token:
        return
    try:
        get_store().move_note(
            note_id=int(move["note_id"]),
            zone_id=int(move["zone_id"]),
            position=float(move["position"]),
            facilitator_token=facilitator_token,
        )
    except (CanvasError, KeyError, TypeError, ValueError):
        # A note deleted meanwhile, or a stale drag: the next redraw shows the real state.
        st.session_state[SNAPSHOT_KEY] = None


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
        t("screen.canvas_switch", language),
        list(titles),
        format_func=titles.get,
        default=shown,
        key=key,
        on_change=show,
    )


def _on_push_failed() -> None:
    """The browser's event stream keeps failing (a proxy in the way?): poll from now on, and say so."""
    reason = (st.session_state.get(BOARD_KEY) or {}).get("push_failed")
    log.warning("live updates: push failed in a browser (%s); that screen falls back to polling", reason)
    st.session_state[PUSH_FAILED_KEY] = True


def _push_url(board: Board) -> str | None:
    """Where this screen's browser subscribes to revisions, or None when this server polls."""
    global _polling_logged
    if live.running_hub() is None:
        if not _polling_logged:
            _polling_logged = True
            log.info("live updates: no push route (started without serve.py); shared screens poll")
        return None
    if st.session_state.get(PUSH_FAILED_KEY):
        return None
    return events_url(board)


def _live_board(board: Board, language: Language, facilitator_token: str | None) -> None:
    push_url = _push_url(board)
    # With push the browser asks for a rerun when a newer revision exists; without it we poll.
    run_every = None if push_url else get_settings().refresh_seconds

    @st.fragment(run_every=run_every)
    @fenced(language)
    def live_fragment() -> None:
        if push_url and st.session_state.get(PUSH_FAILED_KEY):
            st.rerun(scope="app")  # re-register this fragment with a polling interval
        try:
            snapshot = _current_snapshot(board.id)
        except BoardNotFound:
            st.error(t("screen.board_gone", language))
            return
        st.caption(t("screen.counts", language, participants=snapshot.participant_count, notes=len(snapshot.notes)))
        canvas = snapshot.active_canvas
        if facilitator_token:
            _canvas_switch(snapshot, language, facilitator_token)
        data = board_view(snapshot, canvas.id, language, can_drag=facilitator_token is not None)
        data["push_url"] = push_url
        board_component(
            data, key=BOARD_KEY, on_move=lambda: _apply_move(facilitator_token), on_push_failed=_on_push_failed
        )

    live_fragment()
