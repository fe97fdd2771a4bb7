"""The store, run on SQLite and on PostgreSQL (see the ``store`` fixture)."""

from __future__ import annotations

import threading

import pytest

from canvas.content import canvas_template, default_canvas
from canvas.errors import BoardNotFound, CanvasNotFound, NotAllowed, NoteNotFound, ParticipantNotFound, ZoneNotFound
from canvas.models import (
    BoardCreate,
    CreatedBoard,
    CustomCanvasCreate,
    CustomZoneCreate,
    Language,
    NoteCreate,
    NoteEdit,
    Participant,
    ParticipantCreate,
)
from canvas.store import JOIN_CODE_ALPHABET, CommitEvent, Store


def first_zone(store: Store, created: CreatedBoard, key: str = "goals") -> int:
    snapshot = store.load_snapshot(board_id=created.board.id)
    return next(z.id for z in snapshot.zones if z.key == key)


def test_new_board_has_the_collaboration_canvas(store: Store, created: CreatedBoard) -> None:
    snapshot = store.load_snapshot(board_id=created.board.id)
    assert [c.template for c in snapshot.canvases] == ["collaboration"]
    assert [z.key for z in snapshot.zones] == [
        "governance",
        "finance",
        "legal",
        "embedding",
        "opentech",
        "goals",
        "values",
        "language",
    ]
    assert [z.band for z in snapshot.zones].count("foundation") == 3
    assert [z.band for z in snapshot.zones].count("pillar") == 5


def test_join_code_is_short_and_unambiguous(store: Store, created: CreatedBoard) -> None:
    code = created.board.code
    assert len(code) == 6 and set(code) <= set(JOIN_CODE_ALPHABET)
    assert not set("0O1IL5S2Z8B") & set(JOIN_CODE_ALPHABET)
    assert store.find_board(code=f" {code[:3].lower()}-{code[3:]} ").id == created.board.id
    with pytest.raises(BoardNotFound):
        store.find_board(code="AAAAAA" if code != "AAAAAA" else "CCCCCC")


def test_facilitator_token_is_unguessable_and_not_stored(store: Store, created: CreatedBoard) -> None:
    assert len(created.facilitator_token) >= 32
    board_id = created.board.id
    assert store.is_facilitator(board_id=board_id, token=created.facilitator_token)
    token = created.facilitator_token
    almost = token[:-1] + ("y" if token.endswith("x") else "x")
    assert not store.is_facilitator(board_id=board_id, token=almost)
    assert not store.is_facilitator(board_id=board_id, token=None)
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT facilitator_token_hash FROM boards").scalar_one()
    assert created.facilitator_token not in stored


def test_add_note_and_every_write_bumps_the_revision(store: Store, created: CreatedBoard, alice: Participant) -> None:
    board_id = created.board.id
    before = store.get_revision(board_id=board_id)
    note = store.add_note(
        board_id=board_id,
        participant_id=alice.id,
        new=NoteCreate(zone_id=first_zone(store, created), text="Samen beslissen"),
    )
    after_add = store.get_revision(board_id=board_id)
    assert after_add == before + 1
    assert (note.text, note.author_name, note.party) == ("Samen beslissen", "Alice", alice.party)
    store.edit_note(note_id=note.id, participant_id=alice.id, edit=NoteEdit(text="Samen besluiten"))
    assert store.get_revision(board_id=board_id) == after_add + 1
    store.move_note(
        note_id=note.id,
        zone_id=first_zone(store, created, "values"),
        position=0.5,
        facilitator_token=created.facilitator_token,
    )
    assert store.get_revision(board_id=board_id) == after_add + 2
    store.delete_note(note_id=note.id, participant_id=alice.id)
    assert store.get_revision(board_id=board_id) == after_add + 3
    snapshot = store.load_snapshot(board_id=board_id)
    assert snapshot.revision == after_add + 3 and snapshot.notes == ()


def test_notes_get_increasing_positions_in_their_zone(store: Store, created: CreatedBoard, alice: Participant) -> None:
    zone_id = first_zone(store, created)
    first = store.add_note(
        board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=zone_id, text="een")
    )
    second = store.add_note(
        board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=zone_id, text="twee")
    )
    assert second.position > first.position
    snapshot = store.load_snapshot(board_id=created.board.id)
    assert [n.text for n in snapshot.notes_in(zone_id)] == ["een", "twee"]


def test_only_the_author_may_edit(store: Store, created: CreatedBoard, alice: Participant, bob: Participant) -> None:
    note = store.add_note(
        board_id=created.board.id,
        participant_id=alice.id,
        new=NoteCreate(zone_id=first_zone(store, created), text="van Alice"),
    )
    revision = store.get_revision(board_id=created.board.id)
    with pytest.raises(NotAllowed):
        store.edit_note(note_id=note.id, participant_id=bob.id, edit=NoteEdit(text="van Bob"))
    with pytest.raises(NotAllowed):
        store.delete_note(note_id=note.id, participant_id=bob.id)
    # Nothing changed: same text, same revision.
    assert store.get_note(note_id=note.id).text == "van Alice"
    assert store.get_revision(board_id=created.board.id) == revision
    assert [n.id for n in store.notes_of(board_id=created.board.id, participant_id=alice.id)] == [note.id]
    assert store.notes_of(board_id=created.board.id, participant_id=bob.id) == []


def test_facilitator_may_delete_any_note(store: Store, created: CreatedBoard, alice: Participant) -> None:
    note = store.add_note(
        board_id=created.board.id,
        participant_id=alice.id,
        new=NoteCreate(zone_id=first_zone(store, created), text="weg ermee"),
    )
    store.delete_note(note_id=note.id, facilitator_token=created.facilitator_token)
    with pytest.raises(NoteNotFound):
        store.get_note(note_id=note.id)


def test_moving_needs_the_facilitator_secret(store: Store, created: CreatedBoard, alice: Participant) -> None:
    start = first_zone(store, created, "goals")
    target = first_zone(store, created, "legal")
    note = store.add_note(
        board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=start, text="parapluvergunning")
    )
    for token in (None, "", "not-the-secret"):
        with pytest.raises(NotAllowed):
            store.move_note(note_id=note.id, zone_id=target, position=1.0, facilitator_token=token)
    assert store.get_note(note_id=note.id).zone_id == start
    moved = store.move_note(note_id=note.id, zone_id=target, position=0.25, facilitator_token=created.facilitator_token)
    assert (moved.zone_id, moved.position) == (target, 0.25)
    assert store.get_note(note_id=note.id).zone_id == target


def test_notes_cannot_go_to_another_boards_zone(store: Store, created: CreatedBoard, alice: Participant) -> None:
    other = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Ander bord", language=Language.EN))
    foreign_zone = store.load_snapshot(board_id=other.board.id).zones[0].id
    with pytest.raises(ZoneNotFound):
        store.add_note(
            board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=foreign_zone, text="verdwaald")
        )
    note = store.add_note(
        board_id=created.board.id,
        participant_id=alice.id,
        new=NoteCreate(zone_id=first_zone(store, created), text="thuis"),
    )
    with pytest.raises(ZoneNotFound):
        store.move_note(note_id=note.id, zone_id=foreign_zone, position=1, facilitator_token=created.facilitator_token)
    # And a participant of one board cannot write on another.
    with pytest.raises(ParticipantNotFound):
        store.add_note(
            board_id=other.board.id, participant_id=alice.id, new=NoteCreate(zone_id=foreign_zone, text="indringer")
        )
    assert store.load_snapshot(board_id=other.board.id).notes == ()


def test_participant_profile_change_shows_on_their_notes(
    store: Store, created: CreatedBoard, alice: Participant
) -> None:
    note = store.add_note(
        board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=first_zone(store, created), text="x")
    )
    store.update_participant(
        board_id=created.board.id, participant_id=alice.id, change=ParticipantCreate(display_name=None, party="funder")
    )
    again = store.get_note(note_id=note.id)
    assert (again.author_name, again.party.value) == (None, "funder")


def test_deleting_a_board_needs_the_secret_and_removes_everything(
    store: Store, created: CreatedBoard, alice: Participant
) -> None:
    store.add_note(
        board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=first_zone(store, created), text="x")
    )
    with pytest.raises(NotAllowed):
        store.delete_board(board_id=created.board.id, facilitator_token="wrong")
    assert store.get_board(board_id=created.board.id).title == "Noorderpark"
    store.delete_board(board_id=created.board.id, facilitator_token=created.facilitator_token)
    with pytest.raises(BoardNotFound):
        store.load_snapshot(board_id=created.board.id)
    with store.engine.connect() as conn:
        for table in ("notes", "zones", "canvases", "participants"):
            assert conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one() == 0


def test_commit_listeners_hear_committed_writes_only(store: Store, created: CreatedBoard, alice: Participant) -> None:
    heard: list[CommitEvent] = []
    store.add_commit_listener(heard.append)
    zone_id = first_zone(store, created)
    store.add_note(board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=zone_id, text="hallo"))
    with pytest.raises(ZoneNotFound):  # rolled back: no event
        store.add_note(board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=10**9, text="nee"))
    assert heard == [CommitEvent(board_id=created.board.id, revision=store.get_revision(board_id=created.board.id))]


def test_revisions_of_several_boards_in_one_read(store: Store, created: CreatedBoard, alice: Participant) -> None:
    other = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Tweede"))
    store.add_note(
        board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=first_zone(store, created), text="x")
    )
    assert store.revisions(board_ids=[created.board.id, other.board.id, 10**9]) == {
        created.board.id: store.get_revision(board_id=created.board.id),
        other.board.id: store.get_revision(board_id=other.board.id),
    }
    assert store.revisions(board_ids=[]) == {}


def test_a_failing_listener_does_not_undo_the_write(store: Store, created: CreatedBoard, alice: Participant) -> None:
    def broken(_event: CommitEvent) -> None:
        raise RuntimeError("listener bug")

    store.add_commit_listener(broken)
    note = store.add_note(
        board_id=created.board.id,
        participant_id=alice.id,
        new=NoteCreate(zone_id=first_zone(store, created), text="blijft"),
    )
    assert store.get_note(note_id=note.id).text == "blijft"


def test_concurrent_writers_each_get_their_own_revision(
    store: Store, created: CreatedBoard, alice: Participant
) -> None:
    zone_id = first_zone(store, created)
    revisions: list[int] = []
    lock = threading.Lock()

    def listener(event: CommitEvent) -> None:
        with lock:
            revisions.append(event.revision)

    store.add_commit_listener(listener)
    start = store.get_revision(board_id=created.board.id)

    def writer(n: int) -> None:
        for i in range(5):
            store.add_note(
                board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=zone_id, text=f"{n}-{i}")
            )

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(revisions) == list(range(start + 1, start + 21))
    assert len(store.load_snapshot(board_id=created.board.id).notes) == 20


def test_migrations_are_recorded_and_run_once(store: Store) -> None:
    again = Store(store.database_url)  # a second process starting on the same database
    with again.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM schema_migrations ORDER BY name")]
    again.close()
    from canvas.migrations import MIGRATIONS

    assert names == sorted(m.name for m in MIGRATIONS)


def test_facilitator_adds_canvases_and_chooses_the_one_to_show(store: Store, created: CreatedBoard) -> None:
    board_id, token = created.board.id, created.facilitator_token
    first = store.load_snapshot(board_id=board_id)
    assert first.active_canvas.template == "collaboration"
    with pytest.raises(NotAllowed):
        store.add_canvas(board_id=board_id, template=canvas_template("collaboration"), facilitator_token="wrong")
    again = store.add_canvas(board_id=board_id, template=canvas_template("collaboration"), facilitator_token=token)
    snapshot = store.load_snapshot(board_id=board_id)
    assert [c.sort_order for c in snapshot.canvases] == [0, 1]
    assert snapshot.active_canvas.id == again.id  # a new canvas is shown at once
    assert len(snapshot.zones_of(again.id)) == 8
    store.show_canvas(board_id=board_id, canvas_id=first.canvases[0].id, facilitator_token=token)
    assert store.load_snapshot(board_id=board_id).active_canvas.id == first.canvases[0].id
    with pytest.raises(NotAllowed):
        store.show_canvas(board_id=board_id, canvas_id=again.id, facilitator_token=None)
    other = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Ander"))
    with pytest.raises(CanvasNotFound):
        store.show_canvas(
            board_id=board_id,
            canvas_id=store.load_snapshot(board_id=other.board.id).canvases[0].id,
            facilitator_token=token,
        )


def test_custom_canvas_keeps_its_own_titles_and_prompts(
    store: Store, created: CreatedBoard, alice: Participant
) -> None:
    board_id, token = created.board.id, created.facilitator_token
    new = CustomCanvasCreate(
        title=" Parkfeest ",
        zones=[
            CustomZoneCreate(title="Wat gaat goed?", prompt="Noem één ding"),
            CustomZoneCreate(title="Wat kan beter?"),
        ],
    )
    with pytest.raises(NotAllowed):
        store.add_custom_canvas(board_id=board_id, new=new, facilitator_token=None)
    canvas = store.add_custom_canvas(board_id=board_id, new=new, facilitator_token=token)
    snapshot = store.load_snapshot(board_id=board_id)
    zones = snapshot.zones_of(canvas.id)
    assert (canvas.title, canvas.template, canvas.layout) == ("Parkfeest", None, "grid")
    assert [(z.title, z.prompt) for z in zones] == [("Wat gaat goed?", "Noem één ding"), ("Wat kan beter?", None)]
    note = store.add_note(
        board_id=board_id, participant_id=alice.id, new=NoteCreate(zone_id=zones[1].id, text="Meer schaduw")
    )
    assert note.zone_id == zones[1].id


def test_custom_canvas_limits_live_on_the_model() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        CustomCanvasCreate(title="Leeg", zones=[])
    with pytest.raises(ValidationError):
        CustomCanvasCreate(title="Te veel", zones=[CustomZoneCreate(title=f"z{i}") for i in range(10)])
    with pytest.raises(ValidationError):
        CustomZoneCreate(title="  ")
