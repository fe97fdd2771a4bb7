"""Every visitor's own demo copy (canvas/demo.py, the demo section of canvas/store.py), on SQLite and PostgreSQL:
copies are independent, expire and are purged with every row, and a read-only board takes no write."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from canvas.content import canvas_template, default_canvas
from canvas.demo import demo_document, load_demo, make_demo_copy
from canvas.errors import BoardReadOnly, FacilitatorOnly
from canvas.models import BoardCreate, Language, NoteCreate, ParticipantCreate, Party
from canvas.store import (
    BOARD_TABLES,
    Store,
    boards,
    canvases,
    clusters,
    demo_copy_expires_at,
    notes,
    participants,
    purge_expired_demo_copies,
    rounds,
    scores,
    set_read_only,
    snapshots,
    votes,
    zones,
)

HOUR = timedelta(hours=1)


def rows_of(store: Store, board_id: int) -> dict[str, int]:
    """How many rows of each table belong to one board."""
    canvas_ids = select(canvases.c.id).where(canvases.c.board_id == board_id)
    round_ids = select(rounds.c.id).where(rounds.c.board_id == board_id)
    belongs = {
        boards: boards.c.id == board_id,
        canvases: canvases.c.board_id == board_id,
        zones: zones.c.canvas_id.in_(canvas_ids),
        participants: participants.c.board_id == board_id,
        notes: notes.c.board_id == board_id,
        rounds: rounds.c.board_id == board_id,
        scores: scores.c.round_id.in_(round_ids),
        snapshots: snapshots.c.board_id == board_id,
        clusters: clusters.c.board_id == board_id,
        votes: votes.c.board_id == board_id,
    }
    assert set(belongs) == set(BOARD_TABLES), "a table was added: say here which of its rows belong to a board"
    with store.engine.connect() as conn:
        return {
            table.name: conn.execute(select(func.count()).select_from(table).where(where)).scalar_one()
            for table, where in belongs.items()
        }


def first_zone(store: Store, board_id: int) -> int:
    return store.load_snapshot(board_id=board_id).zones[0].id


def test_a_copy_is_the_whole_demo_with_a_new_code_and_its_visitor_as_facilitator(store: Store) -> None:
    demo = load_demo()
    copy = make_demo_copy(store, language=Language.EN, lifetime=HOUR)
    snapshot = store.load_snapshot(board_id=copy.board.id)
    assert copy.board.code != demo.code and copy.board.language is Language.EN
    assert store.is_facilitator(board_id=copy.board.id, token=copy.facilitator_token)
    assert len(snapshot.notes) == len(demo.notes)
    assert {c.template for c in snapshot.canvases} == {note.canvas for note in demo.notes}
    assert snapshot.active_canvas.template == "collaboration"
    assert snapshot.participant_count == len(demo.participants)
    assert snapshot.open_round is not None and snapshot.open_round.title == demo.rounds[-1].title
    assert len(snapshot.scores) == sum(len(levels) for r in demo.rounds for levels in r.levels)


def test_notes_on_one_visitors_copy_never_appear_on_anothers(store: Store) -> None:
    first = make_demo_copy(store, language=Language.NL, lifetime=HOUR)
    second = make_demo_copy(store, language=Language.NL, lifetime=HOUR)
    assert first.board.code != second.board.code
    before = store.load_snapshot(board_id=second.board.id)

    visitor = store.join(board_id=first.board.id, new=ParticipantCreate(display_name="Eva", party=Party.OTHER))
    store.add_note(
        board_id=first.board.id,
        participant_id=visitor.id,
        new=NoteCreate(zone_id=first_zone(store, first.board.id), text="Alleen op mijn eigen kopie"),
    )
    others = store.load_snapshot(board_id=first.board.id).canvases[1].id
    store.show_canvas(board_id=first.board.id, canvas_id=others, facilitator_token=first.facilitator_token)

    after = store.load_snapshot(board_id=second.board.id)
    assert "Alleen op mijn eigen kopie" not in [n.text for n in after.notes]
    assert (after.notes, after.revision, after.board.active_canvas_id) == (
        before.notes,
        before.revision,
        before.board.active_canvas_id,
    )
    assert after.participant_count == before.participant_count
    # One visitor's facilitator secret opens nothing on another's copy.
    with pytest.raises(FacilitatorOnly):
        store.show_canvas(
            board_id=second.board.id, canvas_id=after.canvases[1].id, facilitator_token=first.facilitator_token
        )


def test_purge_removes_expired_copies_and_every_row_that_belongs_to_them(store: Store) -> None:
    now = datetime.now(UTC)
    expired = make_demo_copy(store, language=Language.NL, lifetime=HOUR)
    # Changed and kept after it was made: a demo copy still ends at its set time.
    store.keep_board(board_id=expired.board.id, kept=True, facilitator_token=expired.facilitator_token)
    store.join(board_id=expired.board.id, new=ParticipantCreate(display_name="Eva", party=Party.OTHER))
    fresh = make_demo_copy(store, language=Language.NL, lifetime=3 * HOUR)
    real = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Echt bord"))
    counts = {board: rows_of(store, board.board.id) for board in (expired, fresh, real)}
    assert all(counts[expired][name] > 0 for name in ("boards", "zones", "notes", "participants", "scores"))
    assert demo_copy_expires_at(store, board_id=real.board.id) is None
    assert demo_copy_expires_at(store, board_id=expired.board.id) > now

    assert purge_expired_demo_copies(store, now=now + 2 * HOUR) == 1
    assert set(rows_of(store, expired.board.id).values()) == {0}
    assert rows_of(store, fresh.board.id) == counts[fresh]
    assert rows_of(store, real.board.id) == counts[real]
    assert purge_expired_demo_copies(store, now=now + 2 * HOUR) == 0

    # The host's daily purge deletes them as well, and leaves a board that is merely young.
    assert store.purge_expired(now=now + 4 * HOUR) == 1
    assert set(rows_of(store, fresh.board.id).values()) == {0}
    assert rows_of(store, real.board.id) == counts[real]


def test_making_a_copy_first_clears_the_expired_ones(store: Store) -> None:
    old = make_demo_copy(store, language=Language.NL, lifetime=timedelta(microseconds=1))
    make_demo_copy(store, language=Language.NL, lifetime=HOUR)
    assert set(rows_of(store, old.board.id).values()) == {0}


def test_a_read_only_board_refuses_every_write_and_changes_nothing(store: Store) -> None:
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Voorbeeld"))
    person = store.join(board_id=created.board.id, new=ParticipantCreate(party=Party.CIVIC))
    set_read_only(store, board_id=created.board.id, read_only=True)
    before = store.load_snapshot(board_id=created.board.id)
    zone_id = first_zone(store, created.board.id)
    with pytest.raises(BoardReadOnly):
        store.add_note(board_id=created.board.id, participant_id=person.id, new=NoteCreate(zone_id=zone_id, text="x"))
    with pytest.raises(BoardReadOnly):
        store.join(board_id=created.board.id, new=ParticipantCreate(party=Party.OTHER))
    with pytest.raises(BoardReadOnly):
        store.add_canvas(
            board_id=created.board.id,
            template=canvas_template("values_compass"),
            facilitator_token=created.facilitator_token,
        )
    assert store.load_snapshot(board_id=created.board.id) == before
    set_read_only(store, board_id=created.board.id, read_only=False)
    store.add_note(board_id=created.board.id, participant_id=person.id, new=NoteCreate(zone_id=zone_id, text="x"))


def test_the_demo_document_is_built_once_per_process() -> None:
    assert demo_document() is demo_document()


FIRST_RELEASE = Path(__file__).parent / "fixtures" / "first_release.sqlite3"


def test_the_old_shared_demo_board_becomes_read_only_on_upgrade(tmp_path: Path) -> None:
    copy = tmp_path / "canvas.sqlite3"
    shutil.copyfile(FIRST_RELEASE, copy)
    store = Store(f"sqlite:///{copy}")  # migrate the first release's database to now
    with store.engine.begin() as conn:  # a board as the old start page's button made it, before 0102 ran
        conn.execute(text("DELETE FROM schema_migrations WHERE name = '0102_demo_copies'"))
        conn.execute(text("ALTER TABLE boards DROP COLUMN expires_at"))
        conn.execute(text("ALTER TABLE boards DROP COLUMN read_only"))
        conn.execute(
            text(
                "INSERT INTO boards (code, title, language, facilitator_token_hash, revision, created_at) "
                "VALUES ('NRDPRK', 'Noorderpark (voorbeeld)', 'nl', 'lost', 0, CURRENT_TIMESTAMP)"
            )
        )
    store.close()
    upgraded = Store(f"sqlite:///{copy}")
    try:
        shared = upgraded.find_board(code="NRDPRK")
        with pytest.raises(BoardReadOnly):
            upgraded.join(board_id=shared.id, new=ParticipantCreate(party=Party.OTHER))
        other = upgraded.get_board(board_id=1)
        upgraded.join(board_id=other.id, new=ParticipantCreate(party=Party.OTHER))  # other boards still take writes
    finally:
        upgraded.close()
