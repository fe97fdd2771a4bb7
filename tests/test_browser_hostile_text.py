"""Hostile text in the real app and Chromium: a markdown image in facilitator text fetches nothing on any phone,
and a NUL typed into a note on PostgreSQL gets a message, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from canvas.content import default_canvas
from canvas.models import BoardCreate, CustomCanvasCreate, CustomZoneCreate, ParticipantCreate, Party
from canvas.store import Store
from tests.browser import PHONE, running_app, screen_url

TIMEOUT_MS = 15_000
# A host nobody serves: a request to it shows up in the page's request log even when it fails.
PIXEL = "http://pixel.invalid/p.png"


@pytest.fixture
def postgres_app(postgresql_url: str, tmp_path: Path) -> Iterator[tuple[str, Store]]:
    store = Store(postgresql_url)
    try:
        with running_app(postgresql_url, script="serve.py", log_path=tmp_path / "server.log") as base:
            yield base, store
    finally:
        store.close()


def test_a_markdown_image_in_facilitator_text_fetches_nothing_on_a_phone(
    chromium: Browser, live_app: tuple[str, str]
) -> None:
    base, database_url = live_app
    store = Store(database_url)
    try:
        created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title=f"![b]({PIXEL}) Park"))
        board_id, token = created.board.id, created.facilitator_token
        zone = CustomZoneCreate(title=f"![z]({PIXEL})", prompt=f"<img src='{PIXEL}'> en ![p]({PIXEL})")
        store.add_custom_canvas(
            board_id=board_id, new=CustomCanvasCreate(title=f"![c]({PIXEL})", zones=[zone]), facilitator_token=token
        )
        person = store.join(board_id=board_id, new=ParticipantCreate(display_name="Ans", party=Party.CIVIC))
    finally:
        store.close()
    requested: list[str] = []
    context = chromium.new_context(**PHONE)
    context.on("request", lambda request: requested.append(request.url))
    try:
        phone = context.new_page()
        phone.goto(f"{base}/join?board={created.board.code}&p={person.id}")
        # The canvas the facilitator shows is the custom one: its zone, with its question, is on the phone.
        zone_pill = phone.get_by_text(f"![z]({PIXEL})", exact=True)
        expect(zone_pill).to_be_visible(timeout=TIMEOUT_MS)
        zone_pill.click()
        expect(phone.get_by_text(f"<img src='{PIXEL}'> en ![p]({PIXEL})", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
        expect(phone.get_by_text(f"![b]({PIXEL}) Park", exact=True)).to_be_visible()
        screen = context.new_page()
        screen.goto(screen_url(base, created))
        expect(screen.locator(".sc-zone")).to_have_count(1, timeout=TIMEOUT_MS)
        expect(screen.locator(".sc-zone-prompt")).to_have_text(f"<img src='{PIXEL}'> en ![p]({PIXEL})")
    finally:
        context.close()
    assert [url for url in requested if urlsplit(url).hostname == "pixel.invalid"] == []


def test_a_nul_in_a_note_on_postgresql_gets_a_message_not_a_traceback(
    chromium: Browser, postgres_app: tuple[str, Store]
) -> None:
    base, store = postgres_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Nul"))
    person = store.join(board_id=created.board.id, new=ParticipantCreate(display_name="Bo", party=Party.CIVIC))
    context = chromium.new_context(**PHONE)
    try:
        phone = context.new_page()
        phone.goto(f"{base}/join?board={created.board.code}&p={person.id}")
        phone.get_by_text("Gedeelde doelen", exact=True).click()
        expect(phone.get_by_text("Wat willen we samen bereiken", exact=False)).to_be_visible(timeout=TIMEOUT_MS)
        box = phone.get_by_role("textbox", name="Je notitie")
        box.fill("voor")
        box.evaluate("(element) => { element.value = 'voor\\u0000na'; }")  # a NUL, as a paste could bring it
        box.press("End")
        box.type("!")
        phone.get_by_role("button", name="Plak op het bord").click()
        expect(phone.get_by_text("onzichtbare stuurtekens", exact=False)).to_be_visible(timeout=TIMEOUT_MS)
        expect(phone.get_by_text("Traceback")).to_have_count(0)
        expect(phone.get_by_text("psycopg", exact=False)).to_have_count(0)
    finally:
        context.close()
    assert store.load_snapshot(board_id=created.board.id).notes == ()
