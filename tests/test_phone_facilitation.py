"""The participant's phone in a facilitated session (AppTest): every phase in Dutch and English, the lock,
voting, the ranking, private writing, joining without a silent party, confirming a delete, moving a note."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from canvas.models import (
    CreatedBoard,
    CustomCanvasCreate,
    CustomZoneCreate,
    FacilitationChange,
    NoteCreate,
    ParticipantCreate,
    Party,
    Phase,
)
from canvas.store import Store
from canvas.ui.screens import Screen
from tests.test_app import open_page

TEXTS = {
    "nl": {
        Phase.OPEN: "Vrij schrijven",
        Phase.WRITE: "Je schrijft nu privé",
        Phase.REVEAL: "Alle notities zijn nu zichtbaar",
        Phase.VOTE: "Verdeel je 3 stippen",
        Phase.DISCUSS: "op volgorde van stemmen",
        "locked": "Het bord staat op slot",
        "vote_add": "Stip erbij",
        "vote_remove": "Stip weg",
        "ranking": "Op volgorde van stemmen",
        "dots_left": "Je hebt nog {left} van {dots} stippen.",
        "submit": "Plak op het bord",
    },
    "en": {
        Phase.OPEN: "Free writing",
        Phase.WRITE: "You are writing privately",
        Phase.REVEAL: "All notes are visible now",
        Phase.VOTE: "Spread your 3 dots",
        Phase.DISCUSS: "ordered by votes",
        "locked": "The board is locked",
        "vote_add": "Add a dot",
        "vote_remove": "Remove a dot",
        "ranking": "Ordered by votes",
        "dots_left": "You have {left} of {dots} dots left.",
        "submit": "Stick it on the board",
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


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("phase", list(Phase))
def test_the_phone_in_every_phase(session: Session, phase: Phase, language: str) -> None:
    texts = TEXTS[language]
    add_note(session, session.alice, ALICE_NOTE)
    add_note(session, session.bob, BOB_NOTE, zone=1)
    session.phase(phase)
    at = session.phone(lang=language)
    assert not at.exception

    assert any(texts[phase] in info.value for info in at.info), [i.value for i in at.info]
    assert not any(texts["locked"] in w.value for w in at.warning)
    assert not at.text_area(key="new_note_text").disabled
    assert not buttons(at, texts["submit"])[0].disabled
    assert bool(buttons(at, texts["vote_add"])) == (phase is Phase.VOTE)
    assert any(texts["ranking"] == s.value for s in at.subheader) == (phase is Phase.DISCUSS)
    page = everything_on_the_page(at)
    assert ALICE_NOTE in page  # your own notes, always
    # Bob's note is private while writing; shown once revealed (read back, voted on, ranked), and in OPEN
    # (free writing) the phone shows only your own notes, as before.
    assert (BOB_NOTE in page) == (phase in (Phase.REVEAL, Phase.VOTE, Phase.DISCUSS))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_locked_board_disables_the_phone_and_says_why(session: Session, language: str) -> None:
    texts = TEXTS[language]
    note = add_note(session, session.alice, ALICE_NOTE)
    session.phase(Phase.VOTE)
    session.switches(locked=True)
    at = session.phone(lang=language)
    assert not at.exception
    assert any(texts["locked"] in w.value for w in at.warning)
    assert buttons(at, texts["submit"])[0].disabled
    assert at.button(key=f"edit_{note}").disabled
    assert all(b.disabled for b in buttons(at, texts["vote_add"]) + buttons(at, texts["vote_remove"]))


def test_a_note_sent_as_the_board_locks_is_refused_and_the_text_stays(session: Session) -> None:
    at = session.phone()
    at.button_group(key="new_note_zone").set_value(session.zones[0])
    at.text_area(key="new_note_text").input("Net op tijd?")
    session.switches(locked=True)  # the facilitator locks while this phone is typing
    buttons(at, "Plak op het bord")[0].click().run()
    assert not at.exception
    assert any("op slot gezet" in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_area(key="new_note_text").value == "Net op tijd?"
    assert session.store.notes_of(board_id=session.board_id, participant_id=session.alice) == []


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
    assert any("Names are not shown on this board." in c.value for c in at.caption)


def test_deleting_a_note_asks_first(session: Session) -> None:
    note = add_note(session, session.alice, ALICE_NOTE)
    at = session.phone()
    at.button(key=f"edit_{note}").click().run()
    next(b for b in at.button if b.label == "Verwijderen").click().run()
    assert not at.exception
    assert session.store.get_note(note_id=note).text == ALICE_NOTE  # nothing deleted yet
    assert any("Weet je het zeker?" in w.value for w in at.warning)
    at.button(key=f"delete_no_{note}").click().run()
    assert session.store.get_note(note_id=note).text == ALICE_NOTE
    assert not any("Weet je het zeker?" in w.value for w in at.warning)

    # "Annuleren" went back to the note's edit form; delete again, and this time say yes.
    next(b for b in at.button if b.label == "Verwijderen").click().run()
    at.button(key=f"delete_yes_{note}").click().run()
    assert not at.exception
    assert session.store.notes_of(board_id=session.board_id, participant_id=session.alice) == []
    assert "Je notitie is verwijderd." in [toast.value for toast in at.toast]


def test_moving_your_own_note_to_another_zone(session: Session) -> None:
    note = add_note(session, session.alice, ALICE_NOTE)
    at = session.phone()
    at.button(key=f"edit_{note}").click().run()
    target = at.selectbox(key=f"move_target_{note}")
    # Only the other zones of the note's own canvas are offered.
    snapshot = session.store.load_snapshot(board_id=session.board_id)
    assert len(target.options) == len(snapshot.zones_of(session.canvas_id)) - 1
    target.set_value(session.zones[3])
    at.button(key=f"move_{note}").click().run()
    assert not at.exception
    assert session.store.get_note(note_id=note).zone_id == session.zones[3]
    assert "Je notitie is verplaatst." in [toast.value for toast in at.toast]


def test_voting_on_the_phone_shows_only_your_own_dots(session: Session) -> None:
    mine = add_note(session, session.alice, ALICE_NOTE)
    others = add_note(session, session.bob, BOB_NOTE)
    session.phase(Phase.VOTE)
    session.switches(vote_dots=2)
    session.store.cast_vote(board_id=session.board_id, participant_id=session.bob, note_id=others)
    at = session.phone()
    assert any(TEXTS["nl"]["dots_left"].format(left=2, dots=2) in m.value for m in at.markdown)
    assert "1 stem" not in everything_on_the_page(at)  # Bob's dot is not shown: no bandwagon

    at.button(key=f"vote_add_n{others}").click().run()
    assert any(TEXTS["nl"]["dots_left"].format(left=1, dots=2) in m.value for m in at.markdown)
    at.button(key=f"vote_add_n{others}").click().run()
    assert any("Eén stip per notitie" in e.value for e in at.error)  # one dot per note
    at.button(key=f"vote_add_n{mine}").click().run()
    at.button(key=f"vote_remove_n{others}").click().run()
    at.button(key=f"vote_add_n{mine}").click().run()
    assert any("Eén stip per notitie" in e.value for e in at.error)
    assert not at.exception
    snapshot = session.store.load_snapshot(board_id=session.board_id)
    assert (snapshot.votes_for(note_id=mine), snapshot.votes_for(note_id=others)) == (1, 1)


def test_past_the_last_dot_the_phone_says_so(session: Session) -> None:
    notes = [add_note(session, session.bob, f"idee {i}") for i in range(3)]
    session.phase(Phase.VOTE)
    session.switches(vote_dots=2)
    at = session.phone(lang="en")
    for note in notes:
        at.button(key=f"vote_add_n{note}").click().run()
    assert any("You have used all your 2 dots" in e.value for e in at.error)
    assert session.store.load_snapshot(board_id=session.board_id).votes_for(note_id=notes[2]) == 0


def test_discussion_shows_the_ranking_with_counts(session: Session) -> None:
    low = add_note(session, session.alice, "weinig stemmen")
    high = add_note(session, session.bob, "veel stemmen")
    session.phase(Phase.VOTE)
    for who in (session.alice, session.bob):
        session.store.cast_vote(board_id=session.board_id, participant_id=who, note_id=high)
    session.store.cast_vote(board_id=session.board_id, participant_id=session.bob, note_id=low)
    session.phase(Phase.DISCUSS)
    at = session.phone()
    places = [m.value for m in at.markdown if m.value.startswith("**#")]
    assert places == ["**#1** · 2 stemmen", "**#2** · 1 stem"]
    texts = [t.value for t in at.text]
    assert texts.index("veel stemmen") < texts.index("weinig stemmen")


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
    at = session.phone()
    assert "op het eerste canvas" not in everything_on_the_page(at)  # follows the screen by default
    look_back = at.selectbox(key="look_back_canvas")
    assert look_back.index is not None and look_back.options[look_back.index] == "Nee, volg het scherm"
    at.selectbox(key="look_back_canvas").set_value(first).run()
    assert not at.exception
    assert "op het eerste canvas" in [t.value for t in at.text]


def test_the_timer_shows_on_the_phone(session: Session) -> None:
    at = session.phone()
    assert "samenwerkingscanvas_timer" not in everything_on_the_page(at)
    session.store.start_timer(
        board_id=session.board_id,
        canvas_id=session.canvas_id,
        seconds=245,
        facilitator_token=session.board.facilitator_token,
    )
    at = session.phone()
    assert not at.exception
    assert "samenwerkingscanvas_timer" in everything_on_the_page(at)
