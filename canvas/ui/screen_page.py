"""The shared screen: the live board for the projector, with the join code and QR code.

With push (serve.py) the board component follows the board's live channel and draws every change itself;
the page reruns only when the board's structure changes (the canvas picker must follow). Without push, a
fragment reloads the board every ``refresh_seconds``. Notes are dragged on the facilitator's console (console_page).
"""

from __future__ import annotations

import base64
import html
import io
import logging
from collections.abc import Callable
from dataclasses import replace

import segno
import streamlit as st

from canvas.board_view import board_view, canvas_title
from canvas.errors import BoardNotFound, CanvasError
from canvas.hub import running_hub
from canvas.i18n import t
from canvas.models import BoardSnapshot, Language
from canvas.projector_type import PROJECTOR_FONT_PX, REFERENCE_WIDTH_PX, css_variables
from canvas.store import Role
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.board_component import board_component
from canvas.ui.context import BOARD_PARAM, FACILITATOR_PARAM, VIEWER_PARAM, BoardVisit, get_settings, get_store
from canvas.ui.errors import fenced, shown_as_message
from canvas.ui.follow import CLOSED_KEY, PUSH_FAILED_KEY, events_url, mark_closed, push_failed, stop_if_closed
from canvas.ui.timer import countdown

BOARD_KEY = "shared_board"
QR_CODE_PX = 120
"""The QR code's width at 1920 px: about 10 cm on a 75-inch screen, scanned from about a metre (a phone reads a
code from roughly ten times its width); the address and code beside it are for the back of the room."""
CANVAS_SWITCH_KEY = "screen_canvas_switch"

log = logging.getLogger(__name__)
_polling_logged = False


def render() -> None:
    """The presentation: what goes on the projector. Never a secret, never a control."""
    stop_if_closed(context.current_language())
    visit = context.visit_board_or_stop()
    if visit.facilitator_token:
        # A facilitator link opened on the projector: swap the secret in the address bar for the viewer key,
        # so a photo of the screen or a glance at the address bar gives nobody the facilitator's rights.
        del st.query_params[FACILITATOR_PARAM]
        st.query_params[VIEWER_PARAM] = visit.viewer_key
        visit = replace(visit, role=Role.VIEWER, facilitator_token=None)
    _presentation_style()
    # The header is drawn with the board: the step's timer in it follows the board live.
    live_board(visit, can_drag=False, header=lambda snapshot: _header(snapshot, visit.language))


def _qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def _header(snapshot: BoardSnapshot, language: Language) -> None:
    """One compact row: the board's name, the language and the step's timer, then how to join (address, code,
    QR code) in the corner. Its height does not depend on the board, so the board below it never moves."""
    board = snapshot.board
    join_link = context.page_link(context.URL_PARTICIPANT, **{BOARD_PARAM: board.code})
    title_column, join_column, qr_column = st.columns([11, 11, 1.4], vertical_alignment="center", gap="small")
    with title_column, st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.title(escape_markdown(board.title), width="content")
        context.language_switch(language)
        timer = snapshot.active_canvas.timer
        if timer is not None:
            countdown(timer, language, key=f"presentation_timer_{snapshot.active_canvas.id}", large=True)
    with join_column:
        st.markdown(
            "<div class='sc-join'>"
            f"<span class='sc-join-address'>{t('screen.join_instructions_html', language, site=_join_site())}</span>"
            f"<span class='sc-join-code' data-testid='join-code'>{board.code}</span></div>",
            unsafe_allow_html=True,
        )
    with qr_column:
        # Our own PNG as a data URL, so it has an alt text (st.image gives none without a caption, and a caption
        # would make the header taller; the line beside it already says "scan the QR code").
        qr = base64.b64encode(_qr_png(join_link)).decode("ascii")
        alt = html.escape(t("screen.qr_caption", language), quote=True)
        st.markdown(f"<img class='sc-qr' src='data:image/png;base64,{qr}' alt='{alt}'>", unsafe_allow_html=True)


def _join_site() -> str:
    """The join address as people type it: no scheme. Escaped: it comes from the server's settings."""
    return html.escape(context.base_url().split("://", 1)[-1] + "/join")


def _presentation_style() -> None:
    # Only our own static CSS goes through unsafe_allow_html; the join code is [A-Z0-9] by construction.
    # The projector shows the board, not Streamlit: no header bar, no toolbar, little padding, no scrollbar.
    # Type sizes come from canvas/projector_type.py and scale with the viewport width (docs/typography.md).
    unit = f"(100vw / {REFERENCE_WIDTH_PX})"
    size = PROJECTOR_FONT_PX
    st.markdown(
        f"""<style>
        :root {{ {css_variables()} }}
        [data-testid=stHeader], [data-testid=stToolbar], [data-testid=stDecoration],
        [data-testid=stStatusWidget] {{ display: none; }}
        .stMainBlockContainer {{ padding: 0.5rem 1.2rem 0; max-width: 100%; }}
        .stMainBlockContainer h1 {{ font-size: max(1.6rem, calc({size["board_title"]} * {unit})); padding: 0; }}
        .sc-join {{ display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.8rem; }}
        .sc-join-address {{ font-size: max(1rem, calc({size["join_address"]} * {unit})); }}
        .sc-join-code {{ font-size: max(2rem, calc({size["join_code"]} * {unit})); font-weight: 800;
                        letter-spacing: 0.15em; font-family: ui-monospace, monospace; line-height: 1.1; }}
        .sc-qr {{ display: block; width: max(96px, calc({QR_CODE_PX} * {unit})); height: auto; margin-left: auto;
                  image-rendering: pixelated; }}
        @media (min-width: 701px) {{ html, body {{ overflow: hidden; }} }}
        </style>""",
        unsafe_allow_html=True,
    )


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
        # A note deleted meanwhile, or a stale drag: this rerun draws the real state.
        log.info("a move was refused or stale: %s", move)


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
            st.error(t("screen.board_gone", language))
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
            "closed_label": t("screen.board_gone", language),
            # A fixed board on wide screens; the presentation's type is sized for the back of the room.
            "fit": True,
            "type_px": None if facilitator_token else PROJECTOR_FONT_PX,
        }
        board_component(
            data,
            key=BOARD_KEY,
            on_move=lambda: _apply_move(facilitator_token),
            on_push_failed=push_failed(BOARD_KEY),
            on_closed=mark_closed,
        )

    live_fragment()
