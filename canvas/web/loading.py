"""A word at once while a page loads: "Het bord wordt geladen…" in the page's HTML, before Streamlit's scripts run.

A phone that scans the QR code got a blank white page for 5-6 s (Streamlit's scripts load, connect and run
the page first) and people tapped again or gave up. Streamlit's page is one HTML file with an empty
``<div id="root">``; this middleware puts a short notice in that element (React replaces it as soon as the
app draws) and sets the page's language, both from the address (``lang=``) or the browser's languages.

Streamlit compresses the page after this middleware has seen it (user middleware runs first, its gzip
later), so a page request reaches Streamlit without ``Accept-Encoding``: the page is about 5 KB.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from canvas.i18n import parse_language, t
from canvas.models import Language

ROOT = b'<div id="root"></div>'
# Requests that are never a page: Streamlit's own, the live channel, the phone's requests, files.
NOT_PAGES = ("/_stcore", "/static", "/component", "/media", "/events/", "/act/", "/app/static")
NOTICE_STYLE = (
    "font-family:system-ui,sans-serif;font-size:1.25rem;line-height:1.5;color:#2b2b2b;"
    "margin:3rem 1.5rem;max-width:32rem"
)


def page_language(scope: Scope) -> Language:
    """The language the page will most likely be shown in: the address's ``lang``, else Dutch, as the app (a
    board's own language is known only once the app runs; the browser's is not the one the app follows)."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return parse_language(query["lang"][0] if query.get("lang") else None)


def with_notice(html: bytes, language: Language) -> bytes:
    notice = f'<p role="status" style="{NOTICE_STYLE}">{t("common.loading", language)}</p>'
    html = html.replace(ROOT, b'<div id="root">' + notice.encode("utf-8") + b"</div>", 1)
    return html.replace(b'<html lang="en">', f'<html lang="{language.value}">'.encode(), 1)


def is_page_request(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path = scope.get("path", "")
    if path.startswith(NOT_PAGES) or "." in path.rsplit("/", 1)[-1]:
        return False
    accept = dict(scope.get("headers") or []).get(b"accept", b"")
    return b"text/html" in accept


class LoadingNotice:
    """ASGI middleware: the notice in every page's HTML (see the module's docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_page_request(scope):
            await self.app(scope, receive, send)
            return
        language = page_language(scope)
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]}
        start: Message | None = None
        parts: list[bytes] = []

        async def edit(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            parts.append(message.get("body", b""))
            if message.get("more_body"):
                return
            headers = dict(start["headers"])
            body = b"".join(parts)
            if headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers:
                body = with_notice(body, language)
            kept = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            await send({**start, "headers": [*kept, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, edit)
