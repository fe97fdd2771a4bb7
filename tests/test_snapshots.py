"""Named snapshots: saved by the facilitator, listed, compared; gone with their board."""

from __future__ import annotations

import pytest

from canvas.content import default_canvas
from canvas.errors import BoardNotFound, NotAllowed
from canvas.exports.json_document import render_json
from canvas.exports.registry import load_source
from canvas.exports.schema import parse_document
from canvas.exports.snapshots import SnapshotCreate, compare
from canvas.models import BoardCreate, CreatedBoard, NoteCreate, NoteEdit, Participant, RoundCreate, ScoreCreate
from canvas.store import Store
from tests.test_import import row_counts


def document_now(store: Store, board_id: int) -> str:
    return render_json(load_source(store, board_id=board_id)).decode("utf-8")


def zone(store: Store, board_id: int, key: str) -> int:
    return next(z.id for z in store.load_snapshot(board_id=board_id).zones if z.key == key)


def test_the_facilitator_saves_snapshots_and_they_go_with_the_board(
    store: Store, created: CreatedBoard, alice: Participant
) -> None:
    board_id, token = created.board.id, created.facilitator_token
    with pytest.raises(NotAllowed):
        store.save_snapshot(
            board_id=board_id,
            new=SnapshotCreate(name="x"),
            document=document_now(store, board_id),
            facilitator_token=None,
        )
    first = store.save_snapshot(
        board_id=board_id,
        new=SnapshotCreate(name="  Start  "),
        document=document_now(store, board_id),
        facilitator_token=token,
    )
    assert first.name == "Start"
    second = store.save_snapshot(
        board_id=board_id,
        new=SnapshotCreate(name="Later"),
        document=document_now(store, board_id),
        facilitator_token=token,
    )
    assert [s.id for s in store.list_snapshots(board_id=board_id)] == [first.id, second.id]
    assert parse_document(store.snapshot_document(board_id=board_id, snapshot_id=first.id)).board.title == "Noorderpark"
    other = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Ander"))
    with pytest.raises(BoardNotFound):  # a snapshot is only reachable through its own board
        store.snapshot_document(board_id=other.board.id, snapshot_id=first.id)
    store.delete_board(board_id=board_id, facilitator_token=token)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM snapshots").scalar_one() == 0
    assert row_counts(store)["boards"] == 1


def test_compare_finds_notes_added_removed_moved_edited_and_radar_changes(
    store: Store, created: CreatedBoard, alice: Participant, bob: Participant
) -> None:
    board_id, token = created.board.id, created.facilitator_token
    stays = store.add_note(
        board_id=board_id,
        participant_id=alice.id,
        new=NoteCreate(zone_id=zone(store, board_id, "goals"), text="Blijft"),
    )
    goes = store.add_note(
        board_id=board_id,
        participant_id=bob.id,
        new=NoteCreate(zone_id=zone(store, board_id, "goals"), text="Gaat weg"),
    )
    moves = store.add_note(
        board_id=board_id,
        participant_id=bob.id,
        new=NoteCreate(zone_id=zone(store, board_id, "goals"), text="Verhuist"),
    )
    store.open_round(board_id=board_id, new=RoundCreate(), facilitator_token=token)
    store.save_score(board_id=board_id, participant_id=alice.id, new=ScoreCreate(dimension="goals", level=2))
    before = parse_document(document_now(store, board_id))

    store.delete_note(note_id=goes.id, participant_id=bob.id)
    store.move_note(note_id=moves.id, zone_id=zone(store, board_id, "legal"), position=1.0, facilitator_token=token)
    store.edit_note(note_id=stays.id, participant_id=alice.id, edit=NoteEdit(text="Blijft, anders"))
    store.add_note(
        board_id=board_id,
        participant_id=alice.id,
        new=NoteCreate(zone_id=zone(store, board_id, "values"), text="Nieuw"),
    )
    store.open_round(board_id=board_id, new=RoundCreate(), facilitator_token=token)
    store.save_score(board_id=board_id, participant_id=alice.id, new=ScoreCreate(dimension="goals", level=4))
    after = parse_document(document_now(store, board_id))

    diff = compare(before, after)
    assert [c.after.text for c in diff.added] == ["Nieuw"]
    assert [c.before.text for c in diff.removed] == ["Gaat weg"]
    assert [(c.before.zone, c.after.zone) for c in diff.moved] == [("Gedeelde doelen", "Juridische kaders")]
    assert [(c.before.text, c.after.text) for c in diff.edited] == [("Blijft", "Blijft, anders")]
    goals = next(c for c in diff.radar if c.dimension == "goals")
    assert (goals.before, goals.after, goals.delta) == (2, 4, 2)
    assert compare(after, after).unchanged_board


def test_a_snapshots_radar_change_is_the_difference_of_the_shown_means() -> None:
    from canvas.exports.snapshots import RadarChange

    # Issue #23: "1,8 → 2,6" changed by +0,8 on screen, not by the +0,9 of the unrounded 1.75 and 2.6.
    assert RadarChange("goals", 1.75, 2.6).delta == 0.8
    assert RadarChange("goals", 3.04, 2.96).delta == 0.0


def test_a_note_for_the_room_is_the_facilitators_in_a_comparison_not_an_anonymous_other(
    store: Store, created: CreatedBoard, alice: Participant
) -> None:
    from canvas.models import Language

    board_id, token = created.board.id, created.facilitator_token
    before = parse_document(document_now(store, board_id))
    store.add_room_note(
        board_id=board_id,
        new=NoteCreate(zone_id=zone(store, board_id, "goals"), text="Gezegd"),
        facilitator_token=token,
    )
    store.add_note(
        board_id=board_id,
        participant_id=alice.id,
        new=NoteCreate(zone_id=zone(store, board_id, "goals"), text="Van Alice"),
    )
    diff = compare(before, parse_document(document_now(store, board_id)))
    added = {c.after.text: c.after for c in diff.added}
    room, own = added["Gezegd"], added["Van Alice"]
    assert (room.author_label(Language.NL), room.party_label(Language.NL)) == ("Begeleider", "Namens de zaal")
    assert (room.author_label(Language.EN), room.party_label(Language.EN)) == ("Facilitator", "For the room")
    assert (own.author_label(Language.NL), own.party_label(Language.NL)) == (alice.display_name, "Bewonersinitiatief")
