"""The real app in Debian's Chromium: a phone adds a note, the shared screen shows it, the facilitator
drags it, and untrusted text stays text."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.content import default_canvas
from canvas.models import BoardCreate, CreatedBoard, NoteCreate, ParticipantCreate, Party, Phase
from canvas.store import Store
from tests.browser import PHONE, PROJECTOR, live_store, screen_url, show_whole_board, wait_until  # noqa: F401 - live_store is the store fixture

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LIVE_TIMEOUT_MS = 10_000


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def note_on_screen(screen: Page, text: str):
    return screen.locator(".sc-note", has_text=text)


def join_and_add_note(phone: Page, base: str, code: str, *, name: str, zone: str, text: str) -> None:
    phone.goto(f"{base}/join?board={code}")
    phone.get_by_role("textbox", name="Je naam (niet verplicht)").fill(name)
    phone.get_by_text("Bewonersinitiatief", exact=True).click()
    phone.get_by_role("button", name="Doe mee").click()
    phone.get_by_text(zone, exact=True).click()
    # The page reruns for the chosen zone (its question replaces the hint): type after it, as a person would
    # after seeing the question; text typed into the form while the rerun draws it may be lost.
    expect(phone.get_by_text("Kies een vak; de vraag ervan verschijnt hier.")).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
    phone.get_by_role("textbox", name="Je notitie").fill(text)
    phone.get_by_role("button", name="Plak op het bord").click()
    expect(phone.get_by_text("Je notitie staat op het bord.")).to_be_visible(timeout=LIVE_TIMEOUT_MS)


def test_phone_note_appears_on_the_shared_screen(chromium: Browser, live_app: tuple[str, str], store: Store) -> None:
    base, _ = live_app
    screen_context = chromium.new_context(**PROJECTOR)
    phone_context = chromium.new_context(**PHONE)
    requested: list[str] = []
    for context in (screen_context, phone_context):
        context.on("request", lambda request: requested.append(request.url))
    try:
        # The facilitator creates a board on the start page and lands on the shared screen.
        screen = screen_context.new_page()
        screen.goto(base)
        screen.get_by_role("textbox", name="Naam van het bord").fill("Buurtenergie Noord")
        screen.get_by_role("button", name="Bord maken").click()
        # The facilitator lands on the console; the presentation, for the projector, is a link away.
        presentation = screen.get_by_role("link", name="Presentatie openen")
        expect(presentation).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        assert "f=" not in presentation.get_attribute("href")
        screen.goto(presentation.get_attribute("href"))
        code_element = screen.get_by_test_id("join-code")
        expect(code_element).to_have_text(re.compile(r"^[A-Z0-9]{6}$"), timeout=LIVE_TIMEOUT_MS)
        code = code_element.inner_text()
        expect(screen.locator(".sc-zone")).to_have_count(8, timeout=LIVE_TIMEOUT_MS)

        phone = phone_context.new_page()
        join_and_add_note(
            phone, base, code, name="Fatima", zone="Gedeelde doelen", text="Zonnepanelen op elk schooldak"
        )
        shot(phone, "phone-after-note")

        arrived = note_on_screen(screen, "Zonnepanelen op elk schooldak")
        expect(arrived).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(arrived).to_contain_text("Fatima")
        zone_of_note = screen.locator(".sc-zone[data-zone-key=goals]")
        expect(zone_of_note.locator(".sc-note")).to_have_count(1)
        shot(screen, "screen-after-note")
    finally:
        screen_context.close()
        phone_context.close()
    # Participants' phones talk to this server only: no fonts, icons or trackers from elsewhere.
    outside = {urlsplit(url).netloc for url in requested if urlsplit(url).scheme in ("http", "https")}
    assert outside == {urlsplit(base).netloc}, outside


def seeded_board(store: Store, text: str, *, zone_key: str = "goals") -> tuple[CreatedBoard, int]:
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Sleepbord"))
    board_id = created.board.id
    zone_id = next(z.id for z in store.load_snapshot(board_id=board_id).zones if z.key == zone_key)
    author = store.join(board_id=board_id, new=ParticipantCreate(display_name="Kees", party=Party.GOVERNMENT))
    note = store.add_note(board_id=board_id, participant_id=author.id, new=NoteCreate(zone_id=zone_id, text=text))
    return created, note.id


def drag(page: Page, source, target) -> None:
    show_whole_board(page)
    start = source.bounding_box()
    end = target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=12)
    page.mouse.up()


def test_facilitator_drags_a_note_to_another_zone_and_it_stays(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created, note_id = seeded_board(store, "Parapluvergunning voor het hele park")
    context = chromium.new_context(**PROJECTOR)
    try:
        screen = context.new_page()
        screen.goto(screen_url(base, created, facilitator=True))
        note = note_on_screen(screen, "Parapluvergunning")
        expect(note).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        legal = screen.locator(".sc-zone[data-zone-key=legal]")
        drag(screen, note, legal)

        legal_id = note_id_zone(store, created, "legal")
        wait_until(lambda: store.get_note(note_id=note_id).zone_id == legal_id, what="the move in the database")

        screen.reload()
        expect(legal.locator(".sc-note", has_text="Parapluvergunning")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(screen.locator(".sc-zone[data-zone-key=goals] .sc-note")).to_have_count(0)
        shot(screen, "screen-after-drag")
    finally:
        context.close()


def test_a_drag_while_discussing_keeps_the_boards_own_order(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    """While a canvas is discussed, each zone shows its notes by votes. A drag there is no say in that order:
    a note dropped in its own zone goes back to its place and nothing is stored; a note dropped in another
    zone goes there at the end of that zone's own order. The order by position is still there after."""
    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Bespreekbord"))
    board_id, token = created.board.id, created.facilitator_token
    canvas_id = store.load_snapshot(board_id=board_id).active_canvas.id
    goals_id, legal_id = note_id_zone(store, created, "goals"), note_id_zone(store, created, "legal")
    author = store.join(board_id=board_id, new=ParticipantCreate(display_name="Kees", party=Party.GOVERNMENT))

    def note(zone_id: int, text: str) -> int:
        return store.add_note(
            board_id=board_id, participant_id=author.id, new=NoteCreate(zone_id=zone_id, text=text)
        ).id

    first, second, third = (note(goals_id, text) for text in ("Eerste doel", "Tweede doel", "Derde doel"))
    older, newer = note(legal_id, "Oude regel"), note(legal_id, "Nieuwe regel")
    voters = [store.join(board_id=board_id, new=ParticipantCreate()).id for _ in range(2)]
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
    for voter, targets in zip(voters, ((third, first, newer), (third,)), strict=True):
        for target in targets:
            store.cast_vote(board_id=board_id, participant_id=voter, note_id=target)
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.DISCUSS, facilitator_token=token)
    positions = {n.id: n.position for n in store.load_snapshot(board_id=board_id).notes}

    def shown(zone_key: str):
        return console.locator(f".sc-zone[data-zone-key={zone_key}] .sc-note .sc-note-text")

    context = chromium.new_context(**PROJECTOR)
    try:
        console = context.new_page()
        console.goto(screen_url(base, created, facilitator=True))
        goals = console.locator(".sc-zone[data-zone-key=goals]")
        expect(goals.locator(".sc-note")).to_have_count(3, timeout=LIVE_TIMEOUT_MS)
        expect(shown("goals")).to_have_text(["Derde doel", "Eerste doel", "Tweede doel"])  # by votes: 2, 1, 0
        expect(console.locator(".sc-hint")).to_contain_text("stemmen")

        # In its own zone: back to its place (the votes set it), and the board's order is not touched.
        drag(console, note_on_screen(console, "Tweede doel"), note_on_screen(console, "Derde doel"))
        assert shown("goals").all_inner_texts() == ["Derde doel", "Eerste doel", "Tweede doel"]
        # The same with the keyboard: Alt+Up says why the note stays.
        note_on_screen(console, "Tweede doel").focus()
        console.keyboard.press("Alt+ArrowUp")
        expect(console.locator(".sc-live")).to_contain_text("bepalen de stemmen de volgorde")
        assert shown("goals").all_inner_texts() == ["Derde doel", "Eerste doel", "Tweede doel"]

        # To another zone, dropped on its top note: it goes there, last in that zone's own order.
        drag(console, note_on_screen(console, "Eerste doel"), note_on_screen(console, "Nieuwe regel"))
        wait_until(lambda: store.get_note(note_id=first).zone_id == legal_id, what="the move in the database")
        moved = store.get_note(note_id=first).position
        assert moved > max(positions[older], positions[newer])
        assert store.get_note(note_id=second).position == positions[second]
        assert store.get_note(note_id=third).position == positions[third]
        # By votes: 1, 1 (earlier in the board's order), 0.
        expect(shown("legal")).to_have_text(["Nieuwe regel", "Eerste doel", "Oude regel"], timeout=LIVE_TIMEOUT_MS)

        # After the discussion the board's own order is as it was, with the moved note at the end of its zone.
        store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.OPEN, facilitator_token=token)
        expect(shown("goals")).to_have_text(["Tweede doel", "Derde doel"], timeout=LIVE_TIMEOUT_MS)
        expect(shown("legal")).to_have_text(["Oude regel", "Nieuwe regel", "Eerste doel"])
    finally:
        context.close()


def note_id_zone(store: Store, created: CreatedBoard, key: str) -> int:
    return next(z.id for z in store.load_snapshot(board_id=created.board.id).zones if z.key == key)


def test_viewers_without_the_secret_cannot_drag(chromium: Browser, live_app: tuple[str, str], store: Store) -> None:
    base, _ = live_app
    created, note_id = seeded_board(store, "Niet verslepen")
    context = chromium.new_context(**PROJECTOR)
    try:
        screen = context.new_page()
        screen.goto(screen_url(base, created))
        note = note_on_screen(screen, "Niet verslepen")
        expect(note).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(screen.locator(".sc-draggable")).to_have_count(0)
        drag(screen, note, screen.locator(".sc-zone[data-zone-key=legal]"))
        expect(screen.locator(".sc-dragging")).to_have_count(0)
        # A later change reaches the screen: whatever the drag could have caused has happened by then.
        author = store.join(board_id=created.board.id, new=ParticipantCreate())
        legal_id = note_id_zone(store, created, "legal")
        store.add_note(
            board_id=created.board.id, participant_id=author.id, new=NoteCreate(zone_id=legal_id, text="Later")
        )
        expect(note_on_screen(screen, "Later")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        assert store.get_note(note_id=note_id).zone_id == note_id_zone(store, created, "goals")
        expect(screen.locator(".sc-zone[data-zone-key=goals] .sc-note")).to_have_count(1)
    finally:
        context.close()


def test_note_text_is_shown_as_text_never_as_html(chromium: Browser, live_app: tuple[str, str], store: Store) -> None:
    base, _ = live_app
    attack = "<img src=x onerror=alert(1)>"
    created, _ = seeded_board(store, attack)
    dialogs: list[str] = []
    context = chromium.new_context(**PROJECTOR)
    try:
        screen = context.new_page()
        screen.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        screen.goto(screen_url(base, created))
        note = note_on_screen(screen, attack)
        expect(note).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(note.locator(".sc-note-text")).to_have_text(attack)
        # The same text arriving live, drawn by the channel rather than the first render, is text too.
        author = store.join(board_id=created.board.id, new=ParticipantCreate())
        zone_id = note_id_zone(store, created, "legal")
        store.add_note(
            board_id=created.board.id, participant_id=author.id, new=NoteCreate(zone_id=zone_id, text=attack + "!")
        )
        expect(note_on_screen(screen, attack + "!")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(screen.locator(".sc-board img")).to_have_count(0)
        assert dialogs == []
    finally:
        context.close()


def test_switching_the_language_changes_the_page(chromium: Browser, live_app: tuple[str, str]) -> None:
    base, _ = live_app
    context = chromium.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(base)
        expect(page.get_by_role("heading", name="Meedoen met een bord")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        page.get_by_text("EN", exact=True).click()
        expect(page.get_by_role("heading", name="Join a board")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(page.get_by_role("button", name="Legal frameworks")).to_be_visible()
        assert "lang=en" in page.url
        page.get_by_text("NL", exact=True).click()
        expect(page.get_by_role("heading", name="Meedoen met een bord")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    finally:
        context.close()


def test_opening_a_tool_from_the_house_diagram(chromium: Browser, live_app: tuple[str, str]) -> None:
    base, _ = live_app
    context = chromium.new_context(**PROJECTOR)
    try:
        page = context.new_page()
        page.goto(f"{base}/?lang=en")
        page.get_by_role("button", name="Open technology").click()
        expect(page.get_by_role("heading", name="Tools", exact=True)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        assert "dimension=opentech" in page.url
        page.locator(".st-key-open_open_tech_check button").click()
        expect(page.get_by_role("heading", name="Steps")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(page.get_by_text("Example: the Noorderpark")).to_be_visible()
        assert "tool=open_tech_check" in page.url
        shot(page, "tool-page-en")
    finally:
        context.close()


def test_facilitator_adds_a_tool_and_every_screen_follows(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created, _ = seeded_board(store, "Op het huis")
    context = chromium.new_context(**PROJECTOR)
    viewer_context = chromium.new_context(**PROJECTOR)
    try:
        viewer = viewer_context.new_page()
        viewer.goto(screen_url(base, created))
        expect(viewer.locator(".sc-roof")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        page = context.new_page()
        page.goto(f"{base}/library?tool=value_flows&board={created.board.code}&f={created.facilitator_token}")
        page.get_by_role("button", name=re.compile("Gebruik op ons bord")).click()
        # The facilitator lands on the shared screen showing the new worksheet; the viewer follows.
        for screen in (page, viewer):
            expect(screen.locator(".sc-grid-title")).to_have_text(
                "Waardestromen en financieringsmix", timeout=LIVE_TIMEOUT_MS
            )
        expect(viewer.locator(".sc-zone")).to_have_count(6)
        page.get_by_text("Samenwerkingscanvas", exact=True).click()
        expect(viewer.locator(".sc-roof")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    finally:
        context.close()
        viewer_context.close()


def test_three_phones_score_and_the_shared_radar_follows(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    from canvas.models import RoundCreate

    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Radarbord"))
    code = created.board.code
    store.open_round(
        board_id=created.board.id, new=RoundCreate(title="Start"), facilitator_token=created.facilitator_token
    )
    screen_context = chromium.new_context(**PROJECTOR)
    phones = [chromium.new_context(**PHONE) for _ in range(3)]
    try:
        radar = screen_context.new_page()
        radar.goto(screen_url(base, created, page="radar"))
        expect(radar.get_by_role("heading", name="0 mensen hebben gescoord")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        for phone_context, (name, legal) in zip(phones, (("An", "1"), ("Bo", "3"), ("Cas", "4")), strict=True):
            phone = phone_context.new_page()
            phone.goto(f"{base}/join?board={code}")
            phone.get_by_role("textbox", name="Je naam (niet verplicht)").fill(name)
            phone.get_by_text("Overheid", exact=True).click()  # the party has no default
            phone.get_by_role("button", name="Doe mee").click()
            # A round is open: the phone shows the scoring, one part at a time; Juridische kaders is the sixth.
            expect(phone.get_by_role("group", name="Gedeelde doelen")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
            for _ in range(5):
                phone.get_by_role("button", name="Volgend onderdeel").click()
            group = phone.get_by_role("group", name="Juridische kaders")
            group.get_by_role("radio", name=f"{legal} ·").check()
            expect(phone.get_by_text("1 van 8 onderdelen ingevuld", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        shot(phone, "phone-scoring")
        expect(radar.get_by_role("heading", name="3 mensen hebben gescoord")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(radar.get_by_text("Juridische kaders: de scores lopen uiteen van 1 tot 4.")).to_be_visible()
        expect(radar.locator("[data-testid=stPlotlyChart]").first).to_be_visible()
        shot(radar, "radar-projector")
    finally:
        screen_context.close()
        for phone_context in phones:
            phone_context.close()


def test_typed_text_survives_choosing_another_zone(chromium: Browser, live_app: tuple[str, str], store: Store) -> None:
    """Choosing a zone reruns the phone's page; the form below must stay put and keep what was typed."""
    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Typen"))
    context = chromium.new_context(**PHONE)
    try:
        phone = context.new_page()
        join_and_add_note(phone, base, created.board.code, name="Mo", zone="Gedeelde doelen", text="Eerste notitie")
        # A message about the first note is showing; now type first, then change the zone.
        phone.get_by_role("textbox", name="Je notitie").fill("Tweede notitie, eerst getypt")
        phone.get_by_text("Gedeelde taal", exact=True).click()
        # The rerun has finished when the chosen zone's question shows below the zones.
        expect(phone.get_by_text("Welke woorden", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(phone.get_by_role("textbox", name="Je notitie")).to_have_value("Tweede notitie, eerst getypt")
        phone.get_by_role("button", name="Plak op het bord").click()
        expect(phone.get_by_text("Jouw notities (2)")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        texts = {n.text for n in store.load_snapshot(board_id=created.board.id).notes}
        assert texts == {"Eerste notitie", "Tweede notitie, eerst getypt"}
    finally:
        context.close()


@pytest.mark.parametrize("path", ["presentation", "board"])  # "board": its address before it was "presentation"
def test_the_presentation_never_shows_the_facilitator_secret(
    chromium: Browser, live_app: tuple[str, str], store: Store, path: str
) -> None:
    """Even opened with the facilitator link, the projector's page drops the secret from its address, draws
    no control, and asks the server for nothing with the secret in it. An old link (/board) opens it too."""
    base, _ = live_app
    created, _ = seeded_board(store, "Op de beamer")
    token = created.facilitator_token
    context = chromium.new_context(**PROJECTOR)
    requested: list[str] = []
    try:
        screen = context.new_page()
        screen.on("request", lambda request: requested.append(request.url))
        screen.goto(f"{base}/{path}?board={created.board.code}&f={token}")
        expect(note_on_screen(screen, "Op de beamer")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(screen).to_have_url(re.compile(r"/presentation\?.*v=[0-9a-f]{24}"), timeout=LIVE_TIMEOUT_MS)
        assert token not in screen.url
        assert token not in screen.content()
        shadow_html = screen.evaluate(
            "() => [...document.querySelectorAll('*')].filter((n) => n.shadowRoot)"
            ".map((n) => n.shadowRoot.innerHTML).join('')"
        )
        assert token not in shadow_html
        expect(screen.locator(".sc-draggable")).to_have_count(0)
        expect(screen.get_by_role("button", name="Bord verwijderen")).to_have_count(0)
        assert [url for url in requested[1:] if token in url] == []  # only the address typed in had it
    finally:
        context.close()
