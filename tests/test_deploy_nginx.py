"""The deployment recipes of docs/deploy.md, run here: Debian's nginx with deploy/nginx-canvas.conf in front of
`streamlit run serve.py` on one machine (SQLite), and in front of two replicas on one PostgreSQL database."""

from __future__ import annotations

import http.client
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from canvas.content import default_canvas
from canvas.models import BoardCreate
from canvas.store import Store
from canvas.web.events import FAILURES_PER_MINUTE
from tests.browser import PHONE, PROJECTOR, running_app, screen_url
from tests.conftest import unavailable
from tests.nginx import NGINX, ROUTE_COOKIE, running_nginx
from tests.test_browser import join_and_add_note, note_on_screen, shot

TIMEOUT_MS = 20_000
IDLE_APP = "[data-testid=stApp][data-test-script-state=notRunning]"


@pytest.fixture(autouse=True)
def nginx_installed() -> None:
    if not shutil.which(NGINX):
        unavailable("CANVAS_REQUIRE_NGINX", "nginx is not installed (scripts/install-dev installs Debian's nginx)")


def event_streams(page: Page) -> list[Response]:
    """Every response the page got from the live channel, as it arrives."""
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response) if "/events/" in response.url else None)
    return responses


def pushed(responses: list[Response]) -> bool:
    return any(r.status == 200 and r.headers.get("content-type", "").startswith("text/event-stream") for r in responses)


def join_demo_and_add_note(phone: Page, join_link: str, *, zone: str, text: str) -> None:
    """Join the demo copy from its join link and add a note (the demo has a scoring round open, so the phone
    starts on scoring: switch to notes first)."""
    phone.goto(join_link)
    phone.get_by_text("Lokale ondernemer", exact=True).click()
    phone.get_by_role("button", name="Doe mee").click()
    phone.get_by_role("group", name="Wat wil je doen?").get_by_role("button", name="Notities").click()
    zones = phone.get_by_role("group", name="Waar hoort je notitie bij?")
    expect(zones).to_be_visible(timeout=TIMEOUT_MS)
    zones.get_by_role("radio", name=zone, exact=True).check()
    expect(phone.get_by_role("radio", name=zone, exact=True)).to_be_checked(timeout=TIMEOUT_MS)
    phone.get_by_role("textbox", name="Je notitie").fill(text)
    phone.get_by_role("button", name="Plak op het bord").click()
    expect(phone.get_by_text("Je notitie staat op het bord.")).to_be_visible(timeout=TIMEOUT_MS)


def test_one_machine_behind_nginx_a_visitor_tries_the_demo(chromium: Browser, tmp_path: Path) -> None:
    """serve.py on SQLite behind nginx: the demo button, the console over the proxied WebSocket, a phone's note
    arriving on the console by push through the proxy's unbuffered event stream."""
    database_url = f"sqlite:///{tmp_path / 'canvas.sqlite3'}"
    Store(database_url).close()
    with (
        running_app(database_url, script="serve.py", log_path=tmp_path / "app.log") as app,
        running_nginx(tmp_path / "nginx", [app]) as proxy,
    ):
        visitor = chromium.new_context(**PROJECTOR)
        phone_context = chromium.new_context(**PHONE)
        try:
            page = visitor.new_page()
            streams = event_streams(page)
            page.goto(f"{proxy.base}/")
            page.get_by_role("button", name="Probeer het uit").click()
            expect(page.get_by_text("Je eigen voorbeeldbord staat klaar")).to_be_visible(timeout=TIMEOUT_MS)
            join_link = page.get_by_role("link", name="Doe ook mee als deelnemer (nieuw tabblad)").get_attribute("href")
            # The app sees the address the browser used (nginx passes Host on), so its links go through the proxy.
            assert join_link.startswith(f"{proxy.base}/join?board=")
            code = re.search(r"board=([A-Z0-9]{6})", join_link).group(1)

            page.get_by_role("button", name="Open je bord als begeleider").click()
            page.wait_for_url(re.compile(rf"/console\?board={code}&f="), timeout=TIMEOUT_MS)
            expect(page.locator(".sc-zone")).to_have_count(8, timeout=TIMEOUT_MS)
            expect(page.locator(".sc-note").first).to_be_visible(timeout=TIMEOUT_MS)  # the demo's notes

            phone = phone_context.new_page()
            join_demo_and_add_note(phone, join_link, zone="Gedeelde taal", text="Via nginx geplakt")
            expect(note_on_screen(page, "Via nginx geplakt")).to_be_visible(timeout=TIMEOUT_MS)
            shot(page, "nginx-one-machine-console")
            assert pushed(streams), "the console did not get an event stream through nginx"
        finally:
            visitor.close()
            phone_context.close()
    assert "falls back to polling" not in (tmp_path / "app.log").read_text(encoding="utf-8")


def test_two_replicas_on_postgresql_a_note_through_one_reaches_a_screen_on_the_other(
    chromium: Browser, postgresql_url: str, tmp_path: Path
) -> None:
    """Two serve.py processes on one PostgreSQL database behind nginx with sticky sessions: the presentation is
    served by one replica, a phone adds a note through the other, and the presentation shows it."""
    store = Store(postgresql_url)  # migrates the fresh schema before both replicas start
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Twee replica's"))
    try:
        with (
            running_app(postgresql_url, script="serve.py", log_path=tmp_path / "a.log") as first,
            running_app(postgresql_url, script="serve.py", log_path=tmp_path / "b.log") as second,
            running_nginx(tmp_path / "nginx", [first, second]) as proxy,
        ):
            host = urlsplit(proxy.base).hostname
            screen_context = chromium.new_context(**PROJECTOR)
            phone_context = chromium.new_context(**PHONE)
            # Sticky sessions: each browser keeps the route cookie nginx hashes to one replica.
            screen_context.add_cookies(
                [{"name": ROUTE_COOKIE, "value": proxy.route_to(second), "domain": host, "path": "/"}]
            )
            phone_context.add_cookies(
                [{"name": ROUTE_COOKIE, "value": proxy.route_to(first), "domain": host, "path": "/"}]
            )
            try:
                screen = screen_context.new_page()
                streams = event_streams(screen)
                screen.goto(screen_url(proxy.base, created))
                expect(screen.get_by_test_id("join-code")).to_have_text(created.board.code, timeout=TIMEOUT_MS)
                expect(screen.locator(".sc-zone")).to_have_count(8, timeout=TIMEOUT_MS)

                phone = phone_context.new_page()
                join_and_add_note(
                    phone, proxy.base, created.board.code, name="Ria", zone="Gedeelde doelen", text="Van replica A"
                )
                expect(note_on_screen(screen, "Van replica A")).to_be_visible(timeout=TIMEOUT_MS)
                shot(screen, "nginx-two-replicas-screen")
                assert pushed(streams), "the presentation did not get an event stream through nginx"
            finally:
                screen_context.close()
                phone_context.close()
            # Which replica served what (nginx logs a request when it ends, so the short ones are asked about;
            # the long-lived WebSocket and event stream carry the same route cookie to the same replica).
            assert set(proxy.served_by("/presentation?")) == {urlsplit(second).netloc}
            assert set(proxy.served_by("/join?")) == {urlsplit(first).netloc}
    finally:
        store.close()


def guess_from(proxy_base: str, source: str, path: str) -> int:
    """Status of one event-stream request sent to nginx from the loopback address ``source``."""
    url = urlsplit(proxy_base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10, source_address=(source, 0))
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def test_behind_nginx_one_guessing_client_does_not_lock_out_the_others(tmp_path: Path) -> None:
    """Failed event-stream requests are counted per client address as nginx saw it, not per proxy: uvicorn under
    Streamlit believes X-Forwarded-For from a proxy on 127.0.0.1 (FORWARDED_ALLOW_IPS for one elsewhere)."""
    database_url = f"sqlite:///{tmp_path / 'canvas.sqlite3'}"
    store = Store(database_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Achter de proxy"))
    right_link = urlsplit(screen_url("", created))
    events_path = f"/events/{created.board.code}?{right_link.query}&kind=screen"
    try:
        with (
            running_app(database_url, script="serve.py") as app,
            running_nginx(tmp_path / "nginx", [app]) as proxy,
        ):
            guesser, neighbour = "127.0.0.2", "127.0.0.3"
            for index in range(FAILURES_PER_MINUTE):
                assert guess_from(proxy.base, guesser, f"/events/GUESS{index:02d}") == 404
            assert guess_from(proxy.base, guesser, events_path) == 429
            assert guess_from(proxy.base, neighbour, "/events/ZZZZZZ") == 404
            assert guess_from(proxy.base, neighbour, events_path) == 200
    finally:
        store.close()
