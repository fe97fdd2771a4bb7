"""The phone while someone types (Chromium): the phone draws itself from its live messages (phone.js), so a
facilitator's press costs it no Streamlit script run, what is typed survives everything that changes around it,
a request that fails says so and keeps the text, and every phone says so when the board is deleted. (A phone
that was offline catches up: tests/test_push.py, with streams that end every second.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from canvas.content import canvas_template, default_canvas
from canvas.models import (
    BoardCreate,
    ClusterCreate,
    CreatedBoard,
    FacilitationChange,
    NoteCreate,
    NoteEdit,
    ParticipantCreate,
    Party,
    Phase,
    RoundCreate,
)
from canvas.store import Store
from tests.browser import PHONE, HeldRedraw, live_store, wait_until  # noqa: F401 - live_store is the store fixture
from tests.phone import (
    LIVE_TIMEOUT_MS,
    PHONE_ROOT,
    open_phone,
    pick_zone,
    script_runs,
    start_counting_script_runs,
    wait_for_revision,
)

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
ZONE_HINT = "Kies een vak; de vraag ervan verschijnt hier."
NOTE_BOX = "#sc-note-text"
SEND = "Plak op het bord"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def created(store: Store) -> CreatedBoard:
    return store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Typen op de telefoon"))


def joined_phone(chromium: Browser, base: str, code: str) -> tuple[Page, HeldRedraw]:
    """A phone that joined through the form, as people do."""
    page = chromium.new_context(**PHONE).new_page()
    gate = HeldRedraw(page)
    page.goto(f"{base}/join?board={code}")
    page.get_by_role("textbox", name="Je naam (niet verplicht)").fill("Noor")
    page.get_by_text("Bewonersinitiatief", exact=True).click()
    page.get_by_role("button", name="Doe mee").click()
    expect(page.get_by_text("Je doet mee als Noor", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    page.wait_for_selector(f"{PHONE_ROOT}[data-revision]", timeout=LIVE_TIMEOUT_MS)
    page.wait_for_selector(IDLE)
    return page, gate


def phone_of(chromium: Browser, base: str, created: CreatedBoard, participant_id: str) -> Page:
    page = open_phone(chromium.new_context(**PHONE).new_page(), base, created.board.code, participant_id)
    page.wait_for_selector(IDLE)
    return page


def stored_texts(store: Store, board_id: int) -> list[str]:
    return [note.text for note in store.load_snapshot(board_id=board_id).notes]


def join(store: Store, created: CreatedBoard, name: str = "Noor") -> str:
    return store.join(board_id=created.board.id, new=ParticipantCreate(display_name=name, party=Party.CIVIC)).id


def now_drawn(phone: Page, store: Store, board_id: int) -> None:
    """Wait until the phone has drawn the board as it is now in the store."""
    wait_for_revision(phone, store.get_revision(board_id=board_id))


def test_picking_a_zone_and_sending_needs_no_streamlit_message(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    """Everything from choosing a zone to the note on the board happens with Streamlit's connection held
    back: the phone asks nothing of the page's script (the old phone reran for the zone, and words typed
    before that redraw arrived were at risk)."""
    phone, gate = joined_phone(chromium, live_app[0], created.board.code)
    try:
        box = phone.locator(NOTE_BOX)
        gate.hold()  # nothing from Streamlit's server reaches the page from here on
        phone.get_by_role("radio", name="Gedeelde doelen", exact=True).click()
        expect(phone.get_by_text("Wat willen we samen bereiken", exact=False)).to_be_visible()
        box.click()
        phone.keyboard.type("Eerst dit, ")
        pick_zone(phone, "Governance")  # another zone on second thought: the text stays
        box.click()
        phone.keyboard.press("End")
        phone.keyboard.type("dan dat.")
        expect(box).to_have_value("Eerst dit, dan dat.")
        phone.get_by_role("button", name=SEND).click()
        expect(phone.get_by_text("Je notitie staat op het bord.")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(box).to_have_value("")
        expect(phone.get_by_text("Jouw notities (1)")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        gate.release()
        assert stored_texts(store, created.board.id) == ["Eerst dit, dan dat."]
        snapshot = store.load_snapshot(board_id=created.board.id)
        zones = {zone.id: zone.key for zone in snapshot.zones}
        assert zones[snapshot.notes[0].zone_id] == "governance"
    finally:
        phone.context.close()


def test_a_phase_a_canvas_and_a_round_reach_an_untouched_phone_without_a_script_run(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    """The facilitator's presses reach the phone by its live message alone: not one Streamlit script run on
    the phone (the old phone reran its page at least once for each of them)."""
    board_id, token = created.board.id, created.facilitator_token
    canvas_id = store.load_snapshot(board_id=board_id).active_canvas.id
    phone = phone_of(chromium, live_app[0], created, join(store, created))
    root = phone.locator(PHONE_ROOT)
    try:
        start_counting_script_runs(phone)
        store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.WRITE, facilitator_token=token)
        expect(root).to_have_attribute("data-phase", "write", timeout=LIVE_TIMEOUT_MS)
        expect(phone.get_by_text("Samenwerkingscanvas · Schrijven (privé)", exact=True)).to_be_visible()
        assert script_runs(phone) == 0, "the phase change reran the phone"

        store.add_canvas(board_id=board_id, template=canvas_template("experiment_canvas"), facilitator_token=token)
        expect(phone.get_by_role("radio", name="Wat we testen", exact=True)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        assert script_runs(phone) == 0, "the canvas switch reran the phone"

        store.open_round(board_id=board_id, new=RoundCreate(title="Start"), facilitator_token=token)
        expect(phone.get_by_text("Waar staat onze samenwerking?", exact=True)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(root).to_have_attribute("data-mode", "score")
        now_drawn(phone, store, board_id)
        assert script_runs(phone) == 0, "the scoring round reran the phone"

        # The count counts: a press that does rerun the page (the language switch) is seen.
        phone.get_by_text("EN", exact=True).click()
        expect(phone.get_by_text("Where does our collaboration stand?", exact=True)).to_be_visible(
            timeout=LIVE_TIMEOUT_MS
        )
        assert script_runs(phone) >= 1
    finally:
        phone.context.close()


def test_typed_text_survives_every_change_around_it(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    """A note half typed survives a phase change, a lock and unlock, a round opening, a canvas switch and the
    facilitator deleting another of the phone's notes: the same box, still focused, to type on, and sent
    whole at the end."""
    board_id, token = created.board.id, created.facilitator_token
    snapshot = store.load_snapshot(board_id=board_id)
    canvas_id, zone_id = snapshot.active_canvas.id, snapshot.zones[0].id
    noor = join(store, created)
    other = store.add_note(board_id=board_id, participant_id=noor, new=NoteCreate(zone_id=zone_id, text="Zonnedak"))
    phone = phone_of(chromium, live_app[0], created, noor)
    box = phone.locator(NOTE_BOX)
    typed = []

    def type_more(words: str) -> None:
        # Focus never left the box: keys go on where they went (a phone's keyboard stays open).
        expect(box).to_be_focused()
        phone.keyboard.type(words)
        typed.append(words)
        expect(box).to_have_value("".join(typed))

    try:
        pick_zone(phone, "Governance")
        box.click()
        type_more("Een ledenraad")
        changes = [
            lambda: store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.WRITE, facilitator_token=token),
            lambda: store.set_facilitation(
                board_id=board_id, change=FacilitationChange(locked=True), facilitator_token=token
            ),
            lambda: store.set_facilitation(
                board_id=board_id, change=FacilitationChange(locked=False), facilitator_token=token
            ),
            lambda: store.open_round(board_id=board_id, new=RoundCreate(title="Start"), facilitator_token=token),
            lambda: store.add_canvas(
                board_id=board_id, template=canvas_template("experiment_canvas"), facilitator_token=token
            ),
            lambda: store.delete_note(note_id=other.id, facilitator_token=token),
        ]
        for index, change in enumerate(changes):
            change()
            now_drawn(phone, store, board_id)
            type_more(f" {index}")
        expect(phone.locator(f"{PHONE_ROOT} .sc-lock")).to_have_count(0)
        expect(phone.get_by_text("Zonnedak", exact=True)).to_have_count(0)
        # The canvas on the screen changed: its zones are offered, the note goes there.
        pick_zone(phone, "Wat we testen")
        phone.get_by_role("button", name=SEND).click()
        wait_until(lambda: stored_texts(store, board_id) != [], what="the note stored")
        assert stored_texts(store, board_id) == ["".join(typed)]
        assert "".join(typed) == "Een ledenraad 0 1 2 3 4 5"
    finally:
        phone.context.close()


def test_an_edit_stays_while_the_facilitator_deletes_a_note_above_it(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    """The own notes follow the facilitator live: a note deleted above the one being edited changes the list
    around the edit box, which is the same box (focus and text kept)."""
    board_id, token = created.board.id, created.facilitator_token
    zone_id = store.load_snapshot(board_id=board_id).zones[0].id
    noor = join(store, created)
    older = store.add_note(board_id=board_id, participant_id=noor, new=NoteCreate(zone_id=zone_id, text="Zonnedak"))
    newer = store.add_note(
        board_id=board_id, participant_id=noor, new=NoteCreate(zone_id=zone_id, text="Buurtbatterij")
    )
    phone = phone_of(chromium, live_app[0], created, noor)
    try:
        # The list is newest first: the older note is the second.
        phone.get_by_role("button", name="Wijzigen of verwijderen: Zonnedak").click()
        edit_box = phone.locator("#sc-edit-text")
        expect(edit_box).to_be_focused()
        # Two boxes, two names: a screen reader tells the edit from the new note (they had one name).
        expect(phone.get_by_role("textbox", name="Tekst van deze notitie wijzigen", exact=False)).to_have_count(1)
        expect(phone.get_by_role("textbox", name="Je notitie (hoogstens", exact=False)).to_have_count(1)
        phone.keyboard.press("End")
        phone.keyboard.type(" op de school")
        store.delete_note(note_id=newer.id, facilitator_token=token)
        expect(phone.get_by_text("Buurtbatterij", exact=True)).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
        now_drawn(phone, store, board_id)
        expect(edit_box).to_be_focused()
        expect(edit_box).to_have_value("Zonnedak op de school")
        phone.keyboard.type(", met de buren")
        phone.get_by_role("button", name="Opslaan").click()
        expect(phone.get_by_text("Je notitie is gewijzigd.", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        assert stored_texts(store, board_id) == ["Zonnedak op de school, met de buren"]
        assert store.get_note(note_id=older.id).text == "Zonnedak op de school, met de buren"
    finally:
        phone.context.close()


def test_the_phone_shows_what_the_facilitator_does_to_its_notes_without_a_tap(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    board_id, token = created.board.id, created.facilitator_token
    snapshot = store.load_snapshot(board_id=board_id)
    canvas_id, zone_id = snapshot.active_canvas.id, snapshot.zones[0].id
    noor = join(store, created)
    bas = join(store, created, "Bas")
    mine = store.add_note(board_id=board_id, participant_id=noor, new=NoteCreate(zone_id=zone_id, text="Zonnedak"))
    phone = phone_of(chromium, live_app[0], created, noor)
    try:
        expect(phone.get_by_text("Zonnedak", exact=True)).to_be_visible()
        # The facilitator fixes the note's text, then puts it in a group: the phone follows, untouched.
        store.edit_note(note_id=mine.id, edit=NoteEdit(text="Zonnedak op de school"), facilitator_token=token)
        expect(phone.get_by_text("Zonnedak op de school", exact=True)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        store.create_cluster(
            board_id=board_id,
            canvas_id=canvas_id,
            new=ClusterCreate(title="Energie", note_ids=[mine.id]),
            facilitator_token=token,
        )
        expect(phone.get_by_text("Groep: Energie", exact=False).first).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        # While voting the phone lists every note of the canvas: another person's new one arrives by itself.
        store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
        votes = phone.locator(".sc-list")
        expect(votes.get_by_role("heading", name="Stemmen")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        store.add_note(board_id=board_id, participant_id=bas, new=NoteCreate(zone_id=zone_id, text="Buurtbatterij"))
        expect(votes.get_by_text("Buurtbatterij")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        ARTIFACTS.mkdir(exist_ok=True)
        phone.locator(PHONE_ROOT).screenshot(path=str(ARTIFACTS / "phone-follows-the-facilitator.png"))
    finally:
        phone.context.close()


def test_a_request_that_fails_says_so_in_dutch_and_keeps_the_text(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    """The network drops the request, then the store refuses it (the board was locked on its way, before the
    phone heard): each time the phone says so in Dutch and the text stays, to send once it can."""
    board_id, token = created.board.id, created.facilitator_token
    phone = phone_of(chromium, live_app[0], created, join(store, created))
    box = phone.locator(NOTE_BOX)
    line = phone.locator(f"{PHONE_ROOT} .sc-form .sc-line")
    try:
        pick_zone(phone, "Governance")
        box.fill("Een ledenraad")
        phone.route("**/act/**", lambda route: route.abort("internetdisconnected"))
        phone.get_by_role("button", name=SEND).click()
        expect(line).to_have_text(
            "Dat is niet gelukt: er is geen verbinding met het bord. Je tekst staat er nog; probeer het zo opnieuw.",
            timeout=LIVE_TIMEOUT_MS,
        )
        expect(line).to_have_attribute("data-kind", "error")
        expect(box).to_have_value("Een ledenraad")
        expect(box).to_be_focused()
        phone.unroute("**/act/**")

        def lock_on_the_way(route: Route) -> None:
            store.set_facilitation(board_id=board_id, change=FacilitationChange(locked=True), facilitator_token=token)
            route.continue_()

        phone.route("**/act/**", lock_on_the_way)
        phone.get_by_role("button", name=SEND).click()
        expect(line).to_have_text(
            "De begeleider heeft het bord even op slot gezet: je kunt nu niets toevoegen, wijzigen, verplaatsen of "
            "stemmen.",
            timeout=LIVE_TIMEOUT_MS,
        )
        expect(box).to_have_value("Een ledenraad")
        phone.unroute("**/act/**")
        assert stored_texts(store, board_id) == []

        store.set_facilitation(board_id=board_id, change=FacilitationChange(locked=False), facilitator_token=token)
        expect(phone.get_by_role("button", name=SEND)).to_be_enabled(timeout=LIVE_TIMEOUT_MS)
        phone.get_by_role("button", name=SEND).click()
        expect(line).to_have_text("Je notitie staat op het bord.", timeout=LIVE_TIMEOUT_MS)
        expect(box).to_have_value("")
        assert stored_texts(store, board_id) == ["Een ledenraad"]
    finally:
        phone.context.close()


def test_every_phone_says_the_board_is_gone(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    """Five phones, the board deleted: each says so, none goes blank (one of five used to, with Streamlit's
    "Bad delta path index")."""
    board_id, token = created.board.id, created.facilitator_token
    people = [join(store, created, f"P{i}") for i in range(5)]
    contexts = [chromium.new_context(**PHONE) for _ in people]
    try:
        phones = [
            open_phone(context.new_page(), live_app[0], created.board.code, person)
            for context, person in zip(contexts, people, strict=True)
        ]
        for phone in phones:
            phone.wait_for_selector(IDLE)
        store.delete_board(board_id=board_id, facilitator_token=token)
        for index, phone in enumerate(phones):
            gone = phone.get_by_text("Dit bord bestaat niet meer", exact=False).first
            expect(gone, f"phone {index}").to_be_visible(timeout=LIVE_TIMEOUT_MS)
            phone.wait_for_selector(IDLE)
            text = phone.evaluate(
                "() => document.body.innerText + [...document.querySelectorAll('*')].filter((n) => n.shadowRoot)"
                ".map((n) => n.shadowRoot.textContent).join('')"
            )
            assert "Bad delta path index" not in text and "Traceback" not in text, f"phone {index}: {text[:300]}"
            expect(phone.get_by_role("button", name=SEND)).to_have_count(0)
    finally:
        for context in contexts:
            context.close()
