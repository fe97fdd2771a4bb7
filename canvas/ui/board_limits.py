"""How many boards one client may make: new, imported and demo boards count together.

A public instance must not be filled up by one script. The limit is per client address and per app
process (``canvas.ratelimit``), like the other limits: with sticky sessions a client stays on one process.
Behind a reverse proxy every browser arrives from the proxy's address, so with ``CANVAS_TRUSTED_PROXY`` the
address the proxy saw (the last ``X-Forwarded-For`` entry, which the proxy itself appended) counts instead.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from canvas.i18n import t
from canvas.models import Language
from canvas.ratelimit import RateLimiter
from canvas.ui.context import get_settings

LOCAL_CLIENT = "local"  # Streamlit reports no address for a browser on the same machine


def client_address(headers: Mapping[str, str], connection_address: str | None, *, trusted_proxy: bool) -> str:
    """The address to count a client by. Only a trusted proxy's X-Forwarded-For is believed: anyone can send
    that header, so without a proxy in front it would let a script pick a new address for every board."""
    if trusted_proxy:
        forwarded = [part.strip() for part in headers.get("X-Forwarded-For", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return connection_address or LOCAL_CLIENT


@st.cache_resource
def _board_creations(database_url: str, per_hour: int) -> RateLimiter:
    # Keyed by the database and the limit: a process serving another database (tests) counts afresh.
    return RateLimiter(limit=per_hour, per_seconds=3600)


def may_create_board(language: Language) -> bool:
    """Count one board for this client; False (with a message in the user's language) when over the limit."""
    settings = get_settings()
    address = st.context.ip_address
    address = address if isinstance(address, str) else None  # Streamlit's AppTest hands out a stand-in object
    client = client_address(st.context.headers, address, trusted_proxy=settings.trusted_proxy)
    if _board_creations(settings.database_url, settings.boards_per_hour).allow(client):
        return True
    st.error(t("hosting.too_many_boards", language, limit=settings.boards_per_hour), icon=":material/timer:")
    return False
