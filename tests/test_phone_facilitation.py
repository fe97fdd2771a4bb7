"""The participant's phone in a facilitated session: what each phase sends a phone in Dutch and English (the
live message, canvas/phone_view.py), what a phone's requests do (canvas/phone_actions.py: the lock, voting,
editing, moving, deleting, scoring), and joining (AppTest: the join form is still a Streamlit form).

What the phone draws from these messages, and what a person sees and does there, is tested in Chromium
(tests/test_browser_phone.py and others)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from canvas.models import (
    CreatedBoard,
    CustomCanvasCreate,
    CustomZoneCreate,
    FacilitationChange,
    Language,
    NoteCreate,
    ParticipantCreate,
    Party,
    Phase,
    RoundCreate,
)
from canvas.phone_actions import AddNote, DeleteNote, EditNote, MoveNote, Outcome, PhoneAction, Score, Vote, perform
from canvas.phone_view import own_part_of, phone_own_parts, phone_room, phone_static
from canvas.store import Store
from canvas.ui.screens import Screen
from tests.test_app import open_page

TEXTS = {
    "nl": {
        Phase.OPEN: "Iedereen schrijft",
        Phase.WRITE: "Je schrijft nu voor jezelf",
        Phase.REVEAL: "Nu ziet iedereen alle notities",
        Phase.VOTE: "Verdeel je 3 stippen",
        Phase.DISCUSS: "Bovenaan staat de notitie met de meeste stippen",
        "locked": "Het bord staat op slot",
    },
    "en": {
        Phase.OPEN: "Everyone writes",
        Phase.WRITE: "You are writing for yourself",
        Phase.REVEAL: "Now everyone sees all the notes",
        Phase.VOTE: "Spread your 3 dots",
        Phase.DISCUSS: "The note with the most dots is at the top",
        "locked": "The board is locked",
    },
}
ALICE_NOTE, BOB_NOTE = "Alice: een buurtfonds", "Bob: geheim plan voor het plein"


@dataclass
class Session:
    store: Store
    board: CreatedBoard
    alice: str
    bob: str
    zones: list[int]

    @property
    def board_id(self) -> int:
        return self.board.board.id

    @property
    def canvas_id(self) -> int:
        return self.store.load_snapshot(board_id=self.board_id).active_canvas.id

    def phase(self, phase: Phase, canvas_id: int | None = None) -> None:
        self.store.set_phase(
            board_id=self.board_id,
            canvas_id=canvas_id or self.canvas_id,
            phase=phase,
            facilitator_token=self.board.facilitator_token,
        )

    def switches(self, **change: object) -> None:
        self.store.set_facilitation(
            board_id=self.board_id, change=FacilitationChange(**change), facilitator_token=self.board.facilitator_token
        )

    def phone(self, who: str | None = None, **params: str) -> AppTest:
        return open_page(Screen.JOIN.script, board=self.board.board.code, p=who or self.alice, **params)

    def message(self, who: str | None = None, language: str = "nl") -> dict:
        """What the live channel sends this participant's phone now: the room part and their own part."""
        snapshot = self.store.load_snapshot(board_id=self.board_id, with_scores=True)
        room = phone_room(snapshot, Language(language))
        return {"room": room, "own": own_part_of(phone_own_parts(snapshot), snapshot, who or self.alice)}

    def act(self, action: PhoneAction, who: str | None = None, language: str = "nl") -> Outcome:
        return perform(
            self.store,
            board_id=self.board_id,
            participant_id=who or self.alice,
            action=action,
            language=Language(language),
        )


@pytest.fixture
def session(app_store: Store, board: CreatedBoard) -> Iterator[Session]:
    board_id = board.board.id
    alice = app_store.join(board_id=board_id, new=ParticipantCreate(display_name="Alice", party=Party.CIVIC)).id
    bob = app_store.join(board_id=board_id, new=ParticipantCreate(display_name="Bob", party=Party.GOVERNMENT)).id
    zones = [z.id for z in app_store.load_snapshot(board_id=board_id).zones]
    yield Session(app_store, board, alice, bob, zones)


def add_note(session: Session, who: str, text: str, zone: int = 0) -> int:
    new = NoteCreate(zone_id=session.zones[zone], text=text)
    return session.store.add_note(board_id=session.board_id, participant_id=who, new=new).id


def everything_on_the_page(at: AppTest) -> str:
    """Every element the page sent, with its values and labels: what a browser could show or read."""
    found: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            found.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(found)


def buttons(at: AppTest, label: str) -> list:
    return [b for b in at.button if b.label == label]


def texts_of(message: dict) -> str:
    """Every text a phone's message carries, as one string (what the phone could show or read)."""
    return json.dumps(message, ensure_ascii=False)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("phase", list(Phase))
def test_the_phone_in_every_phase(session: Session, phase: Phase, language: str) -> None:
    texts = TEXTS[language]
    add_note(session, session.alice, ALICE_NOTE)
    add_note(session, session.bob, BOB_NOTE, zone=1)
    session.phase(phase)
    message = session.message(language=language)
    room = message["room"]
    assert texts[phase] in room["active"]["help"]
    assert room["active"]["phase"] == phase.value and not room["locked"]
    assert [n["text"] for n in message["own"]["notes"]] == [ALICE_NOTE]  # your own notes, always
    # Bob's note is private while writing; read back once revealed (shown, voted on, ranked). In OPEN (free
    # writing) the phone shows only your own notes: others' are on the screen.
    assert (BOB_NOTE in texts_of(message)) == (phase in (Phase.REVEAL, Phase.VOTE, Phase.DISCUSS))
    # No participant id but one's own, no author names: the phone reads back without names.
    assert session.bob not in texts_of(message) and "Bob" not in texts_of(room).replace(BOB_NOTE, "")
    # The whole page too (AppTest: every element the page sent, the phone's first message included).
    at = session.phone(lang=language)
    assert not at.exception
    assert (BOB_NOTE in everything_on_the_page(at)) == (phase in (Phase.REVEAL, Phase.VOTE, Phase.DISCUSS))


def test_private_notes_of_another_canvas_never_reach_a_phone(session: Session) -> None:
    """A canvas in private writing that is not on the screen: its notes are in nobody's room part, not even as
    an earlier canvas to read back."""
    first = session.canvas_id
    add_note(session, session.bob, BOB_NOTE)
    session.phase(Phase.WRITE, first)
    later = session.store.add_custom_canvas(
        board_id=session.board_id,
        new=CustomCanvasCreate(title="Ideeën", zones=[CustomZoneCreate(title="Alles")]),
        facilitator_token=session.board.facilitator_token,
    )
    session.store.show_canvas(
        board_id=session.board_id, canvas_id=later.id, facilitator_token=session.board.facilitator_token
    )
    assert BOB_NOTE not in texts_of(session.message())
    assert BOB_NOTE in texts_of(session.message(session.bob))  # his own


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_locked_board_says_why_and_refuses_every_change(session: Session, language: str) -> None:
    note = add_note(session, session.alice, ALICE_NOTE)
    other = add_note(session, session.bob, BOB_NOTE)
    session.phase(Phase.VOTE)
    session.switches(locked=True)
    assert session.message(language=language)["room"]["locked"] is True
    # The phone's own words for the lock come with its page (phone_static), in its language.
    assert phone_static(Language(language))["labels"]["locked_notice"].startswith(TEXTS[language]["locked"])
    for action in (
        AddNote(kind="add_note", zone_id=session.zones[0], text="nog een"),
        EditNote(kind="edit_note", note_id=note, text="anders"),
        MoveNote(kind="move_note", note_id=note, zone_id=session.zones[2]),
        DeleteNote(kind="delete_note", note_id=note),
        Vote(kind="vote", add=True, note_id=other),
    ):
        outcome = session.act(action, language=language)
        assert not outcome.ok and outcome.message, action
    snapshot = session.store.load_snapshot(board_id=session.board_id)
    assert [(n.text, n.zone_id) for n in snapshot.notes if n.id == note] == [(ALICE_NOTE, session.zones[0])]
    assert len(snapshot.notes) == 2 and snapshot.votes == ()


def test_a_note_sent_as_the_board_locks_is_refused_with_the_stores_message(session: Session) -> None:
    session.switches(locked=True)  # the facilitator locks while this phone is typing
    outcome = session.act(AddNote(kind="add_note", zone_id=session.zones[0], text="Net op tijd?"))
    assert not outcome.ok and "op slot gezet" in outcome.message
    assert session.store.notes_of(board_id=session.board_id, participant_id=session.alice) == []


def test_a_note_is_added_edited_moved_and_deleted_by_requests(session: Session) -> None:
    added = session.act(AddNote(kind="add_note", zone_id=session.zones[0], text="  Een buurtfonds  "))
    assert added.ok and added.message == "Je notitie staat op het bord."
    [note] = session.store.notes_of(board_id=session.board_id, participant_id=session.alice)
    assert added.revision == session.store.get_revision(board_id=session.board_id)
    assert session.act(EditNote(kind="edit_note", note_id=note.id, text="Een wijkfonds")).message == (
        "Je notitie is gewijzigd."
    )
    moved = session.act(MoveNote(kind="move_note", note_id=note.id, zone_id=session.zones[3]), language="en")
    assert moved.ok and moved.message == "Your note was moved."
    stored = session.store.get_note(note_id=note.id)
    assert (stored.text, stored.zone_id) == ("Een wijkfonds", session.zones[3])
    # The phone's own part follows: zone and text.
    assert session.message()["own"]["notes"] == [
        {"id": note.id, "zone_id": session.zones[3], "text": "Een wijkfonds", "canvas_id": session.canvas_id}
    ]
    assert session.act(DeleteNote(kind="delete_note", note_id=note.id)).message == "Je notitie is verwijderd."
    assert session.store.notes_of(board_id=session.board_id, participant_id=session.alice) == []


def test_someone_elses_note_cannot_be_changed_and_nothing_changes(session: Session) -> None:
    others = add_note(session, session.bob, BOB_NOTE)
    for action in (
        EditNote(kind="edit_note", note_id=others, text="overgenomen"),
        MoveNote(kind="move_note", note_id=others, zone_id=session.zones[2]),
        DeleteNote(kind="delete_note", note_id=others),
    ):
        outcome = session.act(action)
        assert not outcome.ok and outcome.message == "Dat mag niet: je kunt alleen je eigen notities wijzigen."
    stored = session.store.get_note(note_id=others)
    assert (stored.text, stored.zone_id) == (BOB_NOTE, session.zones[0])


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Je notitie is nog leeg"),
        ("x" * 281, "281 tekens"),
        ("nul\x00teken", "onzichtbare stuurtekens"),
    ],
)
def test_bad_note_text_gets_a_message_and_stores_nothing(session: Session, text: str, says: str) -> None:
    outcome = session.act(AddNote(kind="add_note", zone_id=session.zones[0], text=text))
    assert not outcome.ok and says in outcome.message, outcome.message
    assert session.store.notes_of(board_id=session.board_id, participant_id=session.alice) == []


def test_moving_a_note_offers_the_other_zones_of_its_canvas(session: Session) -> None:
    add_note(session, session.alice, ALICE_NOTE)
    room = session.message()["room"]
    [canvas] = room["canvases"]
    assert [z["id"] for z in canvas["zones"]] == session.zones


def test_voting_on_the_phone_shows_only_your_own_dots(session: Session) -> None:
    mine = add_note(session, session.alice, ALICE_NOTE)
    others = add_note(session, session.bob, BOB_NOTE)
    session.phase(Phase.VOTE)
    session.switches(vote_dots=2)
    session.store.cast_vote(board_id=session.board_id, participant_id=session.bob, note_id=others)
    message = session.message()
    assert message["own"]["dots_left"] == 2 and message["own"]["votes"] == {}
    assert all("votes" not in item for item in message["room"]["active"]["items"])  # no bandwagon

    assert session.act(Vote(kind="vote", add=True, note_id=others)).message == "Stip geplaatst."
    assert session.message()["own"] == {**session.message()["own"], "dots_left": 1, "votes": {f"n{others}": 1}}
    second = session.act(Vote(kind="vote", add=True, note_id=others))
    assert not second.ok and "Eén stip per notitie" in second.message
    session.act(Vote(kind="vote", add=True, note_id=mine))
    assert session.act(Vote(kind="vote", add=False, note_id=others)).message == "Stip teruggenomen."
    again = session.act(Vote(kind="vote", add=True, note_id=mine))
    assert not again.ok and "Eén stip per notitie" in again.message
    snapshot = session.store.load_snapshot(board_id=session.board_id)
    assert (snapshot.votes_for(note_id=mine), snapshot.votes_for(note_id=others)) == (1, 1)


def test_past_the_last_dot_the_phone_says_so(session: Session) -> None:
    notes = [add_note(session, session.bob, f"idee {i}") for i in range(3)]
    session.phase(Phase.VOTE)
    session.switches(vote_dots=2)
    outcomes = [session.act(Vote(kind="vote", add=True, note_id=note), language="en") for note in notes]
    assert [o.ok for o in outcomes] == [True, True, False]
    assert "You have used all your 2 dots" in outcomes[2].message
    assert session.store.load_snapshot(board_id=session.board_id).votes_for(note_id=notes[2]) == 0


def test_a_vote_help_says_one_dot_in_the_singular(session: Session) -> None:
    session.phase(Phase.VOTE)
    session.switches(vote_dots=1)
    help_text = session.message()["room"]["active"]["help"]
    assert "1 stip." in help_text and "stippen" not in help_text


def test_discussion_shows_the_ranking_with_counts(session: Session) -> None:
    low = add_note(session, session.alice, "weinig stemmen")
    high = add_note(session, session.bob, "veel stemmen")
    session.phase(Phase.VOTE)
    for who in (session.alice, session.bob):
        session.store.cast_vote(board_id=session.board_id, participant_id=who, note_id=high)
    session.store.cast_vote(board_id=session.board_id, participant_id=session.bob, note_id=low)
    session.phase(Phase.DISCUSS)
    items = session.message()["room"]["active"]["items"]
    assert [(item["text"], item["votes"]) for item in items] == [("veel stemmen", 2), ("weinig stemmen", 1)]


def test_the_phone_can_read_back_an_earlier_canvas(session: Session) -> None:
    first = session.canvas_id
    add_note(session, session.bob, "op het eerste canvas")
    session.phase(Phase.REVEAL, first)
    later = session.store.add_custom_canvas(
        board_id=session.board_id,
        new=CustomCanvasCreate(title="Ideeën", zones=[CustomZoneCreate(title="Alles")]),
        facilitator_token=session.board.facilitator_token,
    )
    session.store.show_canvas(
        board_id=session.board_id, canvas_id=later.id, facilitator_token=session.board.facilitator_token
    )
    room = session.message()["room"]
    assert room["active"]["id"] == later.id and room["active"]["items"] is None  # follows the screen
    assert [item["text"] for item in room["readable"][str(first)]] == ["op het eerste canvas"]


def test_the_timer_reaches_the_phone_with_the_servers_end(session: Session) -> None:
    assert session.message()["room"]["active"]["timer"] is None
    session.store.start_timer(
        board_id=session.board_id,
        canvas_id=session.canvas_id,
        seconds=245,
        facilitator_token=session.board.facilitator_token,
    )
    timer = session.message()["room"]["active"]["timer"]
    assert timer["total"] == 245 and timer["ends_at"] > 0
    session.store.pause_timer(
        board_id=session.board_id, canvas_id=session.canvas_id, facilitator_token=session.board.facilitator_token
    )
    paused = session.message()["room"]["active"]["timer"]
    assert "ends_at" not in paused and 240 <= paused["left"] <= 245


def test_scoring_by_requests_saves_each_part_and_only_your_scores_come_back(session: Session) -> None:
    session.store.open_round(
        board_id=session.board_id, new=RoundCreate(), facilitator_token=session.board.facilitator_token
    )
    outcome = session.act(Score(kind="score", dimension="governance", level=3, comment="Goed op weg"))
    assert outcome.ok and outcome.message == "Je score is bewaard."
    session.act(Score(kind="score", dimension="language", level=None), who=session.bob)
    mine = session.message()["own"]["scores"]
    assert mine == {"governance": [3, "Goed op weg"]}  # Bob's "don't know" is his
    assert session.message(session.bob)["own"]["scores"] == {"language": [None, ""]}
    too_long = session.act(Score(kind="score", dimension="governance", level=4, comment="x" * 201))
    assert not too_long.ok and "toelichting" in too_long.message.lower()
    assert session.message()["own"]["scores"] == {"governance": [3, "Goed op weg"]}  # unchanged


def test_joining_without_a_party_asks_for_one_and_stores_nothing(app_store: Store, board: CreatedBoard) -> None:
    at = open_page(Screen.JOIN.script, board=board.board.code)
    assert at.radio[0].value is None  # no silent default
    at.text_input[0].input("Fatima")
    next(b for b in at.button if b.label == "Doe mee").click().run()
    assert not at.exception
    assert any("Kies namens wie je hier bent" in e.value for e in at.error)
    assert "p" not in at.query_params
    assert app_store.participants_of(board_id=board.board.id) == []
    assert at.text_input[0].value == "Fatima"  # what was typed stays

    at.radio[0].set_value(Party.FUNDER)
    next(b for b in at.button if b.label == "Doe mee").click().run()
    [joined] = app_store.participants_of(board_id=board.board.id)
    assert (joined.display_name, joined.party) == ("Fatima", Party.FUNDER)


def test_the_profile_form_keeps_the_stored_party(session: Session) -> None:
    at = session.phone()
    assert at.radio(key="participant_party_edit").value == Party.CIVIC
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    assert session.store.get_participant(board_id=session.board_id, participant_id=session.alice).party is Party.CIVIC


def test_an_anonymous_board_asks_no_name(app_store: Store, board: CreatedBoard) -> None:
    app_store.set_facilitation(
        board_id=board.board.id, change=FacilitationChange(anonymous=True), facilitator_token=board.facilitator_token
    )
    at = open_page(Screen.JOIN.script, board=board.board.code, lang="en")
    assert not at.text_input  # no name field
    assert any("This board is anonymous" in c.value for c in at.caption)
    at.radio[0].set_value(Party.CIVIC)
    next(b for b in at.button if b.label == "Join in").click().run()
    assert not at.exception
    # The phone says it itself (phone.js, from the room part), and without the person's name.
    [joined] = app_store.participants_of(board_id=board.board.id)
    assert joined.display_name is None
    snapshot = app_store.load_snapshot(board_id=board.board.id)
    assert phone_room(snapshot, Language.EN)["anonymous"] is True


def test_one_phones_own_part_is_its_entry_in_everyones(session: Session) -> None:
    """A page drawing one phone builds that phone's part alone (``only``); the hub builds everyone's at once:
    the two must agree, notes, dots and scores alike."""
    mine = add_note(session, session.alice, ALICE_NOTE)
    add_note(session, session.bob, BOB_NOTE)
    session.phase(Phase.VOTE)
    session.store.cast_vote(board_id=session.board_id, participant_id=session.alice, note_id=mine)
    session.store.open_round(
        board_id=session.board_id, new=RoundCreate(), facilitator_token=session.board.facilitator_token
    )
    session.act(Score(kind="score", dimension="goals", level=2), who=session.bob)
    snapshot = session.store.load_snapshot(board_id=session.board_id, with_scores=True)
    everyone = phone_own_parts(snapshot)
    for person in (session.alice, session.bob):
        assert phone_own_parts(snapshot, only=person) == {person: everyone[person]}
