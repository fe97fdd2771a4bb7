"""The phone while someone types (Chromium): text typed while the page redraws arrives whole, and the phone
shows what the facilitator does to its own notes without being touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.content import default_canvas
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

LIVE_TIMEOUT_MS = 20_000  # a wait, not a timing claim: the machine is shared and busy
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
ZONE_HINT = "Kies een vak; de vraag ervan verschijnt hier."
LOCKED = "Het bord staat op slot"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def created(store: Store) -> CreatedBoard:
    return store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Typen op de telefoon"))


def joined_phone(chromium: Browser, base: str, code: str) -> tuple[Page, HeldRedraw]:
    """A phone that joined through the form, as people do (the page after joining asks for focus)."""
    page = chromium.new_context(**PHONE).new_page()
    gate = HeldRedraw(page)
    page.goto(f"{base}/join?board={code}")
    page.get_by_role("textbox", name="Je naam (niet verplicht)").fill("Noor")
    page.get_by_text("Bewonersinitiatief", exact=True).click()
    page.get_by_role("button", name="Doe mee").click()
    expect(page.get_by_text("Je doet mee als Noor", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    page.wait_for_selector(IDLE)
    return page, gate


def stored_texts(store: Store, board_id: int) -> list[str]:
    return [note.text for note in store.load_snapshot(board_id=board_id).notes]


def test_text_typed_while_the_zone_redraws_arrives_whole(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    phone, gate = joined_phone(chromium, live_app[0], created.board.code)
    try:
        box = phone.get_by_role("textbox", name="Je notitie")
        # The page's redraw for the chosen zone is held back: the first words are typed before it arrives
        # (what a busy server or a slow network does to someone who starts typing at once), the rest after.
        gate.hold()
        phone.get_by_text("Gedeelde doelen", exact=True).click()
        box.click()
        phone.keyboard.type("Eerst dit, ")
        gate.release()
        expect(phone.get_by_text(ZONE_HINT)).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        phone.keyboard.type("dan dat.")
        expect(box).to_have_value("Eerst dit, dan dat.")
        phone.get_by_role("button", name="Plak op het bord").click()
        wait_until(lambda: stored_texts(store, created.board.id) != [], what="the note stored")
        assert stored_texts(store, created.board.id) == ["Eerst dit, dan dat."]
    finally:
        phone.context.close()


def test_text_typed_before_the_lock_stays_and_can_be_sent_after_it(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    phone, _gate = joined_phone(chromium, live_app[0], created.board.code)
    board_id, token = created.board.id, created.facilitator_token
    try:
        phone.get_by_text("Governance", exact=True).click()
        expect(phone.get_by_text(ZONE_HINT)).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        box = phone.get_by_role("textbox", name="Je notitie")
        box.click()
        phone.keyboard.type("Een ledenraad")
        # The facilitator locks the board mid-sentence: the phone follows (a notice above the form) by itself.
        store.set_facilitation(board_id=board_id, change=FacilitationChange(locked=True), facilitator_token=token)
        expect(phone.get_by_text(LOCKED, exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        phone.keyboard.type(" met vaste zetels")
        expect(box).to_have_value("Een ledenraad met vaste zetels")
        expect(phone.get_by_role("button", name="Plak op het bord")).to_be_disabled()
        store.set_facilitation(board_id=board_id, change=FacilitationChange(locked=False), facilitator_token=token)
        expect(phone.get_by_role("button", name="Plak op het bord")).to_be_enabled(timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        expect(box).to_have_value("Een ledenraad met vaste zetels")
        phone.get_by_role("button", name="Plak op het bord").click()
        wait_until(lambda: stored_texts(store, board_id) != [], what="the note stored")
        assert stored_texts(store, board_id) == ["Een ledenraad met vaste zetels"]
    finally:
        phone.context.close()


def test_the_phone_shows_what_the_facilitator_does_to_its_notes_without_a_tap(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    board_id, token = created.board.id, created.facilitator_token
    snapshot = store.load_snapshot(board_id=board_id)
    canvas_id, zone_id = snapshot.active_canvas.id, snapshot.zones[0].id
    noor = store.join(board_id=board_id, new=ParticipantCreate(display_name="Noor", party=Party.CIVIC)).id
    bas = store.join(board_id=board_id, new=ParticipantCreate(display_name="Bas", party=Party.GOVERNMENT)).id
    mine = store.add_note(board_id=board_id, participant_id=noor, new=NoteCreate(zone_id=zone_id, text="Zonnedak"))
    phone = chromium.new_context(**PHONE).new_page()
    try:
        phone.goto(f"{live_app[0]}/join?board={created.board.code}&p={noor}")
        expect(phone.get_by_text("Zonnedak", exact=True)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
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
        expect(phone.locator(".st-key-voting_section")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        store.add_note(board_id=board_id, participant_id=bas, new=NoteCreate(zone_id=zone_id, text="Buurtbatterij"))
        expect(phone.locator(".st-key-voting_section").get_by_text("Buurtbatterij")).to_be_visible(
            timeout=LIVE_TIMEOUT_MS
        )
        shot = ARTIFACTS / "phone-follows-the-facilitator.png"
        ARTIFACTS.mkdir(exist_ok=True)
        phone.screenshot(path=str(shot), full_page=True)
    finally:
        phone.context.close()


LISTENERS = """() => Object.fromEntries(
  [document, ...[...document.querySelectorAll('*')].filter((n) => n.shadowRoot).map((n) => n.shadowRoot)]
    .flatMap((root) => [...root.querySelectorAll('.sc-listener')])
    .map((n) => [n.dataset.field, { requests: Number(n.dataset.rerunRequests || 0), revision: +n.dataset.revision }])
)"""


def test_a_phase_change_reruns_the_phone_once_and_the_page_follows_it(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    """The reveal changes both the phone's structure (the phase) and what its step shows (the notes). Only the
    page's own listener may ask for that rerun, which redraws the step too: when the step's listener asked as
    well, the page's request was lost now and then, and the phone went on showing the old step until its retry
    (seen as one phone in ten reaching the vote 4 s late, bench/live_channel.py --scenario phases)."""
    board_id, token = created.board.id, created.facilitator_token
    canvas_id, zone_id = (
        store.load_snapshot(board_id=board_id).active_canvas.id,
        store.load_snapshot(board_id=board_id).zones[0].id,
    )
    noor = store.join(board_id=board_id, new=ParticipantCreate(display_name="Noor", party=Party.CIVIC)).id
    store.add_note(board_id=board_id, participant_id=noor, new=NoteCreate(zone_id=zone_id, text="Zonnedak"))
    phone = chromium.new_context(**PHONE).new_page()
    try:
        phone.goto(f"{live_app[0]}/join?board={created.board.code}&p={noor}")
        expect(phone.get_by_text("Zonnedak", exact=True)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        for phase, said in ((Phase.WRITE, "Schrijven (privé)"), (Phase.REVEAL, "Laten zien")):
            # The page's listener and its two parts' (drawn by components, which mount after the script ran).
            phone.wait_for_function(f"() => Object.keys(({LISTENERS})()).length === 3", timeout=LIVE_TIMEOUT_MS)
            before = phone.evaluate(LISTENERS)
            assert set(before) == {"sig", "shown", "own"}
            store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=phase, facilitator_token=token)
            revision = store.load_snapshot(board_id=board_id).revision
            expect(phone.get_by_text(f"Samenwerkingscanvas · {said}", exact=True)).to_be_visible(
                timeout=LIVE_TIMEOUT_MS
            )
            phone.wait_for_function(f"() => ({LISTENERS})().sig.revision >= {revision}", timeout=LIVE_TIMEOUT_MS)
            after = phone.evaluate(LISTENERS)
            assert after["shown"]["requests"] == before["shown"]["requests"], f"the step asked too ({phase})"
            assert after["sig"]["requests"] == before["sig"]["requests"] + 1
    finally:
        phone.context.close()


def test_a_note_half_typed_when_a_round_opens_stays_and_can_be_sent_whole(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    """The facilitator opens a scoring round while someone writes: the phone shows the scoring form, and the
    note being typed is still there to finish and send (it used to vanish with the note form)."""
    phone, _gate = joined_phone(chromium, live_app[0], created.board.code)
    board_id, token = created.board.id, created.facilitator_token
    try:
        phone.get_by_text("Governance", exact=True).click()
        expect(phone.get_by_text(ZONE_HINT)).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        box = phone.get_by_role("textbox", name="Je notitie")
        box.click()
        phone.keyboard.type("Een ledenraad")
        store.open_round(board_id=board_id, new=RoundCreate(title="Start"), facilitator_token=token)
        expect(phone.get_by_text("Waar staat onze samenwerking?", exact=True)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        # The scoring form came above the note form, which stayed: the same box, still focused, to type on.
        expect(box).to_be_focused()
        phone.keyboard.type(" met vaste")
        phone.get_by_role("radio", name="Notities").click()  # the mode choice: back to the notes
        expect(phone.get_by_text("Waar staat onze samenwerking?", exact=True)).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        expect(box).to_have_value("Een ledenraad met vaste")
        box.click()
        phone.keyboard.press("End")
        phone.keyboard.type(" zetels")
        phone.get_by_role("button", name="Plak op het bord").click()
        wait_until(lambda: stored_texts(store, board_id) != [], what="the note stored")
        assert stored_texts(store, board_id) == ["Een ledenraad met vaste zetels"]
    finally:
        phone.context.close()


def test_an_edit_stays_while_the_facilitator_deletes_a_note_above_it(
    chromium: Browser, live_app: tuple[str, str], store: Store, created: CreatedBoard
) -> None:
    """The own notes follow the facilitator live: a note deleted above the one being edited moves the edit box
    up the list. The browser used to build it anew there (the focus gone, the words typed next lost)."""
    board_id, token = created.board.id, created.facilitator_token
    zone_id = store.load_snapshot(board_id=board_id).zones[0].id
    noor = store.join(board_id=board_id, new=ParticipantCreate(display_name="Noor", party=Party.CIVIC)).id
    older = store.add_note(board_id=board_id, participant_id=noor, new=NoteCreate(zone_id=zone_id, text="Zonnedak"))
    newer = store.add_note(
        board_id=board_id, participant_id=noor, new=NoteCreate(zone_id=zone_id, text="Buurtbatterij")
    )
    phone = chromium.new_context(**PHONE).new_page()
    try:
        phone.goto(f"{live_app[0]}/join?board={created.board.code}&p={noor}")
        expect(phone.get_by_text("Zonnedak", exact=True)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        # The list is newest first: the older note is the second; its edit box opens under the newer one.
        phone.locator(f".st-key-edit_{older.id} button").click()
        edit_box = phone.locator(f".st-key-edit_text_{older.id} textarea")
        expect(edit_box).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        edit_box.click()
        phone.keyboard.press("End")
        phone.keyboard.type(" op de school")
        store.delete_note(note_id=newer.id, facilitator_token=token)
        expect(phone.get_by_text("Buurtbatterij", exact=True)).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
        phone.wait_for_selector(IDLE)
        # The same box, not one built anew: it keeps the text and the focus (a phone's keyboard stays open).
        expect(edit_box).to_be_focused()
        expect(edit_box).to_have_value("Zonnedak op de school")
        phone.keyboard.type(", met de buren")
        phone.get_by_role("button", name="Opslaan").click()
        wait_until(lambda: stored_texts(store, board_id) != ["Zonnedak"], what="the edit stored")
        assert stored_texts(store, board_id) == ["Zonnedak op de school, met de buren"]
    finally:
        phone.context.close()
