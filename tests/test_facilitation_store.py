"""Facilitation in the store: who may do what, phases, dots, lock, clusters, timer, recovery; on both databases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from canvas.content import canvas_template, default_canvas
from canvas.errors import (
    AlreadyVoted,
    BoardLocked,
    ClusterNotFound,
    FacilitatorOnly,
    NoDotsLeft,
    NotAllowed,
    NotVotingNow,
    NotYourNote,
    RecoveryRefused,
    ZoneNotFound,
)
from canvas.models import (
    BoardCreate,
    ClusterCreate,
    CustomCanvasCreate,
    CustomZoneCreate,
    FacilitationChange,
    NoteCreate,
    NoteEdit,
    ParticipantCreate,
    Phase,
    Timer,
)
from canvas.store import Store, viewer_key_for


@dataclass
class Workshop:
    store: Store
    board_id: int
    token: str
    recovery_code: str
    canvas_id: int
    zones: list[int]
    alice: str
    bob: str

    def note(self, author: str, text: str, zone: int = 0) -> int:
        new = NoteCreate(zone_id=self.zones[zone], text=text)
        return self.store.add_note(board_id=self.board_id, participant_id=author, new=new).id

    def phase(self, phase: Phase) -> None:
        self.store.set_phase(
            board_id=self.board_id, canvas_id=self.canvas_id, phase=phase, facilitator_token=self.token
        )

    def snapshot(self, viewer: str | None):
        return self.store.load_snapshot(board_id=self.board_id).for_viewer(viewer)


@pytest.fixture
def workshop(store: Store) -> Workshop:
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Werksessie"))
    board_id = created.board.id
    snapshot = store.load_snapshot(board_id=board_id)
    alice = store.join(board_id=board_id, new=ParticipantCreate(display_name="Alice", party="civic")).id
    bob = store.join(board_id=board_id, new=ParticipantCreate(display_name="Bob", party="government")).id
    return Workshop(
        store,
        board_id,
        created.facilitator_token,
        created.recovery_code or "",
        snapshot.canvases[0].id,
        [z.id for z in snapshot.zones],
        alice,
        bob,
    )


# --- every facilitator action, refused without the facilitator secret ------------------------------

FacilitatorAction = Callable[[Workshop, str | None], object]
FACILITATOR_ACTIONS: dict[str, FacilitatorAction] = {
    "set phase": lambda w, t: w.store.set_phase(
        board_id=w.board_id, canvas_id=w.canvas_id, phase=Phase.VOTE, facilitator_token=t
    ),
    "lock": lambda w, t: w.store.set_facilitation(
        board_id=w.board_id, change=FacilitationChange(locked=True), facilitator_token=t
    ),
    "start timer": lambda w, t: w.store.start_timer(
        board_id=w.board_id, canvas_id=w.canvas_id, seconds=60, facilitator_token=t
    ),
    "pause timer": lambda w, t: w.store.pause_timer(board_id=w.board_id, canvas_id=w.canvas_id, facilitator_token=t),
    "clear timer": lambda w, t: w.store.clear_timer(board_id=w.board_id, canvas_id=w.canvas_id, facilitator_token=t),
    "cluster": lambda w, t: w.store.create_cluster(
        board_id=w.board_id,
        canvas_id=w.canvas_id,
        new=ClusterCreate(title="Groep", note_ids=[w.note(w.alice, "x")]),
        facilitator_token=t,
    ),
    "room note": lambda w, t: w.store.add_room_note(
        board_id=w.board_id, new=NoteCreate(zone_id=w.zones[0], text="gezegd"), facilitator_token=t
    ),
    "reorder canvases": lambda w, t: w.store.move_canvas(
        board_id=w.board_id, canvas_id=w.canvas_id, offset=1, facilitator_token=t
    ),
    "new recovery code": lambda w, t: w.store.new_recovery_code(board_id=w.board_id, facilitator_token=t),
    "delete board": lambda w, t: w.store.delete_board(board_id=w.board_id, facilitator_token=t),
}


@pytest.mark.parametrize("action", sorted(FACILITATOR_ACTIONS))
@pytest.mark.parametrize("credential", ["none", "participant id", "wrong secret"])
def test_facilitator_actions_are_refused_without_the_secret(workshop: Workshop, action: str, credential: str) -> None:
    token = {"none": None, "participant id": workshop.alice, "wrong secret": workshop.token + "x"}[credential]
    before = workshop.store.get_revision(board_id=workshop.board_id)
    with pytest.raises(FacilitatorOnly):
        FACILITATOR_ACTIONS[action](workshop, token)
    # Only the note the "cluster" case writes first (as Alice) may have changed the board.
    assert workshop.store.get_revision(board_id=workshop.board_id) <= before + 1
    FACILITATOR_ACTIONS[action](workshop, workshop.token)  # and the real secret may


def test_clusters_are_renamed_and_dissolved_only_by_the_facilitator(workshop: Workshop) -> None:
    note = workshop.note(workshop.alice, "Bewoners beslissen mee")
    cluster = workshop.store.create_cluster(
        board_id=workshop.board_id,
        canvas_id=workshop.canvas_id,
        new=ClusterCreate(title="Inspraak", note_ids=[note]),
        facilitator_token=workshop.token,
    )
    with pytest.raises(FacilitatorOnly):
        workshop.store.rename_cluster(cluster_id=cluster.id, title="Anders", facilitator_token=None)
    with pytest.raises(FacilitatorOnly):
        workshop.store.dissolve_cluster(cluster_id=cluster.id, facilitator_token=workshop.alice)
    workshop.store.rename_cluster(cluster_id=cluster.id, title="Zeggenschap", facilitator_token=workshop.token)
    assert [c.title for c in workshop.snapshot(None).clusters] == ["Zeggenschap"]
    workshop.store.dissolve_cluster(cluster_id=cluster.id, facilitator_token=workshop.token)
    snapshot = workshop.snapshot(None)
    assert snapshot.clusters == () and [n.cluster_id for n in snapshot.notes] == [None]
    with pytest.raises(ClusterNotFound):
        workshop.store.dissolve_cluster(cluster_id=cluster.id, facilitator_token=workshop.token)


def test_a_note_joining_another_cluster_leaves_its_old_one_which_goes_when_empty(workshop: Workshop) -> None:
    first, second = workshop.note(workshop.alice, "een"), workshop.note(workshop.bob, "twee")

    def group(title: str, note_ids: list[int]) -> int:
        new = ClusterCreate(title=title, note_ids=note_ids)
        return workshop.store.create_cluster(
            board_id=workshop.board_id, canvas_id=workshop.canvas_id, new=new, facilitator_token=workshop.token
        ).id

    old = group("Oud", [first])
    new = group("Nieuw", [first, second])
    snapshot = workshop.snapshot(None)
    assert [c.id for c in snapshot.clusters] == [new]
    assert {n.cluster_id for n in snapshot.notes} == {new}
    assert old != new


# --- private writing -------------------------------------------------------------------------------


def test_private_notes_reach_only_their_author_until_the_reveal(workshop: Workshop) -> None:
    workshop.phase(Phase.WRITE)
    workshop.note(workshop.alice, "Alleen van Alice")
    workshop.note(workshop.bob, "Alleen van Bob")
    workshop.note(workshop.bob, "Nog een van Bob", zone=1)

    assert [n.text for n in workshop.snapshot(workshop.alice).notes] == ["Alleen van Alice"]
    screen = workshop.snapshot(None)
    assert screen.notes == ()
    assert screen.private_counts == {workshop.zones[0]: 2, workshop.zones[1]: 1}

    workshop.phase(Phase.REVEAL)
    assert len(workshop.snapshot(workshop.alice).notes) == 3
    assert workshop.snapshot(None).private_counts == {}


def test_private_notes_on_one_canvas_leave_the_other_canvases_alone(workshop: Workshop) -> None:
    shown = workshop.note(workshop.bob, "Op het huis")
    other = workshop.store.add_custom_canvas(
        board_id=workshop.board_id,
        new=CustomCanvasCreate(title="Ideeën", zones=[CustomZoneCreate(title="Alles")]),
        facilitator_token=workshop.token,
    )
    workshop.store.set_phase(
        board_id=workshop.board_id, canvas_id=other.id, phase=Phase.WRITE, facilitator_token=workshop.token
    )
    assert [n.id for n in workshop.snapshot(workshop.alice).notes] == [shown]


# --- voting ----------------------------------------------------------------------------------------


def vote(workshop: Workshop, who: str, note_id: int) -> None:
    workshop.store.cast_vote(board_id=workshop.board_id, participant_id=who, note_id=note_id)


def test_votes_only_in_the_vote_phase_and_never_more_than_the_dots(workshop: Workshop) -> None:
    notes = [workshop.note(workshop.bob, f"idee {i}") for i in range(4)]
    for phase in (Phase.OPEN, Phase.WRITE, Phase.REVEAL, Phase.DISCUSS):
        workshop.phase(phase)
        with pytest.raises(NotVotingNow):
            vote(workshop, workshop.alice, notes[0])
    workshop.phase(Phase.VOTE)
    workshop.store.set_facilitation(
        board_id=workshop.board_id, change=FacilitationChange(vote_dots=2), facilitator_token=workshop.token
    )
    vote(workshop, workshop.alice, notes[0])
    with pytest.raises(AlreadyVoted):
        vote(workshop, workshop.alice, notes[0])
    vote(workshop, workshop.alice, notes[1])
    with pytest.raises(NoDotsLeft) as refused:
        vote(workshop, workshop.alice, notes[2])
    assert refused.value.values == {"limit": 2}
    vote(workshop, workshop.bob, notes[2])  # Bob has dots of his own

    workshop.store.withdraw_vote(board_id=workshop.board_id, participant_id=workshop.alice, note_id=notes[1])
    vote(workshop, workshop.alice, notes[3])
    snapshot = workshop.snapshot(None)
    assert [snapshot.votes_for(note_id=n) for n in notes] == [1, 0, 1, 1]


def test_stacking_lets_a_participant_put_every_dot_on_one_note(workshop: Workshop) -> None:
    note = workshop.note(workshop.bob, "het beste idee")
    workshop.phase(Phase.VOTE)
    workshop.store.set_facilitation(
        board_id=workshop.board_id,
        change=FacilitationChange(vote_dots=3, votes_stack=True),
        facilitator_token=workshop.token,
    )
    for _ in range(3):
        vote(workshop, workshop.alice, note)
    with pytest.raises(NoDotsLeft):
        vote(workshop, workshop.alice, note)
    assert workshop.snapshot(None).votes_for(note_id=note) == 3


def test_dots_on_a_cluster_go_back_when_it_is_dissolved(workshop: Workshop) -> None:
    note = workshop.note(workshop.bob, "samen")
    cluster = workshop.store.create_cluster(
        board_id=workshop.board_id,
        canvas_id=workshop.canvas_id,
        new=ClusterCreate(title="Samen", note_ids=[note]),
        facilitator_token=workshop.token,
    )
    workshop.phase(Phase.VOTE)
    workshop.store.cast_vote(board_id=workshop.board_id, participant_id=workshop.alice, cluster_id=cluster.id)
    assert workshop.snapshot(None).votes_for(cluster_id=cluster.id) == 1
    workshop.store.dissolve_cluster(cluster_id=cluster.id, facilitator_token=workshop.token)
    assert workshop.snapshot(None).votes == ()


# --- the lock and who may change which note -----------------------------------------------------------


def test_a_locked_board_refuses_participants_and_lets_the_facilitator_work(workshop: Workshop) -> None:
    own = workshop.note(workshop.alice, "van Alice")
    workshop.phase(Phase.VOTE)
    workshop.store.set_facilitation(
        board_id=workshop.board_id, change=FacilitationChange(locked=True), facilitator_token=workshop.token
    )
    store, board_id = workshop.store, workshop.board_id
    refused = {
        "add": lambda: workshop.note(workshop.alice, "nog een"),
        "edit": lambda: store.edit_note(note_id=own, participant_id=workshop.alice, edit=NoteEdit(text="anders")),
        "move": lambda: store.move_note(note_id=own, zone_id=workshop.zones[1], participant_id=workshop.alice),
        "delete": lambda: store.delete_note(note_id=own, participant_id=workshop.alice),
        "vote": lambda: vote(workshop, workshop.bob, own),
    }
    for name, attempt in refused.items():
        with pytest.raises(BoardLocked):
            attempt()
        assert [n.text for n in workshop.snapshot(None).notes] == ["van Alice"], name

    store.edit_note(note_id=own, facilitator_token=workshop.token, edit=NoteEdit(text="door de begeleider"))
    store.move_note(note_id=own, zone_id=workshop.zones[2], facilitator_token=workshop.token)
    store.add_room_note(
        board_id=board_id,
        new=NoteCreate(zone_id=workshop.zones[0], text="uit de zaal"),
        facilitator_token=workshop.token,
    )
    snapshot = workshop.snapshot(None)
    assert sorted((n.text, n.zone_id, n.by_facilitator) for n in snapshot.notes) == [
        ("door de begeleider", workshop.zones[2], False),
        ("uit de zaal", workshop.zones[0], True),
    ]
    assert snapshot.participant_count == 2  # the facilitator's author row is not a participant


def test_participants_move_their_own_notes_within_the_canvas_only(workshop: Workshop) -> None:
    own, others = workshop.note(workshop.alice, "van Alice"), workshop.note(workshop.bob, "van Bob")
    moved = workshop.store.move_note(note_id=own, zone_id=workshop.zones[3], participant_id=workshop.alice)
    assert moved.zone_id == workshop.zones[3]
    with pytest.raises(NotYourNote):
        workshop.store.move_note(note_id=others, zone_id=workshop.zones[3], participant_id=workshop.alice)
    with pytest.raises(NotYourNote):
        workshop.store.edit_note(note_id=others, participant_id=workshop.alice, edit=NoteEdit(text="gekaapt"))
    other_canvas = workshop.store.add_custom_canvas(
        board_id=workshop.board_id,
        new=CustomCanvasCreate(title="Elders", zones=[CustomZoneCreate(title="Vak")]),
        facilitator_token=workshop.token,
    )
    elsewhere = workshop.store.load_snapshot(board_id=workshop.board_id).zones_of(other_canvas.id)[0].id
    with pytest.raises(ZoneNotFound):
        workshop.store.move_note(note_id=own, zone_id=elsewhere, participant_id=workshop.alice)
    assert workshop.store.get_note(note_id=own).zone_id == workshop.zones[3]


def test_anonymous_mode_hides_names_in_the_read_model_and_the_participant_list(workshop: Workshop) -> None:
    workshop.note(workshop.alice, "anoniem")
    workshop.store.set_facilitation(
        board_id=workshop.board_id, change=FacilitationChange(anonymous=True), facilitator_token=workshop.token
    )
    assert [n.author_name for n in workshop.snapshot(None).notes] == [None]
    assert [p.display_name for p in workshop.store.participants_of(board_id=workshop.board_id)] == [None, None]
    workshop.store.set_facilitation(
        board_id=workshop.board_id, change=FacilitationChange(anonymous=False), facilitator_token=workshop.token
    )
    assert [n.author_name for n in workshop.snapshot(None).notes] == ["Alice"]


# --- agenda, timer and recovery ---------------------------------------------------------------------


def test_the_facilitator_reorders_the_agenda(workshop: Workshop) -> None:
    second = workshop.store.add_canvas(
        board_id=workshop.board_id, template=canvas_template("agreement_canvas"), facilitator_token=workshop.token
    )
    workshop.store.move_canvas(
        board_id=workshop.board_id, canvas_id=second.id, offset=-5, facilitator_token=workshop.token
    )
    assert [c.id for c in workshop.snapshot(None).canvases] == [second.id, workshop.canvas_id]


def test_the_timer_runs_pauses_and_extends(workshop: Workshop) -> None:
    store, board_id, canvas_id, token = workshop.store, workshop.board_id, workshop.canvas_id, workshop.token

    def timer() -> Timer:
        found = workshop.snapshot(None).canvas(canvas_id).timer
        assert found is not None
        return found

    store.start_timer(board_id=board_id, canvas_id=canvas_id, seconds=300, facilitator_token=token)
    running = timer()
    assert running.running and 298 <= running.left_at(datetime.now(UTC)) <= 300
    store.pause_timer(board_id=board_id, canvas_id=canvas_id, facilitator_token=token)
    paused = timer()
    assert not paused.running and 298 <= (paused.seconds_left or 0) <= 300
    store.extend_timer(board_id=board_id, canvas_id=canvas_id, seconds=60, facilitator_token=token)
    assert timer().seconds_left == (paused.seconds_left or 0) + 60
    store.resume_timer(board_id=board_id, canvas_id=canvas_id, facilitator_token=token)
    resumed = timer()
    assert resumed.running and resumed.left_at(datetime.now(UTC) + timedelta(hours=1)) == 0
    with pytest.raises(ValueError):
        store.start_timer(board_id=board_id, canvas_id=canvas_id, seconds=0, facilitator_token=token)
    store.clear_timer(board_id=board_id, canvas_id=canvas_id, facilitator_token=token)
    assert workshop.snapshot(None).canvas(canvas_id).timer is None


def test_the_recovery_code_reopens_the_console_once_and_keeps_the_presentation_link(workshop: Workshop) -> None:
    store = workshop.store
    code = store.get_board(board_id=workshop.board_id).code
    presentation_key = viewer_key_for(workshop.token)
    for wrong in [("ZZZZZZ", workshop.recovery_code), (code, "AAAA-AAAA-AAAA-AAAA"), (code, "")]:
        with pytest.raises(RecoveryRefused):
            store.recover_console(code=wrong[0], recovery_code=wrong[1])
    # Typed loosely, as from paper: lower case, spaces instead of dashes.
    recovered = store.recover_console(code=code.lower(), recovery_code=workshop.recovery_code.lower().replace("-", " "))
    assert store.is_facilitator(board_id=workshop.board_id, token=recovered.facilitator_token)
    assert not store.is_facilitator(board_id=workshop.board_id, token=workshop.token)  # the lost link is dead
    assert store.access(code=code, viewer_key=presentation_key) is not None  # the projector keeps working
    # ... and the recovered console hands out that same key (it derived one from its new secret: issue 23, item 3)
    recovered_access = store.access(code=code, facilitator_token=recovered.facilitator_token)
    assert recovered_access is not None and recovered_access.viewer_key == presentation_key
    with pytest.raises(RecoveryRefused):
        store.recover_console(code=code, recovery_code=workshop.recovery_code)  # a used code is spent
    assert recovered.recovery_code and store.recover_console(code=code, recovery_code=recovered.recovery_code)


def test_a_participant_id_is_no_facilitator_secret(workshop: Workshop) -> None:
    with pytest.raises(NotAllowed):
        workshop.store.delete_note(note_id=workshop.note(workshop.bob, "x"), facilitator_token=workshop.alice)
