"""Browser: phones follow the facilitator from private writing into voting, vote with their dots in Chromium,
and a dot past the limit is refused with a message; the store counts every dot once."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from canvas.content import default_canvas
from canvas.models import BoardCreate, FacilitationChange, NoteCreate, ParticipantCreate, Party, Phase
from canvas.store import Store
from tests.browser import PHONE, live_store  # noqa: F401 - live_store is the store fixture

LIVE_TIMEOUT_MS = 20_000  # a wait, not a timing claim: the machine is shared and busy
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


def open_phone(browser: Browser, base: str, code: str, participant_id: str) -> Page:
    page = browser.new_context(**PHONE).new_page()
    page.goto(f"{base}/join?board={code}&p={participant_id}")
    page.wait_for_selector(IDLE)
    return page


def add_dot(phone: Page, note_id: int, *, then: str) -> None:
    """Tap "Stip erbij" on one note and wait for the page to say ``then``."""
    phone.locator(f".st-key-vote_add_n{note_id} button").click()
    expect(phone.get_by_text(then)).to_be_visible(timeout=LIVE_TIMEOUT_MS)


def test_phones_follow_into_voting_and_vote_with_their_dots(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Stemronde"))
    board_id, token, code = created.board.id, created.facilitator_token, created.board.code
    snapshot = store.load_snapshot(board_id=board_id)
    canvas_id, zone_id = snapshot.active_canvas.id, snapshot.zones[0].id
    an, bo, cas = (
        store.join(board_id=board_id, new=ParticipantCreate(display_name=name, party=Party.CIVIC)).id
        for name in ("An", "Bo", "Cas")
    )
    store.set_facilitation(board_id=board_id, change=FacilitationChange(vote_dots=2), facilitator_token=token)
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.WRITE, facilitator_token=token)
    notes = [
        store.add_note(board_id=board_id, participant_id=who, new=NoteCreate(zone_id=zone_id, text=text)).id
        for who, text in ((bo, "Een buurtfonds"), (cas, "Open begroting"), (bo, "Zonnedaken"))
    ]
    phones = []
    try:
        first = open_phone(chromium, base, code, an)
        phones.append(first)
        expect(first.get_by_text("Je schrijft nu voor jezelf", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(first.get_by_text("Een buurtfonds")).to_have_count(0)  # others' private notes stay away

        # The facilitator opens the vote; the phone, untouched, shows the voting section and the notes.
        store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
        expect(first.locator(".st-key-voting_section")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(first.get_by_text("Je hebt nog 2 van 2 stippen.")).to_be_visible()
        expect(first.get_by_text("Een buurtfonds")).to_be_visible()

        add_dot(first, notes[0], then="Je hebt nog 1 van 2 stippen.")
        add_dot(first, notes[1], then="Je hebt nog 0 van 2 stippen.")

        second = open_phone(chromium, base, code, bo)
        phones.append(second)
        add_dot(second, notes[0], then="Je hebt nog 1 van 2 stippen.")

        third = open_phone(chromium, base, code, cas)
        phones.append(third)
        add_dot(third, notes[0], then="Je hebt nog 1 van 2 stippen.")
        add_dot(third, notes[2], then="Je hebt nog 0 van 2 stippen.")
        add_dot(third, notes[1], then="Je hebt al je 2 stippen gebruikt.")  # past the limit: refused, said so
        refusal = third.locator(f".st-key-vote_item_n{notes[1]} [data-testid=stAlert]")
        expect(refusal).to_contain_text("Haal er een weg")
    finally:
        for phone in phones:
            phone.context.close()
    votes = store.load_snapshot(board_id=board_id).votes
    assert [sum(1 for v in votes if v.note_id == note) for note in notes] == [3, 1, 1]
    assert sorted(v.participant_id for v in votes) == sorted([an, an, bo, cas, cas])


def test_typed_text_survives_the_lock_and_the_next_phase(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    """The facilitator locks the board and moves to voting while a phone is typing: the notice and the voting
    section appear above the note form, and what was typed (not yet sent) must stay in the box."""
    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Doortypen"))
    board_id, token = created.board.id, created.facilitator_token
    canvas_id = store.load_snapshot(board_id=board_id).active_canvas.id
    person = store.join(board_id=board_id, new=ParticipantCreate(display_name="Mo", party=Party.CIVIC)).id
    phone = open_phone(chromium, base, created.board.code, person)
    try:
        phone.get_by_text("Gedeelde doelen", exact=True).click()
        expect(phone.get_by_text("Wat willen we samen bereiken", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        box = phone.get_by_role("textbox", name="Je notitie")
        box.fill("Half getypt, nog niet verstuurd")

        store.set_facilitation(board_id=board_id, change=FacilitationChange(locked=True), facilitator_token=token)
        expect(phone.get_by_text("Het bord staat op slot", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(phone.get_by_role("button", name="Plak op het bord")).to_be_disabled()
        expect(box).to_have_value("Half getypt, nog niet verstuurd")

        store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
        store.set_facilitation(board_id=board_id, change=FacilitationChange(locked=False), facilitator_token=token)
        expect(phone.locator(".st-key-voting_section")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(phone.get_by_text("Het bord staat op slot", exact=False)).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
        expect(box).to_have_value("Half getypt, nog niet verstuurd")
        phone.get_by_role("button", name="Plak op het bord").click()
        expect(phone.get_by_text("Jouw notities (1)")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    finally:
        phone.context.close()
    assert [n.text for n in store.load_snapshot(board_id=board_id).notes] == ["Half getypt, nog niet verstuurd"]
