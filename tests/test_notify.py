"""PostgreSQL: every committed write is announced on one channel, so other app processes hear of it."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url

from canvas.content import default_canvas
from canvas.models import BoardCreate, NoteCreate, ParticipantCreate
from canvas.store import NOTIFY_CHANNEL, Store


@pytest.fixture
def pg_store(postgresql_url: str):
    store = Store(postgresql_url)
    yield store
    store.close()


def listener(store: Store) -> psycopg.Connection:
    url = make_url(store.database_url).set(drivername="postgresql")
    conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
    return conn


def heard(conn: psycopg.Connection, board_id: int, count: int) -> list[str]:
    """The next ``count`` payloads about ``board_id`` (other test schemas share the channel)."""
    payloads: list[str] = []
    for notify in conn.notifies(timeout=10):
        if notify.payload.split(":")[0] == str(board_id):
            payloads.append(notify.payload)
            if len(payloads) == count:
                break
    return payloads


def test_a_committed_write_is_announced_and_a_rolled_back_one_is_not(pg_store: Store) -> None:
    board = pg_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Luisteren")).board
    person = pg_store.join(board_id=board.id, new=ParticipantCreate())
    zone_id = pg_store.load_snapshot(board_id=board.id).zones[0].id
    revision = pg_store.get_revision(board_id=board.id)
    conn = listener(pg_store)
    try:
        with pytest.raises(RuntimeError), pg_store.transaction():
            pg_store.add_note(board_id=board.id, participant_id=person.id, new=NoteCreate(zone_id=zone_id, text="x"))
            raise RuntimeError("rolled back")
        assert pg_store.get_revision(board_id=board.id) == revision
        for text in ("y", "z"):
            pg_store.add_note(board_id=board.id, participant_id=person.id, new=NoteCreate(zone_id=zone_id, text=text))
        # Had the rolled-back write been announced, revision + 1 would come twice.
        assert heard(conn, board.id, 2) == [f"{board.id}:{revision + 1}", f"{board.id}:{revision + 2}"]
    finally:
        conn.close()


def test_a_deleted_board_is_announced_as_minus_one(pg_store: Store) -> None:
    created = pg_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Weg"))
    conn = listener(pg_store)
    try:
        pg_store.delete_board(board_id=created.board.id, facilitator_token=created.facilitator_token)
        assert heard(conn, created.board.id, 1) == [f"{created.board.id}:-1"]
    finally:
        conn.close()
