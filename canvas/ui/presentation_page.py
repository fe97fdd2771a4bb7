"""The presentation's parts (views/presentation.py): the header with the join code and QR code, the projector's
style, and the swap of a facilitator secret for the viewer key. The board itself is canvas/ui/live_board.py."""

from __future__ import annotations

import base64
import html
import io
from dataclasses import replace

import segno
import streamlit as st

from canvas.i18n import t
from canvas.models import BoardSnapshot, Language
from canvas.projector_type import PROJECTOR_FONT_PX, REFERENCE_WIDTH_PX, css_variables
from canvas.store import Role
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.context import BOARD_PARAM, FACILITATOR_PARAM, VIEWER_PARAM, BoardVisit
from canvas.ui.screens import Screen
from canvas.ui.timer import countdown

QR_CODE_PX = 120
"""The QR code's width at 1920 px, and its least at any projector width: about 10 cm on a 75-inch screen, scanned
from about a metre (a phone reads a code from roughly ten times its width); the address and code beside it are
for the back of the room."""


LOW_SCREEN_PX = 800
"""A projector at most this high (1280 x 720, 1366 x 768) hangs the QR code beside the roof (``style``)."""


def without_the_secret(visit: BoardVisit) -> BoardVisit:
    """A facilitator link opened on the projector: swap the secret in the address bar for the viewer key, so a
    photo of the screen or a glance at the address bar gives nobody the facilitator's rights."""
    if not visit.facilitator_token:
        return visit
    del st.query_params[FACILITATOR_PARAM]
    st.query_params[VIEWER_PARAM] = visit.viewer_key
    return replace(visit, role=Role.VIEWER, facilitator_token=None)


def _qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def header(snapshot: BoardSnapshot, language: Language) -> None:
    """One compact row: the board's name, the language and the step's timer, then how to join (address, code,
    QR code) in the corner. Its height does not depend on the board, so the board below it never moves."""
    board = snapshot.board
    join_link = context.page_link(Screen.JOIN.url_path, **{BOARD_PARAM: board.code})
    title_column, join_column, qr_column = st.columns([11, 11, 1.4], vertical_alignment="center", gap="small")
    with title_column, st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        # No language switch: the projector is no control (its language is the board's, or the link's).
        st.title(escape_markdown(board.title), width="content")
        timer = snapshot.active_canvas.timer
        if timer is not None:
            countdown(timer, language, key=f"presentation_timer_{snapshot.active_canvas.id}", large=True)
    with join_column:
        instructions = t("presentation.join_instructions_html", language, site=_join_site())
        st.markdown(
            "<div class='sc-join'>"
            f"<span class='sc-join-address'>{instructions}</span>"
            f"<span class='sc-join-code' data-testid='join-code'>{board.code}</span></div>",
            unsafe_allow_html=True,
        )
    with qr_column:
        # Our own PNG as a data URL, so it has an alt text (st.image gives none without a caption, and a caption
        # would make the header taller; the line beside it already says "scan the QR code").
        qr = base64.b64encode(_qr_png(join_link)).decode("ascii")
        alt = html.escape(t("presentation.qr_caption", language), quote=True)
        st.markdown(f"<img class='sc-qr' src='data:image/png;base64,{qr}' alt='{alt}'>", unsafe_allow_html=True)


def _join_site() -> str:
    """The join address as people type it: no scheme. Escaped: it comes from the server's settings."""
    return html.escape(context.base_url().split("://", 1)[-1] + "/" + Screen.JOIN.url_path)


def style() -> None:
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
        .sc-qr {{ display: block; width: max({QR_CODE_PX}px, calc({QR_CODE_PX} * {unit})); height: auto;
                  margin-left: auto; image-rendering: pixelated; }}
        /* The QR code's column takes the code's width, whatever the columns' shares give it. */
        [data-testid=stHorizontalBlock]:has(.sc-qr) {{ flex-wrap: nowrap; }}
        [data-testid=stHorizontalBlock]:has(.sc-qr) > [data-testid=stColumn] {{ min-width: 0; }}
        [data-testid=stColumn]:has(.sc-qr) {{ flex: 0 0 auto !important; width: auto !important; }}
        /* A low screen (1280 x 720): the QR code keeps its {QR_CODE_PX} px, a sixth of the height, so it no longer
           sets the header's height: it hangs down beside the roof, over the house's empty corner, and the
           board's counts keep clear of it (--sc-corner-px, in the board's own style). The board gains 58 px. */
        @media (min-width: 701px) and (max-height: {LOW_SCREEN_PX}px) {{
            :root {{ --sc-corner-px: {QR_CODE_PX + 12}; }}
            [data-testid=stColumn]:has(.sc-qr) {{ min-width: {QR_CODE_PX}px !important; }}
            .sc-qr {{ position: fixed; top: 0.25rem; right: 1.2rem; z-index: 5; }}
        }}
        /* The page's invisible parts (these styles, the live listeners) take no row: the board gets it. */
        [data-testid=stMainBlockContainer] > [data-testid=stVerticalBlock] > [data-testid=stElementContainer],
        [data-testid=stMainBlockContainer] > div > [data-testid=stVerticalBlock] > [data-testid=stElementContainer] {{
            position: absolute; }}
        @media (min-width: 701px) {{ html, body {{ overflow: hidden; }} }}
        </style>""",
        unsafe_allow_html=True,
    )
