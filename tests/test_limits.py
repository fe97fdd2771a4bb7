"""Limits (canvas/settings.py) enforced by the store with their own messages, and the purge of expired boards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from canvas.content import canvas_template, default_canvas
from canvas.errors import FacilitatorOnly, NotesTooFast, TooManyCanvases, TooManyNotes, TooManyParticipants
from canvas.exports.snapshots import SnapshotCreate
from canvas.i18n import t
from canvas.models import (
    BoardCreate,
    ClusterCreate,
    CustomCanvasCreate,
    CustomZoneCreate,
    Language,
    NoteCreate,
    ParticipantCreate,
    Phase,
    RoundCreate,
    ScoreCreate,
)
from canvas.settings import Settings
from canvas.store import BOARD_TABLES, Store

SMALL = Settings(notes_per_participant_per_minute=3, notes_per_board=5, participants_per_board=3, canvases_per_board=2)


@pytest.fixture(params=["sqlite", "postgresql"])
def small_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    store = Store(request.getfixturevalue(f"{request.param}_url"), settings=SMALL)
    yield store
    store.close()


def test_the_defaults_are_beyond_any_real_workshop() -> None:
    defaults = Settings()
    assert (
        defaults.notes_per_participant_per_minute,
        defaults.notes_per_board,
        defaults.participants_per_board,
        defaults.canvases_per_board,
        defaults.board_expiry_days,
    ) == (30, 2000, 500, 40, 90)


def test_limits_come_from_the_environment() -> None:
    settings = Settings.from_env({"CANVAS_MAX_NOTES": "10", "CANVAS_BOARD_EXPIRY_DAYS": "7"})
    assert (settings.notes_per_board, settings.board_expiry_days) == (10, 7)


def test_limits_are_refused_with_their_message_and_nothing_changes(small_store: Store) -> None:
    store = small_store
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Klein"))
    board_id, token = created.board.id, created.facilitator_token
    people = [store.join(board_id=board_id, new=ParticipantCreate()) for _ in range(3)]
    with pytest.raises(TooManyParticipants) as full:
        store.join(board_id=board_id, new=ParticipantCreate(display_name="vierde"))
    assert t(full.value.message_key, Language.NL, **full.value.values) == (
        "Dit bord is vol: er kunnen hoogstens 3 mensen meedoen."
    )

    zone_id = store.load_snapshot(board_id=board_id).zones[0].id
    for i in range(3):
        store.add_note(board_id=board_id, participant_id=people[0].id, new=NoteCreate(zone_id=zone_id, text=f"{i}"))
    revision = store.get_revision(board_id=board_id)
    with pytest.raises(NotesTooFast) as fast:
        store.add_note(board_id=board_id, participant_id=people[0].id, new=NoteCreate(zone_id=zone_id, text="te snel"))
    assert "3" in t(fast.value.message_key, Language.EN, **fast.value.values)
    for i in range(2):  # another phone is not slowed down by the first
        store.add_note(board_id=board_id, participant_id=people[1].id, new=NoteCreate(zone_id=zone_id, text=f"b{i}"))
    with pytest.raises(TooManyNotes):
        store.add_note(board_id=board_id, participant_id=people[2].id, new=NoteCreate(zone_id=zone_id, text="vol"))

    new = CustomCanvasCreate(title="Eigen", zones=[CustomZoneCreate(title="Vak")])
    store.add_custom_canvas(board_id=board_id, new=new, facilitator_token=token)
    with pytest.raises(TooManyCanvases):
        store.add_custom_canvas(board_id=board_id, new=new, facilitator_token=token)
    with pytest.raises(TooManyCanvases):
        store.add_canvas(board_id=board_id, template=canvas_template("collaboration"), facilitator_token=token)

    snapshot = store.load_snapshot(board_id=board_id)
    assert (len(snapshot.notes), snapshot.participant_count, len(snapshot.canvases)) == (5, 3, 2)
    assert snapshot.revision == revision + 2 + 1  # two notes and one canvas: refusals wrote nothing


def row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            table.name: conn.exec_driver_sql(f"SELECT count(*) FROM {table.name}").scalar_one()
            for table in BOARD_TABLES
        }


def fill(store: Store, title: str) -> tuple[int, str]:
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title=title))
    board_id, token = created.board.id, created.facilitator_token
    person = store.join(board_id=board_id, new=ParticipantCreate(display_name=title))
    zone_id = store.load_snapshot(board_id=board_id).zones[0].id
    note = store.add_note(board_id=board_id, participant_id=person.id, new=NoteCreate(zone_id=zone_id, text=title))
    canvas_id = store.load_snapshot(board_id=board_id).canvases[0].id
    cluster = store.create_cluster(
        board_id=board_id,
        canvas_id=canvas_id,
        new=ClusterCreate(title=title, note_ids=[note.id]),
        facilitator_token=token,
    )
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
    store.cast_vote(board_id=board_id, participant_id=person.id, cluster_id=cluster.id)
    store.open_round(board_id=board_id, new=RoundCreate(), facilitator_token=token)
    store.save_score(board_id=board_id, participant_id=person.id, new=ScoreCreate(dimension="goals", level=2))
    store.save_snapshot(
        board_id=board_id, new=SnapshotCreate(name="Na de sessie"), document="{}", facilitator_token=token
    )
    return board_id, token


def test_expired_boards_are_purged_with_every_row_unless_kept(store: Store) -> None:
    expiring, _ = fill(store, "Oud")
    kept, token = fill(store, "Bewaard")
    empty = row_counts(store)
    with pytest.raises(FacilitatorOnly):
        store.keep_board(board_id=kept, kept=True, facilitator_token="wrong")
    store.keep_board(board_id=kept, kept=True, facilitator_token=token)
    assert store.get_board(board_id=kept).kept

    now = datetime.now(UTC)
    assert store.purge_expired(now=now + timedelta(days=89)) == 0  # not yet: changed today
    assert row_counts(store) == empty
    heard = []
    store.add_commit_listener(lambda event: heard.append(event))
    assert store.purge_expired(now=now + timedelta(days=91)) == 1
    after = row_counts(store)
    # Exactly one board's rows are gone, in every table: the board, its canvas and 8 zones, one of each else.
    assert {name: empty[name] - after[name] for name in empty} == {
        "boards": 1,
        "canvases": 1,
        "zones": 8,
        "participants": 1,
        "notes": 1,
        "rounds": 1,
        "scores": 1,
        "snapshots": 1,
        "clusters": 1,
        "votes": 1,
    }
    assert store.revisions(board_ids=[expiring, kept]) == {kept: store.get_revision(board_id=kept)}
    assert [(e.board_id, e.revision) for e in heard] == [(expiring, -1)]
