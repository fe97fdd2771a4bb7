"""How many boards one client may make: new, imported and demo boards count together.

A public instance must not be filled up by one script. The limit is per client address and per app process
(``canvas.ratelimit``), like the other limits: with sticky sessions a client stays on one process. The address
is the one Streamlit reports for the browser's connection. Behind a reverse proxy that is the client's own
address, not the proxy's: the web server under Streamlit (uvicorn) takes it from ``X-Forwarded-For`` when the
proxy is at an address it trusts, 127.0.0.1 unless ``FORWARDED_ALLOW_IPS`` says otherwise (docs/deploy.md).
"""

from __future__ import annotations

import streamlit as st

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


def may_create_board(language: Language) -> bool:
    """Count one board for this client; False (with a message in the user's language) when over the limit."""
    settings = get_settings()
    if _board_creations(settings.database_url, settings.boards_per_hour).allow(client_key(st.context.ip_address)):
        return True
    st.error(t("hosting.too_many_boards", language, limit=settings.boards_per_hour), icon=":material/timer:")
    return False
