"""The presentation on a 1920×1080 projector: the whole house fits whatever the number of notes, zones fold
what does not fit into "+ N meer", nothing moves when a note arrives, and the type is the size derived for
the back row (canvas/projector_type.py, docs/typography.md)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas import projector_type
from canvas.models import ClusterCreate, NoteCreate, ParticipantCreate, Party, Phase
from canvas.projector_type import PROJECTOR_FONT_PX
from canvas.store import Store
from tests.board_samples import WORKSHOP_PEOPLE, WORKSHOP_TEXTS, add_workshop_notes, workshop_house
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
        # A board with few notes: its notes at the largest step, read from 8 m on a 2.5 m image (about 45 px and
        # more at 1920; they were 31), the author line and the zone's question one step smaller (they were 25).
        largest = projector_type.FIT_LEVELS[0]
        assert largest["note_text"] >= 45
        assert font_px(page, ".sc-note-text") == pytest.approx(largest["note_text"], abs=0.5)
        for selector in (".sc-note-author", ".sc-zone-prompt"):
            assert font_px(page, selector) == pytest.approx(largest["secondary"], abs=0.5), selector
        expected = {
            ".sc-zone-title": "zone_title",
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


def even_house(store: Store, notes: int):
    """A house with ``notes`` notes spread evenly over its eight zones, from the workshop's six people."""
    created = workshop_house(store, notes=0)
    board_id = created.board.id
    zones = [z.id for z in store.load_snapshot(board_id=board_id).zones]
    people = [store.join(board_id=board_id, new=ParticipantCreate(display_name=n, party=p)) for n, p in WORKSHOP_PEOPLE]
    for index in range(notes):
        store.add_note(
            board_id=board_id,
            participant_id=people[index % len(people)].id,
            new=NoteCreate(zone_id=zones[index % len(zones)], text=WORKSHOP_TEXTS[index % len(WORKSHOP_TEXTS)]),
        )
    return created


# 1920x1080: every pillar but one holds its two notes. 1280x720: the same proportions, but the QR code keeps its
# 120 px (a sixth of the height instead of a ninth) and each band costs a few fixed pixels more: 12, at most one
# pillar in three folding its second note; it showed 10, every pillar one note and "+ 1 meer".
@pytest.mark.parametrize(("width", "height", "least"), [(1920, 1080, 14), (1280, 720, 12)])
def test_fifteen_notes_on_the_house_are_shown_where_there_is_room(
    chromium: Browser, live_app: tuple[str, str], store: Store, width: int, height: int, least: int
) -> None:
    """Issue 23: with 15 notes on the house a 1920×1080 projector showed 10 and a 1280×720 one 9, each pillar one
    note and "+ 1 meer" above empty space. Zones shrink their type step by step before they fold."""
    base, _ = live_app
    created = even_house(store, 15)
    context = chromium.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(screen_url(base, created))
        wait_until_fitted(page, store.load_snapshot(board_id=created.board.id).revision)
        shown = page.locator(".sc-note:visible").count()
        assert shown >= least, f"{shown} of 15 notes shown at {width}x{height}"
        assert int(page.locator(".sc-board").get_attribute("data-folded")) == 15 - shown
        # The QR code (which hangs beside the roof on a low screen) covers no zone.
        qr = page.locator("img.sc-qr").bounding_box()
        assert qr["width"] >= 120 and qr["y"] + qr["height"] <= min(box["y"] for box in zone_boxes(page).values())
    finally:
        context.close()


def test_the_presentation_is_no_control_and_its_qr_code_is_large_enough(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    """No NL|EN switch on the projector, and a QR code of at least 120 px at 1920 and at 1280 (it was 64-102)."""
    base, _ = live_app
    created, _ = seeded_board(store, "Een notitie")
    for width, height in ((1920, 1080), (1280, 720)):
        context = chromium.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            page.goto(screen_url(base, created))
            expect(page.locator(".sc-note")).to_be_visible(timeout=TIMEOUT_MS)
            page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
            page.wait_for_function("() => [...document.images].every((i) => i.complete)")
            assert page.locator("[data-testid=stButtonGroup]").count() == 0
            assert page.get_by_role("button", name="EN", exact=True).count() == 0
            qr = page.locator("img.sc-qr").bounding_box()
            assert qr["width"] >= 120 and qr["x"] + qr["width"] <= width, (width, qr)
        finally:
            context.close()


def test_parties_are_told_apart_without_colour(chromium: Browser, live_app: tuple[str, str], store: Store) -> None:
    """Under deuteranopia the funder's, business's and other's colours are nearly one (ΔE 2.2-4.2): each party's
    marker beside the colour has a shape of its own."""
    base, _ = live_app
    created = even_house(store, 8)  # the workshop's six people speak for all five parties
    context = chromium.new_context(**PROJECTOR)
    try:
        page = context.new_page()
        page.goto(screen_url(base, created))
        wait_until_fitted(page, store.load_snapshot(board_id=created.board.id).revision)
        shapes = page.locator(".sc-board").evaluate(
            """(board) => Object.fromEntries([...board.querySelectorAll('.sc-note')].map((note) => {
                 const party = [...note.classList].find((c) => c.startsWith('sc-party-'));
                 const s = getComputedStyle(note.querySelector('.sc-party-dot'));
                 const hollow = s.backgroundColor === 'rgba(0, 0, 0, 0)';
                 return [party, [s.clipPath, s.borderTopLeftRadius, hollow].join(' ')];
               }))"""
        )
        assert len(shapes) == 5, shapes
        assert len(set(shapes.values())) == 5, shapes
    finally:
        context.close()


def test_a_zone_opened_on_the_console_opens_on_the_presentation(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    """Issue 23: "+ N meer" opened on the console did not open on the projector."""
    base, _ = live_app
    created = workshop_house(store, notes=60)
    context = chromium.new_context(**PROJECTOR)
    try:
        screen = context.new_page()
        screen.goto(screen_url(base, created))
        wait_until_fitted(screen, store.load_snapshot(board_id=created.board.id).revision)
        shown = screen.locator(".sc-zone[data-zone-key=governance] .sc-note:visible")
        folded_before = 12 - shown.count()
        assert folded_before > 0
        console = context.new_page()
        console.goto(screen_url(base, created, facilitator=True))
        governance = console.locator(".sc-zone[data-zone-key=governance]")
        governance.get_by_role("button", name=re.compile(r"^\+ \d+ meer$")).click(timeout=TIMEOUT_MS)
        projected = screen.locator(".sc-zone[data-zone-key=governance]")
        expect(projected).to_have_class(re.compile(r"\bsc-open\b"), timeout=TIMEOUT_MS)
        assert 12 - shown.count() < folded_before  # the open zone shows more of its notes
        governance.get_by_role("button", name="Minder tonen").click()
        expect(projected).not_to_have_class(re.compile(r"\bsc-open\b"), timeout=TIMEOUT_MS)
    finally:
        context.close()


def test_a_new_note_touches_no_other_zone_on_the_projector(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    """Issue 19: every update unhid and hid again every note of every zone, reading the layout after each. Now a
    new note refits its own zone only: no note of another zone is changed (a MutationObserver counts)."""
    base, _ = live_app
    created = workshop_house(store, notes=60)
    context = chromium.new_context(**PROJECTOR)
    try:
        page = context.new_page()
        page.goto(screen_url(base, created))
        wait_until_fitted(page, store.load_snapshot(board_id=created.board.id).revision)
        board = page.locator(".sc-board")
        board.evaluate(
            """(board) => {
                 window.touched = [];
                 new MutationObserver((records) => {
                   for (const r of records) {
                     const zone = r.target.closest?.('.sc-zone');
                     if (r.target.classList?.contains('sc-note')) window.touched.push(zone?.dataset.zoneKey);
                   }
                 }).observe(board, { attributes: true, subtree: true, attributeFilter: ['hidden', 'class'] });
               }"""
        )
        add_workshop_notes(store, created, 1, start=60)  # the 61st note goes to "Gedeelde taal" (language)
        wait_until_fitted(page, store.load_snapshot(board_id=created.board.id).revision)
        touched = set(page.evaluate("() => window.touched"))
        assert touched <= {"language"}, touched
        assert board.get_attribute("data-fitted-zones") == "1"
    finally:
        context.close()
