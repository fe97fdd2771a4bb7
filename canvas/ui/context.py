"""Per-session helpers: the shared store, settings, URL state and the language in use.

Board code, participant id and facilitator token live in the URL (``st.query_params``) so a phone that
locks its screen and reconnects is still the same participant, and a facilitator link can be bookmarked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from canvas import content
from canvas.errors import BoardNotFound, CanvasError
from canvas.i18n import parse_language, t
from canvas.join_address import JoinBase, join_base
from canvas.models import Board, Language
from canvas.settings import Settings
from canvas.snapshots import SnapshotCache
from canvas.store import Role, Store
from canvas.ui.screens import Screen

# URL parameter names: short, because people read join links aloud and type them.
BOARD_PARAM = "board"
PARTICIPANT_PARAM = "p"
FACILITATOR_PARAM = "f"
VIEWER_PARAM = "v"
# The radar's presentation view for the projector: /radar?board=…&v=…&view=presentation (&parties=1: per party).
VIEW_PARAM = "view"
PRESENTATION_VIEW = "presentation"
PARTIES_PARAM = "parties"
# The code of the board this session was on: when it is gone, say it was deleted (not "no such board").
SEEN_BOARD_KEY = "seen_board_code"
LANGUAGE_PARAM = "lang"

ICON_PATH = Path(__file__).parent / "assets" / "icon.png"
TOOL_PARAM = "tool"
DIMENSION_PARAM = "dimension"


@st.cache_resource
def get_settings() -> Settings:
    return Settings.from_env()


@st.cache_resource
def get_store() -> Store:
    """One store (one connection pool) per server process, shared by every session."""
    return Store(get_settings().database_url)


def get_snapshots() -> SnapshotCache:
    """One snapshot per (board, revision) for every session of this process, and for the live hub."""
    return _snapshot_cache(get_settings().database_url)


@st.cache_resource
def _snapshot_cache(database_url: str) -> SnapshotCache:
    # Keyed by the database, so it can never serve another database's boards (tests switch databases).
    return SnapshotCache(get_store())


@dataclass(frozen=True)
class UrlState:
    board_code: str | None
    participant_id: str | None
    facilitator_token: str | None
    viewer_key: str | None
    language: str | None


def url_state() -> UrlState:
    params = st.query_params
    return UrlState(
        board_code=params.get(BOARD_PARAM) or None,
        participant_id=params.get(PARTICIPANT_PARAM) or None,
        facilitator_token=params.get(FACILITATOR_PARAM) or None,
        viewer_key=params.get(VIEWER_PARAM) or None,
        language=params.get(LANGUAGE_PARAM) or None,
    )


def current_language(board: Board | None = None) -> Language:
    """The language chosen in this browser (URL), else the board's, else Dutch."""
    chosen = url_state().language
    if chosen:
        return parse_language(chosen)
    return board.language if board else parse_language(None)


PAGE_LANGUAGE_KEY = "page_language_of_board"


def page_language() -> Language:
    """The language of the page about to run, known before it runs (for the tab title and ``<html lang>``):
    the language chosen in the URL, else the language of the board whose code is in the URL, else Dutch.
    The same rule as ``current_language`` on the pages; a board's language never changes, so it is looked
    up once per session and code."""
    state = url_state()
    if state.language or not state.board_code:
        return current_language()
    known = st.session_state.get(PAGE_LANGUAGE_KEY)
    if not known or known[0] != state.board_code:
        try:
            board_language = get_store().find_board(code=state.board_code).language
        except BoardNotFound:
            return current_language()
        known = st.session_state[PAGE_LANGUAGE_KEY] = (state.board_code, board_language)
    return known[1]


def content_problem() -> str | None:
    """What is wrong with the content files, or None. Checked on every run: cached after the first load."""
    try:
        content.handbook()
        content.canvas_templates()
    except content.ContentError as error:
        return str(error)
    return None


def language_switch(language: Language) -> None:
    """A compact NL | EN switch; the choice is kept in the URL."""
    options = [lang.value for lang in Language]
    choice = st.segmented_control(
        t("common.language", language),
        options,
        default=language.value,
        format_func=lambda value: value.upper(),
        key="language_switch",
        label_visibility="collapsed",
    )
    if choice and choice != language.value:
        st.query_params[LANGUAGE_PARAM] = choice
        st.rerun()


def find_board_from_url(language: Language) -> Board | None:
    """The board named in the URL; shows a clear message when the code is unknown (or, to someone who was
    on it in this session, that it was deleted)."""
    code = url_state().board_code
    if not code:
        return None
    try:
        board = get_store().find_board(code=code)
    except BoardNotFound:
        gone = st.session_state.get(SEEN_BOARD_KEY) == code
        st.error(t("board.gone" if gone else "error.board_not_found", language))
        return None
    st.session_state[SEEN_BOARD_KEY] = code
    return board


@dataclass(frozen=True)
class BoardVisit:
    """The board a screen is about, in the language to show it in, and who is looking."""

    board: Board
    language: Language
    role: Role
    facilitator_token: str | None  # set only when it is this board's real secret
    viewer_key: str  # what a read-only screen of this board holds (shown to the facilitator as the viewer link)


def visit_board_or_stop() -> BoardVisit:
    """The board of a screen link (facilitator token or viewer key in the URL).

    A code alone opens no screen: an unknown code, a code without a key and a wrong key get the same
    message, so nobody learns from this page which codes exist. The page stops there, with a way back.
    """
    language = current_language()
    state = url_state()
    access = None
    if state.board_code:
        access = get_store().access(
            code=state.board_code, facilitator_token=state.facilitator_token, viewer_key=state.viewer_key
        )
    if access is None or access.role is Role.PARTICIPANT:
        st.title(t("board.not_found_title", language))
        gone = state.board_code is not None and st.session_state.get(SEEN_BOARD_KEY) == state.board_code
        st.error(t("board.gone" if gone else "error.board_link", language))
        st.page_link(Screen.START.script, label=t("board.to_start", language), icon=":material/home:")
        st.stop()
    st.session_state[SEEN_BOARD_KEY] = state.board_code
    is_facilitator = access.role is Role.FACILITATOR
    token = state.facilitator_token if is_facilitator else None
    return BoardVisit(access.board, current_language(access.board), access.role, token, access.viewer_key or "")


def show_error(error: CanvasError, language: Language) -> None:
    st.error(t(error.message_key, language, **error.values))


def network_address() -> str | None:
    """This machine's address for others, ``host:port``, as Streamlit prints it at start ("Network URL").

    The address the server listens on when it is one (``--server.address``; a loopback one, which ``join_base``
    refuses, means nothing but this machine reaches it), else Streamlit's own guess (``net_util.get_internal_ip``:
    the address of the way out, 127.0.0.1 without a network); with the server's port. None for a Unix socket.
    """
    from streamlit import config, net_util

    bound = config.get_option("server.address")
    if bound and bound.startswith("unix:"):
        return None
    host = bound if bound and bound not in {"0.0.0.0", "::"} else net_util.get_internal_ip()
    if not host:
        return None
    port = config.get_option("server.port")
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def join_address() -> JoinBase:
    """Where participants reach this app: ``CANVAS_PUBLIC_URL``; this browser's address when others can reach it;
    else this machine's network address; else the browser's address, marked as reachable by nobody else."""
    return join_base(st.context.url, get_settings().public_url, network_address())


def base_url() -> str:
    """The start of every link people are given (``join_address``)."""
    return join_address().url


def carried_params(language: Language) -> dict[str, str]:
    """The URL state that travels with the user between pages: language, board and facilitator secret."""
    state = url_state()
    params = {
        LANGUAGE_PARAM: language.value,
        BOARD_PARAM: state.board_code,
        FACILITATOR_PARAM: state.facilitator_token,
        VIEWER_PARAM: state.viewer_key,
    }
    return {key: value for key, value in params.items() if value}


def open_library(language: Language, **filters: str) -> None:
    """Go to the tool library (or one tool, with ``tool=key``), keeping board and language."""
    st.switch_page(Screen.LIBRARY.script, query_params={**carried_params(language), **filters})


def page_link(url_path: str, **params: str) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{base_url()}/{url_path}" + (f"?{query}" if query else "")


def client_address() -> str:
    """The browser's address as Streamlit sees it (behind a proxy: the proxy's), for per-client limits."""
    return getattr(st.context, "ip_address", None) or "unknown"
