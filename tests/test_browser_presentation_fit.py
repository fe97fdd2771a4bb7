"""The presentation on a 1920×1080 projector: the whole house fits whatever the number of notes, zones fold
what does not fit into "+ N meer", nothing moves when a note arrives, and the type is the size derived for
the back row (canvas/projector_type.py, docs/typography.md)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.models import ClusterCreate, ParticipantCreate, Party, Phase
from canvas.projector_type import PROJECTOR_FONT_PX
from canvas.store import Store
from tests.board_samples import add_workshop_notes, workshop_house
from tests.browser import PROJECTOR, live_store, screen_url  # noqa: F401 - live_store is the store fixture
from tests.test_browser import seeded_board

TIMEOUT_MS = 20_000  # a generous wait on state: the machine running these is often busy


def wait_until_fitted(page: Page, revision: int) -> None:
    board = page.locator(".sc-board")
    expect(board).to_have_attribute("data-revision", str(revision), timeout=TIMEOUT_MS)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
    page.wait_for_function("() => [...document.images].every((i) => i.complete) && document.fonts.status === 'loaded'")
    board.evaluate(
        """(board) => new Promise((resolve) => {
          const fitted = () => Math.abs(board.getBoundingClientRect().bottom - (innerHeight - 8)) <= 1;
          const check = () => (fitted() ? resolve(true) : requestAnimationFrame(check));
          check();
        })"""
    )


def zone_boxes(page: Page) -> dict[str, dict]:
    return {zone.get_attribute("data-zone-key"): zone.bounding_box() for zone in page.locator(".sc-zone").all()}


def test_sixty_notes_fit_the_projector_and_a_new_note_moves_nothing(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created = workshop_house(store, notes=60)
    context = chromium.new_context(**PROJECTOR)
    try:
        page = context.new_page()
        page.goto(screen_url(base, created))
        wait_until_fitted(page, store.load_snapshot(board_id=created.board.id).revision)
        width, height = PROJECTOR["viewport"]["width"], PROJECTOR["viewport"]["height"]
        before = zone_boxes(page)
        assert len(before) == 8
        for key, box in before.items():
            assert box["x"] >= 0 and box["y"] >= 0, key
            assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, (key, box)
        assert page.evaluate("() => window.scrollY") == 0
        # Every shown note lies inside its zone; the rest is folded into "+ N meer".
        for zone in page.locator(".sc-zone").all():
            zone_box = zone.bounding_box()
            for note in zone.locator(".sc-note:visible").all():
                note_box = note.bounding_box()
                assert note_box["y"] + note_box["height"] <= zone_box["y"] + zone_box["height"] + 0.5
        more = page.locator(".sc-more:visible")
        assert more.count() >= 1
        for label in more.all_inner_texts():
            assert re.fullmatch(r"\+ \d+ meer", label), label
        folded = int(page.locator(".sc-board").get_attribute("data-folded"))
        shown = page.locator(".sc-note:visible").count()
        assert shown >= 8 and shown + folded == 60  # every zone shows a note; none is lost
        # Crowded zones use the smallest derived size, never smaller.
        dense = page.locator(".sc-dense .sc-note-text:visible").first
        assert float(dense.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")) == pytest.approx(
            PROJECTOR_FONT_PX["note_text_dense"], abs=0.5
        )

        add_workshop_notes(store, created, 1, start=60)
        wait_until_fitted(page, store.load_snapshot(board_id=created.board.id).revision)
        assert zone_boxes(page) == before
        assert (
            int(page.locator(".sc-board").get_attribute("data-folded")) + page.locator(".sc-note:visible").count() == 61
        )
    finally:
        context.close()


def font_px(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")


def test_the_presentation_type_has_the_derived_sizes(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created, _ = seeded_board(store, "Een notitie voor achterin de zaal")
    context = chromium.new_context(**PROJECTOR)
    try:
        page = context.new_page()
        page.goto(screen_url(base, created))
        expect(page.locator(".sc-note")).to_be_visible(timeout=TIMEOUT_MS)
        expected = {
            ".sc-note-text": "note_text",
            ".sc-note-author": "note_author",
            ".sc-zone-title": "zone_title",
            ".sc-zone-prompt": "zone_prompt",
            ".sc-count": "count",
            ".sc-counts": "count",
            ".sc-roof": "canvas_title",
            "h1": "board_title",
            ".sc-join-address": "join_address",
            "[data-testid=join-code]": "join_code",
        }
        for selector, name in expected.items():
            assert font_px(page, selector) == pytest.approx(PROJECTOR_FONT_PX[name], abs=0.5), (selector, name)
    finally:
        context.close()


def test_a_notes_group_and_dots_are_read_from_the_back_row(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    """While voting, a note's group name and its dots on the projector are no smaller than the author line, the
    smallest type the room must read (they were 0.85 and 1 times the card's base size: about 11 and 13 px)."""
    base, _ = live_app
    created, note_id = seeded_board(store, "Een loket bij de gemeente")
    board_id, token = created.board.id, created.facilitator_token
    canvas_id = store.load_snapshot(board_id=board_id).active_canvas.id
    store.create_cluster(
        board_id=board_id,
        canvas_id=canvas_id,
        new=ClusterCreate(title="Loketten", note_ids=[note_id]),
        facilitator_token=token,
    )
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
    voter = store.join(board_id=board_id, new=ParticipantCreate(display_name="Sam", party=Party.CIVIC))
    store.cast_vote(board_id=board_id, participant_id=voter.id, note_id=note_id)
    context = chromium.new_context(**PROJECTOR)
    try:
        page = context.new_page()
        page.goto(screen_url(base, created))
        expect(page.locator(".sc-note-votes")).to_have_text("1", timeout=TIMEOUT_MS)
        expect(page.locator(".sc-note-group")).to_have_text("Groep: Loketten")
        smallest = PROJECTOR_FONT_PX["note_author"]
        for selector in (".sc-note-group", ".sc-note-votes"):
            assert font_px(page, selector) >= smallest - 0.5, selector
    finally:
        context.close()


def test_the_console_opens_a_folded_zone(chromium: Browser, live_app: tuple[str, str], store: Store) -> None:
    base, _ = live_app
    created = workshop_house(store, notes=60)
    context = chromium.new_context(**PROJECTOR)
    try:
        page = context.new_page()
        page.goto(screen_url(base, created, facilitator=True))
        governance = page.locator(".sc-zone[data-zone-key=governance]")
        expect(governance.locator(".sc-note")).to_have_count(12, timeout=TIMEOUT_MS)
        more = governance.get_by_role("button", name=re.compile(r"^\+ \d+ meer$"))
        expect(more).to_be_visible()
        assert governance.locator(".sc-note:visible").count() < 12
        more.focus()
        page.keyboard.press("Enter")
        expect(governance.locator(".sc-note:visible")).to_have_count(12)
        fewer = governance.get_by_role("button", name="Minder tonen")
        expect(fewer).to_have_attribute("aria-expanded", "true")
        fewer.click()
        expect(governance.get_by_role("button", name=re.compile(r"^\+ \d+ meer$"))).to_be_visible()
    finally:
        context.close()
