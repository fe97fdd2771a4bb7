"""Browser: phones follow the facilitator from private writing into voting, vote with their dots in Chromium,
and a dot past the limit is refused with a message; the store counts every dot once. The "+" and "−" of a
note are named after it, the dots left are announced, and the keyboard stays where it was pressed."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, Route, expect

from canvas.content import default_canvas
from canvas.models import BoardCreate, FacilitationChange, NoteCreate, ParticipantCreate, Party, Phase
from canvas.store import Store
from tests.browser import PHONE, live_store  # noqa: F401 - live_store is the store fixture
from tests.phone import LIVE_TIMEOUT_MS, PHONE_ROOT, pick_zone, wait_for_revision
from tests.phone import open_phone as open_phone_page

LIVE = f"{PHONE_ROOT} .sc-sr[aria-live=polite]"


def open_phone(browser: Browser, base: str, code: str, participant_id: str) -> Page:
    return open_phone_page(browser.new_context(**PHONE).new_page(), base, code, participant_id)


def add_dot(phone: Page, text: str, *, then: str) -> None:
    """Tap "+" on one note (named after it) and wait for the phone to say ``then``."""
    phone.get_by_role("button", name=f"Stip erbij: {text}", exact=True).click()
    expect(phone.locator("#sc-dots-left")).to_have_text(then, timeout=LIVE_TIMEOUT_MS)


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
    texts = ("Een buurtfonds", "Open begroting", "Zonnedaken")
    notes = [
        store.add_note(board_id=board_id, participant_id=who, new=NoteCreate(zone_id=zone_id, text=text)).id
        for who, text in zip((bo, cas, bo), texts, strict=True)
    ]
    phones = []
    try:
        first = open_phone(chromium, base, code, an)
        phones.append(first)
        step = first.locator(f"{PHONE_ROOT} .sc-step")  # (the live region may say it too)
        expect(step.get_by_text("Je schrijft nu voor jezelf", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(first.get_by_text("Een buurtfonds")).to_have_count(0)  # others' private notes stay away

        # The facilitator opens the vote; the phone, untouched, shows the notes with their "+".
        store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
        expect(first.locator(f"{PHONE_ROOT} .sc-list")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(first.locator("#sc-dots-left")).to_have_text("Je hebt nog 2 stippen over.")
        expect(first.get_by_text("Een buurtfonds")).to_be_visible()

        add_dot(first, texts[0], then="Je hebt nog 1 stip over.")
        add_dot(first, texts[1], then="Je hebt nog 0 stippen over.")
        # No dots left: every "+" is off, each "−" of a note with a dot on.
        for text in texts:
            expect(first.get_by_role("button", name=f"Stip erbij: {text}")).to_be_disabled()
        expect(first.get_by_role("button", name=f"Stip weg: {texts[0]}")).to_be_enabled()

        second = open_phone(chromium, base, code, bo)
        phones.append(second)
        add_dot(second, texts[0], then="Je hebt nog 1 stip over.")

        third = open_phone(chromium, base, code, cas)
        phones.append(third)
        add_dot(third, texts[0], then="Je hebt nog 1 stip over.")

        # The last dot goes on the way (from another tab of the same person) before this "+" arrives: the
        # store refuses it, and the phone says so under the note.
        def last_dot_elsewhere(route: Route) -> None:
            store.cast_vote(board_id=board_id, participant_id=cas, note_id=notes[2], cluster_id=None)
            route.continue_()

        third.route("**/act/**", last_dot_elsewhere)
        third.get_by_role("button", name=f"Stip erbij: {texts[1]}").click()
        refusal = third.locator(f"{PHONE_ROOT} .sc-item[data-key=n{notes[1]}] .sc-line")
        expect(refusal).to_contain_text("Je hebt al je 2 stippen gebruikt", timeout=LIVE_TIMEOUT_MS)
        expect(refusal).to_contain_text("Haal er een weg")
        expect(third.locator("#sc-dots-left")).to_have_text("Je hebt nog 0 stippen over.", timeout=LIVE_TIMEOUT_MS)
    finally:
        for phone in phones:
            phone.context.close()
    votes = store.load_snapshot(board_id=board_id).votes
    assert [sum(1 for v in votes if v.note_id == note) for note in notes] == [3, 1, 1]
    assert sorted(v.participant_id for v in votes) == sorted([an, an, bo, cas, cas])


def test_dots_by_keyboard_are_named_announced_and_keep_the_focus(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    """A screen reader user votes by keyboard: each "+" says which note it is for, the dots left are said
    after each dot (the live region), and the focus stays on the button pressed while the list is drawn
    again; when that "+" goes off (no dots left), the focus goes to the same note's "−", not to the page."""
    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Toetsenbord"))
    board_id, token = created.board.id, created.facilitator_token
    snapshot = store.load_snapshot(board_id=board_id)
    canvas_id, zone_id = snapshot.active_canvas.id, snapshot.zones[0].id
    store.set_facilitation(
        board_id=board_id, change=FacilitationChange(vote_dots=2, votes_stack=True), facilitator_token=token
    )
    person = store.join(board_id=board_id, new=ParticipantCreate(display_name="Dee", party=Party.CIVIC)).id
    for text in ("Een buurtfonds", "Open begroting"):
        store.add_note(board_id=board_id, participant_id=person, new=NoteCreate(zone_id=zone_id, text=text))
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
    phone = open_phone(chromium, base, created.board.code, person)
    live = phone.locator(LIVE)
    plus = phone.get_by_role("button", name="Stip erbij: Open begroting", exact=True)
    minus = phone.get_by_role("button", name="Stip weg: Open begroting", exact=True)
    try:
        expect(phone.get_by_role("button", name="Stip erbij: Een buurtfonds", exact=True)).to_be_enabled()
        plus.focus()
        phone.keyboard.press("Enter")
        expect(phone.get_by_text("Hier ligt 1 stip van jou.")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        wait_for_revision(phone, store.get_revision(board_id=board_id))
        expect(live).to_have_text("Stip geplaatst. Je hebt nog 1 stip over.", timeout=LIVE_TIMEOUT_MS)
        expect(plus).to_be_focused()  # the list was drawn again around it

        phone.keyboard.press("Enter")  # the same button, a second dot (dots may stack on this board)
        expect(phone.get_by_text("Hier liggen 2 stippen van jou.")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(live).to_have_text("Stip geplaatst. Je hebt nog 0 stippen over.", timeout=LIVE_TIMEOUT_MS)
        expect(plus).to_be_disabled()
        expect(minus).to_be_focused()

        phone.keyboard.press("Enter")  # and one back
        expect(live).to_have_text("Stip teruggenomen. Je hebt nog 1 stip over.", timeout=LIVE_TIMEOUT_MS)
        expect(minus).to_be_focused()
    finally:
        phone.context.close()
    assert len(store.load_snapshot(board_id=board_id).votes) == 1


def test_typed_text_survives_the_lock_and_the_next_phase(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    """The facilitator locks the board and moves to voting while a phone is typing: the notice and the list
    to vote on appear above the note form, and what was typed (not yet sent) must stay in the box."""
    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Doortypen"))
    board_id, token = created.board.id, created.facilitator_token
    canvas_id = store.load_snapshot(board_id=board_id).active_canvas.id
    person = store.join(board_id=board_id, new=ParticipantCreate(display_name="Mo", party=Party.CIVIC)).id
    phone = open_phone(chromium, base, created.board.code, person)
    try:
        pick_zone(phone, "Gedeelde doelen")
        expect(phone.get_by_text("Wat willen we samen bereiken", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        box = phone.get_by_role("textbox", name="Je notitie")
        box.fill("Half getypt, nog niet verstuurd")

        store.set_facilitation(board_id=board_id, change=FacilitationChange(locked=True), facilitator_token=token)
        expect(phone.locator(f"{PHONE_ROOT} .sc-lock")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(phone.get_by_role("button", name="Plak op het bord")).to_be_disabled()
        expect(box).to_have_value("Half getypt, nog niet verstuurd")

        store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
        store.set_facilitation(board_id=board_id, change=FacilitationChange(locked=False), facilitator_token=token)
        expect(phone.locator(f"{PHONE_ROOT} .sc-list")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(phone.locator(f"{PHONE_ROOT} .sc-lock")).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
        expect(box).to_have_value("Half getypt, nog niet verstuurd")
        phone.get_by_role("button", name="Plak op het bord").click()
        expect(phone.get_by_text("Jouw notities (1)")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    finally:
        phone.context.close()
    assert [n.text for n in store.load_snapshot(board_id=board_id).notes] == ["Half getypt, nog niet verstuurd"]
