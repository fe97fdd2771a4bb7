"""How many boards one client may make: new and imported boards together, demo copies apart.

Demo copies have their own count: everyone on a venue's Wi-Fi usually shares one address, and a room trying the
demo must not use up the boards its facilitator needs for the real session (issue 24, item 5).

A public instance must not be filled up by one script. The limit is per client address and per app process
(``canvas.ratelimit``), like the other limits: with sticky sessions a client stays on one process. The address
is the one Streamlit reports for the browser's connection. Behind a reverse proxy that is the client's own
address, not the proxy's: the web server under Streamlit (uvicorn) takes it from ``X-Forwarded-For`` when the
proxy is at an address it trusts, 127.0.0.1 unless ``FORWARDED_ALLOW_IPS`` says otherwise (docs/deploy.md).
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from canvas.i18n import t
from canvas.models import Language
from canvas.ratelimit import RateLimiter
from canvas.ui.context import get_settings

LOCAL_CLIENT = "local"  # Streamlit reports no address for a browser on the same machine


@st.cache_resource
def _board_creations(database_url: str, per_hour: int) -> RateLimiter:
    # Keyed by the database and the limit: a process serving another database (tests) counts afresh.
    return RateLimiter(limit=per_hour, per_seconds=3600)


def client_key(address: object) -> str:
    """What to count a client by: its address, or one key for every browser on this machine."""
    # isinstance: Streamlit's AppTest hands out a stand-in object instead of an address.
    return address if isinstance(address, str) and address else LOCAL_CLIENT


@st.cache_resource
def _demo_copies(database_url: str, per_hour: int) -> RateLimiter:
    return RateLimiter(limit=per_hour, per_seconds=3600)


def may_create_board(language: Language, *, demo: bool = False, where: DeltaGenerator | None = None) -> bool:
    """Count one board (or one demo copy) for this client; False when over the limit, with a message in the
    user's language in ``where``: a place beside the button pressed, so it is seen without scrolling."""
    settings = get_settings()
    per_hour = settings.demos_per_hour if demo else settings.boards_per_hour
    limiter = (_demo_copies if demo else _board_creations)(settings.database_url, per_hour)
    message = "hosting.too_many_demos" if demo else "hosting.too_many_boards"
    if limiter.allow(client_key(st.context.ip_address)):
        return True
    (where or st).error(t(message, language, limit=per_hour), icon=":material/timer:")
    return False
