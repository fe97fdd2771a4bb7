"""Where participants reach the app: the address in the join link and the QR code.

Pure rules, no Streamlit: ``canvas.ui.context.join_base`` feeds them the browser's address, the configured
``CANVAS_PUBLIC_URL`` and this machine's network address (as Streamlit prints it at start, "Network URL").
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

FALLBACK_BROWSER_URL = "http://localhost:8501"  # no browser address known (Streamlit's AppTest)


@dataclass(frozen=True)
class JoinBase:
    """The start of every link people are given (scheme and host, no trailing slash)."""

    url: str
    reachable: bool  # False: only this machine can open it, and no other address is known


def reachable_by_others(host: str | None) -> bool:
    """False for names and addresses that mean "this machine" (localhost, 127.0.0.1, ::1, 0.0.0.0)."""
    if not host:
        return False
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost") or name == "localhost.localdomain":
        return False
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return True  # a host name other than localhost: the browser reached it, so may others
    return not (address.is_loopback or address.is_unspecified)


def join_base(browser_url: str | None, public_url: str | None, network_address: str | None) -> JoinBase:
    """The configured public URL; else the browser's address when others can reach it; else the browser's
    scheme with this machine's network address (``host:port``); else the browser's address, not reachable."""
    if public_url:
        return JoinBase(public_url.rstrip("/"), reachable=True)
    seen = urlsplit(browser_url or FALLBACK_BROWSER_URL)
    if reachable_by_others(seen.hostname):
        return JoinBase(f"{seen.scheme}://{seen.netloc}", reachable=True)
    if network_address and reachable_by_others(urlsplit(f"//{network_address}").hostname):
        return JoinBase(f"{seen.scheme}://{network_address}", reachable=True)
    return JoinBase(f"{seen.scheme}://{seen.netloc}", reachable=False)
