"""A page says "loading…" at once, in its language, before Streamlit's scripts have run (canvas/web/loading.py):
a phone that scanned the QR code showed a blank white page for seconds."""

from __future__ import annotations

import urllib.request

from playwright.sync_api import Browser, expect

from canvas.models import Language
from canvas.web.loading import is_page_request, page_language, with_notice
from tests.browser import PHONE

PAGE = b'<!DOCTYPE html><html lang="en"><head></head><body><div id="root"></div></body></html>'


def scope(path: str, query: str = "", **headers: str) -> dict:
    return {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query.encode(),
        "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }


def test_only_page_requests_get_the_notice() -> None:
    assert is_page_request(scope("/join", "board=ABC123", accept="text/html,*/*"))
    assert is_page_request(scope("/", accept="text/html"))
    for path in ("/_stcore/health", "/static/js/index.js", "/events/ABC123", "/act/ABC123", "/favicon.png"):
        assert not is_page_request(scope(path, accept="text/html")), path
    assert not is_page_request(scope("/join", accept="application/json"))


def test_the_notice_and_the_language_follow_the_address_and_dutch_without_it() -> None:
    assert page_language(scope("/join", "board=X&lang=en", accept_language="nl-NL")) is Language.EN
    # The app follows the address and the board, not the browser: neither does the notice.
    assert page_language(scope("/join", accept_language="en-GB,en;q=0.9")) is Language.NL
    dutch = with_notice(PAGE, Language.NL).decode()
    assert '<html lang="nl">' in dutch and "de pagina wordt geladen" in dutch and 'role="status"' in dutch
    assert "the page is loading" in with_notice(PAGE, Language.EN).decode()


def test_a_phone_sees_the_notice_before_streamlit_draws_and_the_app_after(
    chromium: Browser, live_app: tuple[str, str]
) -> None:
    base = live_app[0]
    # Over the wire, as a browser asks (compressed): the page carries the notice.
    request = urllib.request.Request(
        f"{base}/join?board=ABC123", headers={"Accept": "text/html", "Accept-Encoding": "gzip, deflate"}
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        assert b"de pagina wordt geladen" in reply.read()
    context = chromium.new_context(**PHONE)
    try:
        # Streamlit's scripts held back: what a slow phone shows in the seconds before they run.
        blocked = context.new_page()
        blocked.route("**/static/js/**", lambda route: route.abort())
        blocked.goto(f"{base}/join?board=ABC123")
        expect(blocked.get_by_role("status")).to_have_text("Even geduld: de pagina wordt geladen…")
        assert blocked.evaluate("document.documentElement.lang") == "nl"
        # Scripts let through: the app replaces the notice.
        page = context.new_page()
        page.goto(f"{base}/join?lang=en")
        expect(page.get_by_role("heading", name="Join")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("the page is loading")).to_have_count(0)
    finally:
        context.close()
