"""The only module that speaks SQL. Keyword-only functions that take and return models.

Every write runs in one short transaction that also bumps the board's revision, so a screen can tell
that something changed by reading one number. After a write commits, the store calls its commit
listeners (``add_commit_listener``): live updates hang off that single place.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    create_engine,
    event,
    false,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine, RowMapping, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from canvas.content import CanvasTemplate  # the shape of a canvas to lay out; the store loads no content
from canvas.errors import (
    AlreadyVoted,
    BoardLocked,
    BoardNotFound,
    BoardReadOnly,
    CanvasNotFound,
    ClusterNotFound,
    FacilitatorOnly,
    JoinCodeTaken,
    NoDotsLeft,
    NoteNotFound,
    NotesTooFast,
    NotVotingNow,
    NotYourNote,
    ParticipantNotFound,
    RecoveryRefused,
    RoundClosed,
    TooManyCanvases,
    TooManyNotes,
    TooManyParticipants,
    ZoneNotFound,
)
from canvas.exports.schema import BoardDocument
from canvas.exports.snapshots import SnapshotCreate, SnapshotInfo
from canvas.migrations import apply_migrations
from canvas.models import (
    JOIN_CODE_LENGTH,
    TIMER_SECONDS_MAX,
    Board,
    BoardCreate,
    BoardSnapshot,
    Canvas,
    Cluster,
    ClusterCreate,
    CreatedBoard,
    CustomCanvasCreate,
    FacilitationChange,
    Note,
    NoteCreate,
    NoteEdit,
    Participant,
    ParticipantCreate,
    Party,
    Phase,
    Round,
    RoundCreate,
    Score,
    ScoreCreate,
    Timer,
    Vote,
    Zone,
)
from canvas.ratelimit import RateLimiter
from canvas.settings import Settings

log = logging.getLogger(__name__)

# The advisory lock a purge takes on PostgreSQL (the migrations' is 736251): one process purges at a time.
PURGE_LOCK_KEY = 736252

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G: a code read off a projector cannot be mistyped into another one.
JOIN_CODE_ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"

# The one description of the schema. Migrations (canvas/migrations.py) build it step by step; a test
# (tests/test_schema.py) checks that a freshly migrated database matches these tables on both databases.
metadata = MetaData()
boards = Table(
    "boards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("language", String(8), nullable=False),
    Column("facilitator_token_hash", String(64), nullable=False),
    Column("revision", Integer, nullable=False, server_default=text("0")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("active_canvas_id", Integer),
    Column("scores_public", Boolean, nullable=False, server_default=false()),
    # Last write (the revision bump); NULL only for boards not written since migration 0004.
    Column("changed_at", DateTime(timezone=True)),
    # The facilitator keeps the board: the purge of expired boards leaves it alone.
    Column("kept", Boolean, nullable=False, server_default=false()),
    Column("locked", Boolean, nullable=False, server_default=false()),
    Column("anonymous", Boolean, nullable=False, server_default=false()),
    Column("vote_dots", Integer, nullable=False, server_default=text("3")),
    Column("votes_stack", Boolean, nullable=False, server_default=false()),
    Column("recovery_code_hash", String(64)),
    # What the viewer key derives from: the first facilitator secret's hash, kept when a recovery replaces it.
    Column("viewer_basis", String(64)),
    Column("expires_at", DateTime(timezone=True)),  # a visitor's demo copy: purged then, kept or not (0102)
    Column("read_only", Boolean, nullable=False, server_default=false()),  # every write refused (0102)
)
canvases = Table(
    "canvases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
    Column("template", String(64)),
    Column("title", String(200)),
    Column("layout", String(16), nullable=False),
    Column("sort_order", Integer, nullable=False),
    Column("phase", String(16), nullable=False, server_default=text("'open'")),
    # The step's timer: total set; running when ends_at is set, else paused with seconds_left.
    Column("timer_total_seconds", Integer),
    Column("timer_ends_at", DateTime(timezone=True)),
    Column("timer_seconds_left", Integer),
    Index("canvases_board", "board_id"),
)
zones = Table(
    "zones",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("canvas_id", ForeignKey("canvases.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(64), nullable=False),
    Column("band", String(16)),
    Column("title", String(200)),
    Column("prompt", String(500)),
    Column("sort_order", Integer, nullable=False),
    # "+ N meer" opened on the console: every screen shows the zone's notes (see set_zone_opened).
    Column("opened", Boolean, nullable=False, server_default=false()),
    Index("zones_canvas", "canvas_id"),
)
participants = Table(
    "participants",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("board_id", ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
    Column("display_name", String(100)),
    Column("party", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("is_facilitator", Boolean, nullable=False, server_default=false()),
    Index("participants_board", "board_id"),
)
notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
    Column("zone_id", ForeignKey("zones.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("text", String(1000), nullable=False),
    Column("position", Float, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("notes_board", "board_id"),
    Index("notes_participant", "participant_id"),
    # The end of a zone (max position) in one index step; ties in position are ordered by id.
    Index("notes_zone_position", "zone_id", "position"),
    Column("cluster_id", ForeignKey("clusters.id", ondelete="SET NULL")),
)
rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("title", String(100)),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Index("rounds_board", "board_id"),
)
# At most one open round per board, kept by the database itself.
Index(
    "rounds_one_open_per_board",
    rounds.c.board_id,
    unique=True,
    sqlite_where=rounds.c.closed_at.is_(None),
    postgresql_where=rounds.c.closed_at.is_(None),
)
scores = Table(
    "scores",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("dimension", String(32), nullable=False),
    Column("level", Integer),
    Column("comment", String(500)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("round_id", "participant_id", "dimension"),
    Index("scores_round", "round_id"),
)
# Every table that holds a board's rows, children first: the order a board is deleted in.
snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("document", Text, nullable=False),
    Index("snapshots_board", "board_id"),
)
clusters = Table(
    "clusters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
    Column("canvas_id", ForeignKey("canvases.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("clusters_canvas", "canvas_id"),
)
votes = Table(
    "votes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id", ondelete="CASCADE"), nullable=False),
    Column("canvas_id", ForeignKey("canvases.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE")),
    Column("cluster_id", ForeignKey("clusters.id", ondelete="CASCADE")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("votes_canvas", "canvas_id"),
    Index("votes_participant", "participant_id"),
)
BOARD_TABLES = (snapshots, votes, scores, rounds, notes, clusters, zones, canvases, participants, boards)


@dataclass(frozen=True)
class CommitEvent:
    """What a committed write tells listeners: which board and its new revision (-1: board deleted)."""

    board_id: int
    revision: int


CommitListener = Callable[[CommitEvent], None]


def _now() -> datetime:
    return datetime.now(UTC)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def viewer_key_for(facilitator_token: str) -> str:
    """The key of the read-only viewer link, derived from the facilitator secret: the facilitator can always
    show it, the store can check it from the stored hash, and it reveals nothing about the secret."""
    return _viewer_key_from_hash(_hash_token(facilitator_token))


def _viewer_key_from_hash(token_hash: str) -> str:
    return hmac.new(token_hash.encode(), b"viewer", hashlib.sha256).hexdigest()[:24]


class Role(StrEnum):
    """Who is looking at a board, by what their page holds."""

    FACILITATOR = "facilitator"  # the facilitator token
    VIEWER = "viewer"  # the viewer key: a second, read-only screen
    PARTICIPANT = "participant"  # a participant id of this board


@dataclass(frozen=True)
class Access:
    board: Board
    role: Role
    # The board's read-only key, for a facilitator or viewer (a participant gets None): read from the stored
    # basis, so a recovered console shows the key the presentation has had all along, not one from its new secret.
    viewer_key: str | None = None


def _as_utc(value: datetime) -> datetime:
    # SQLite returns naive datetimes; everything stored is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# Four groups of four from the join-code alphabet (about 72 bits): written on paper, typed back loosely.
RECOVERY_CODE_GROUPS = 4


def draw_recovery_code() -> str:
    return "-".join("".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(4)) for _ in range(RECOVERY_CODE_GROUPS))


def _hash_recovery_code(code: str) -> str:
    # Random and long enough that a plain hash is safe; normalised so case, spaces and dashes do not matter.
    return _hash_token("recovery:" + normalise_join_code(code))


def _draw_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """What a person typed, as a code: capitals, no spaces or dashes."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


# PostgreSQL: the pool (pool_size + max_overflow) is larger than the number of writes one process runs at
# once (_POSTGRES_WRITERS), so a burst of writers waits on a semaphore, holding no connection, and reads
# (every screen's revision check) always find a free connection. Writes to one board queue on its row
# lock in the database anyway, so more concurrent writers would only hold more idle connections.
_POSTGRES_POOL_SIZE = 20
_POSTGRES_MAX_OVERFLOW = 10
_POSTGRES_WRITERS = 10
# SQLite durability in WAL mode; bench/store_writes.py measures both (docs/benchmarks.md, section 5).
# NORMAL: a commit survives a crash of the app (kill -9; tests/test_crash.py) but the last commits before a power
# loss or OS crash may be rolled back, never corrupted. FULL also fsyncs the log on every commit.
SQLITE_SYNCHRONOUS = "NORMAL"
# The channel other processes LISTEN on to hear of writes: payload "<board_id>:<revision>" (-1: deleted).
NOTIFY_CHANNEL = "canvas_board_changes"


@dataclass
class _Transaction:
    """The write transaction a thread is in, and the boards it changed (board id -> new revision)."""

    conn: Connection
    changes: dict[int, int] = field(default_factory=dict)


class Store:
    """A board store over one SQLAlchemy engine (SQLite file or PostgreSQL)."""

    def __init__(self, database_url: str, *, settings: Settings | None = None) -> None:
        self.database_url = database_url
        self.settings = settings or Settings.from_env()
        self.engine = _make_engine(database_url)
        url = make_url(database_url)
        self._sqlite = url.get_backend_name() == "sqlite"
        database = url.database
        file_backed = self._sqlite and database not in (None, "", ":memory:")
        self._sqlite_path = Path(database).resolve() if file_backed and database else None
        # SQLite has one writer at a time anyway: queue this process's writers on a lock, where waiting
        # costs no pooled connection and no busy-timeout polling (other processes still wait in BEGIN
        # IMMEDIATE). PostgreSQL: see _POSTGRES_WRITERS.
        self._write_gate = threading.Lock() if self._sqlite else threading.BoundedSemaphore(_POSTGRES_WRITERS)
        self._local = threading.local()
        # Per process, like every Streamlit session's state: with several app processes a participant
        # could add this many notes per minute in each. Enough to stop a runaway phone or script.
        self._note_rate = RateLimiter(limit=self.settings.notes_per_participant_per_minute, per_seconds=60)
        self._listeners: list[CommitListener] = []
        self._listeners_lock = threading.Lock()
        with self.engine.begin() as conn:
            applied = apply_migrations(conn)
        if applied:
            log.info("applied migrations %s", applied)

    def close(self) -> None:
        self.engine.dispose()

    # --- post-commit hook ---------------------------------------------------------------------

    def add_commit_listener(self, listener: CommitListener) -> None:
        """Call ``listener`` after every committed write (from the writing thread; keep it quick)."""
        with self._listeners_lock:
            self._listeners.append(listener)

    def remove_commit_listener(self, listener: CommitListener) -> None:
        with self._listeners_lock:
            self._listeners.remove(listener)

    def _after_commit(self, board_id: int, revision: int) -> None:
        event_ = CommitEvent(board_id=board_id, revision=revision)
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event_)
            except Exception:  # a broken listener must not undo or fail a committed write
                log.exception("commit listener %r failed", listener)

    # --- the one way to write -----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run every store call inside as one immediate write transaction: all of it, or none of it.

        Reads inside see the transaction's own writes. Listeners hear of the changed boards after the
        commit. Nested use joins the outer transaction.
        """
        with self._transaction():
            yield

    @contextmanager
    def _transaction(self) -> Iterator[_Transaction]:
        active: _Transaction | None = getattr(self._local, "transaction", None)
        if active is not None:
            yield active
            return
        with self._write_gate, self.engine.connect() as conn:
            conn = conn.execution_options(canvas_write=True)  # BEGIN IMMEDIATE on SQLite (see _make_engine)
            transaction = _Transaction(conn)
            self._local.transaction = transaction
            try:
                with conn.begin():
                    yield transaction
                    if not self._sqlite:
                        # Deleted boards (revision -1); a write announces itself in its revision bump (_write).
                        # PostgreSQL delivers a notification at commit, and never for a rolled-back transaction.
                        for board_id, revision in transaction.changes.items():
                            if revision == -1:
                                conn.execute(
                                    text("SELECT pg_notify(:channel, :payload)"),
                                    {"channel": NOTIFY_CHANNEL, "payload": f"{board_id}:-1"},
                                )
            finally:
                self._local.transaction = None
        for board_id, revision in transaction.changes.items():
            self._after_commit(board_id, revision)

    @contextmanager
    def _write(self, board_id: int) -> Iterator[Connection]:
        """A write to one board: bump its revision FIRST, then yield the connection to write with.

        The bump comes first on purpose: on PostgreSQL the UPDATE takes the board's row lock, so writes to
        one board run one after the other and every check-then-write inside (next position, next round
        number, limits) sees the writes committed before it.

        Raises:
            BoardNotFound: no such board (nothing is written).
        """
        with self._transaction() as transaction:
            conn = transaction.conn
            bump = (
                boards.update()
                .where(boards.c.id == board_id)
                .values(revision=boards.c.revision + 1, changed_at=_now())
                .returning(boards.c.revision)
            )
            if not self._sqlite:  # the notification rides on the bump: no extra round trip under the row lock
                bump = bump.returning(func.pg_notify(NOTIFY_CHANNEL, func.concat(boards.c.id, ":", boards.c.revision)))
            bumped = conn.execute(bump.returning(boards.c.read_only)).first()
            if bumped is None:
                raise BoardNotFound(board_id)
            revision = bumped.revision
            if bumped.read_only:  # the shared example board (0102): raising rolls the bump back
                raise BoardReadOnly(board_id)
            transaction.changes[board_id] = revision
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """The connection of this thread's write transaction, or a fresh one for a read."""
        active: _Transaction | None = getattr(self._local, "transaction", None)
        if active is not None:
            yield active.conn
            return
        with self.engine.connect() as conn:
            yield conn

    # --- boards -------------------------------------------------------------------------------

    def create_board(self, *, new: BoardCreate, first_canvas: CanvasTemplate, code: str | None = None) -> CreatedBoard:
        """Create a board with its first canvas, in one transaction.

        Args:
            first_canvas: the canvas it opens on (``content.default_canvas()`` for a new board).
            code: a fixed join code (the demo board); normally a fresh random one is drawn.

        Returns:
            The board and its facilitator token (kept only as a hash: show it once).

        Raises:
            JoinCodeTaken: the fixed ``code`` belongs to another board.
        """
        token = secrets.token_urlsafe(24)
        recovery = draw_recovery_code()
        with self._transaction() as transaction:
            board_id = self._insert_board(transaction.conn, new=new, token_hash=_hash_token(token), code=code)
            transaction.conn.execute(
                boards.update().where(boards.c.id == board_id).values(recovery_code_hash=_hash_recovery_code(recovery))
            )
            self._add_template_canvas(board_id, first_canvas)
            board = self.get_board(board_id=board_id)
        return CreatedBoard(board=board, facilitator_token=token, recovery_code=recovery)

    @staticmethod
    def _insert_board(conn: Connection, *, new: BoardCreate, token_hash: str, code: str | None) -> int:
        # The unique key on boards.code decides, not a read first: two creations can never both win a code.
        for _attempt in range(20):
            candidate = code or _draw_join_code()
            try:
                with conn.begin_nested():  # a savepoint: a collision undoes this insert only
                    return conn.execute(
                        boards.insert()
                        .values(
                            code=candidate,
                            title=new.title,
                            language=new.language.value,
                            facilitator_token_hash=token_hash,
                            viewer_basis=token_hash,
                            revision=0,
                            created_at=_now(),
                            changed_at=_now(),
                        )
                        .returning(boards.c.id)
                    ).scalar_one()
            except IntegrityError:
                if code:
                    raise JoinCodeTaken(code) from None
        raise RuntimeError("could not find a free join code")  # pragma: no cover - 20 collisions in 23**6

    def get_board(self, *, board_id: int) -> Board:
        with self._read() as conn:
            row = conn.execute(select(boards).where(boards.c.id == board_id)).mappings().first()
        if row is None:
            raise BoardNotFound(board_id)
        return _board(row)

    def find_board(self, *, code: str) -> Board:
        """The board with this join code (typed loosely: case and spaces do not matter).

        Raises:
            BoardNotFound: no board has this code.
        """
        with self._read() as conn:
            row = conn.execute(select(boards).where(boards.c.code == normalise_join_code(code))).mappings().first()
        if row is None:
            raise BoardNotFound(code)
        return _board(row)

    def get_revision(self, *, board_id: int) -> int:
        """The board's revision: one indexed read, cheap enough for every screen every second."""
        with self._read() as conn:
            revision = conn.execute(select(boards.c.revision).where(boards.c.id == board_id)).scalar_one_or_none()
        if revision is None:
            raise BoardNotFound(board_id)
        return revision

    def revisions(self, *, board_ids: list[int]) -> dict[int, int]:
        """The revisions of several boards in one query (boards that no longer exist are left out)."""
        if not board_ids:
            return {}
        with self._read() as conn:
            rows = conn.execute(select(boards.c.id, boards.c.revision).where(boards.c.id.in_(board_ids)))
            return {board_id: revision for board_id, revision in rows}

    def change_marker(self) -> tuple | None:
        """Something cheap that changes whenever any process writes, or None when there is no such thing.

        For a SQLite file: size and modification time of the database and its write-ahead log (a commit
        appends to the log). PostgreSQL offers nothing as cheap, so callers query the revisions instead.
        """
        if self._sqlite_path is None:
            return None
        marker: list[tuple[int, int] | None] = []
        for path in (self._sqlite_path, self._sqlite_path.with_name(self._sqlite_path.name + "-wal")):
            try:
                stat = path.stat()
            except FileNotFoundError:
                marker.append(None)
            else:
                marker.append((stat.st_size, stat.st_mtime_ns))
        return tuple(marker)

    @property
    def has_notifications(self) -> bool:
        """Whether other processes' writes can be heard (PostgreSQL LISTEN/NOTIFY)."""
        return make_url(self.database_url).get_backend_name() == "postgresql"

    async def board_notifications(self, *, on_listening: Callable[[], Awaitable[None]]) -> AsyncIterator[int]:
        """PostgreSQL only: the ids of boards that any process wrote to, as their writes commit.

        Every write sends ``pg_notify(NOTIFY_CHANNEL, '<board_id>:<revision>')`` in its transaction.
        ``on_listening`` is awaited once LISTEN is in place (the caller catches up on what came before).
        """
        import psycopg  # loaded only where PostgreSQL is used

        url = make_url(self.database_url).set(drivername="postgresql")
        async with await psycopg.AsyncConnection.connect(
            url.render_as_string(hide_password=False), autocommit=True
        ) as conn:
            await conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            await on_listening()
            async for notification in conn.notifies():
                board_id, _, _revision = notification.payload.partition(":")
                if board_id.isdigit():
                    yield int(board_id)

    def is_facilitator(self, *, board_id: int, token: str | None) -> bool:
        """True when ``token`` is this board's facilitator secret."""
        if not token:
            return False
        with self._read() as conn:
            stored = conn.execute(
                select(boards.c.facilitator_token_hash).where(boards.c.id == board_id)
            ).scalar_one_or_none()
        return stored is not None and hmac.compare_digest(stored, _hash_token(token))

    def access(
        self,
        *,
        code: str,
        facilitator_token: str | None = None,
        viewer_key: str | None = None,
        participant_id: str | None = None,
    ) -> Access | None:
        """Who the holder of these credentials is on the board with this code; None when the board does not
        exist *or* the credentials open nothing: callers must answer both alike, so codes cannot be probed."""
        with self.engine.connect() as conn:
            row = conn.execute(select(boards).where(boards.c.code == normalise_join_code(code))).mappings().first()
            if row is None:
                return None
            stored = row["facilitator_token_hash"]
            board_viewer_key = _viewer_key_from_hash(row["viewer_basis"] or stored)
            if facilitator_token and hmac.compare_digest(stored, _hash_token(facilitator_token)):
                return Access(_board(row), Role.FACILITATOR, board_viewer_key)
            if viewer_key and hmac.compare_digest(board_viewer_key.encode(), viewer_key.encode()):
                return Access(_board(row), Role.VIEWER, board_viewer_key)
            if participant_id:
                found = conn.execute(
                    select(participants.c.id).where(
                        participants.c.id == participant_id, participants.c.board_id == row["id"]
                    )
                ).first()
                if found is not None:
                    return Access(_board(row), Role.PARTICIPANT)
        return None

    def viewer_key(self, *, board_id: int) -> str:
        """The board's viewer key, read on the server: for a board the host makes public (the demo board),
        never to hand to someone who could not show the board already."""
        with self.engine.connect() as conn:
            stored = conn.execute(
                select(func.coalesce(boards.c.viewer_basis, boards.c.facilitator_token_hash)).where(
                    boards.c.id == board_id
                )
            ).scalar_one_or_none()
        if stored is None:
            raise BoardNotFound(board_id)
        return _viewer_key_from_hash(stored)

    def _require_facilitator(self, board_id: int, token: str | None) -> None:
        if not self.is_facilitator(board_id=board_id, token=token):
            raise FacilitatorOnly("facilitator secret missing or wrong")

    def delete_board(self, *, board_id: int, facilitator_token: str | None) -> None:
        """Delete a board and everything on it. Needs the facilitator secret."""
        with self._transaction() as transaction:
            self._require_facilitator(board_id, facilitator_token)
            self._delete_boards(transaction, [board_id])

    @staticmethod
    def _delete_boards(transaction: _Transaction, board_ids: list[int]) -> None:
        # Explicit order: SQLite enforces ON DELETE CASCADE only with foreign_keys on, and
        # spelling it out keeps the two databases identical.
        conn = transaction.conn
        canvas_ids = select(canvases.c.id).where(canvases.c.board_id.in_(board_ids))
        round_ids = select(rounds.c.id).where(rounds.c.board_id.in_(board_ids))
        conn.execute(snapshots.delete().where(snapshots.c.board_id.in_(board_ids)))
        conn.execute(scores.delete().where(scores.c.round_id.in_(round_ids)))
        conn.execute(rounds.delete().where(rounds.c.board_id.in_(board_ids)))
        conn.execute(votes.delete().where(votes.c.board_id.in_(board_ids)))
        conn.execute(notes.delete().where(notes.c.board_id.in_(board_ids)))
        conn.execute(clusters.delete().where(clusters.c.board_id.in_(board_ids)))
        conn.execute(zones.delete().where(zones.c.canvas_id.in_(canvas_ids)))
        conn.execute(canvases.delete().where(canvases.c.board_id.in_(board_ids)))
        conn.execute(participants.delete().where(participants.c.board_id.in_(board_ids)))
        conn.execute(boards.delete().where(boards.c.id.in_(board_ids)))
        for board_id in board_ids:
            transaction.changes[board_id] = -1

    def keep_board(self, *, board_id: int, kept: bool, facilitator_token: str | None) -> None:
        """Keep the board past its expiry (or let it expire again). Needs the facilitator secret."""
        with self._write(board_id) as conn:
            self._require_facilitator(board_id, facilitator_token)
            conn.execute(boards.update().where(boards.c.id == board_id).values(kept=kept))

    @contextmanager
    def purge_turn(self) -> Iterator[bool]:
        """Yields whether this process may purge now: on PostgreSQL, whether it got the purge's advisory lock
        (held on a connection of its own until the block ends, even if the purge fails; another number than the
        migrations' lock, so a purge never holds up a process that is starting); on SQLite always."""
        if self.engine.dialect.name != "postgresql":
            yield True
            return
        with self.engine.begin() as conn:
            yield bool(conn.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": PURGE_LOCK_KEY}).scalar())

    def purge_expired(self, *, now: datetime | None = None) -> int:
        """Delete every board not changed for ``settings.board_expiry_days`` and not kept, and every demo copy
        past its ``expires_at``, with all their rows.

        Returns:
            How many boards were deleted.
        """
        cutoff = (now or _now()) - timedelta(days=self.settings.board_expiry_days)
        last_change = func.coalesce(boards.c.changed_at, boards.c.created_at)
        with self._transaction() as transaction:
            expired = list(
                transaction.conn.execute(
                    select(boards.c.id)
                    .where(or_(and_(boards.c.kept.is_(False), last_change < cutoff), _demo_copy_expired(now)))
                    .order_by(boards.c.id)
                ).scalars()
            )
            if expired:
                self._delete_boards(transaction, expired)
        if expired:
            log.info("purged %d expired boards", len(expired))
        return len(expired)

    # --- canvases -----------------------------------------------------------------------------

    def add_canvas(self, *, board_id: int, template: CanvasTemplate, facilitator_token: str | None) -> Canvas:
        """Put a canvas from content (a tool's worksheet or ``content/canvases``) on the board and show it.

        Raises:
            FacilitatorOnly: without the facilitator secret.
            TooManyCanvases: the board holds ``settings.canvases_per_board`` already.
        """
        self._require_facilitator(board_id, facilitator_token)
        return self._add_template_canvas(board_id, template)

    def _add_template_canvas(self, board_id: int, definition: CanvasTemplate) -> Canvas:
        zone_rows = [
            {"key": zone.key, "band": zone.band.value if zone.band else None, "title": None, "prompt": None}
            for zone in definition.zones
        ]
        return self._insert_canvas(
            board_id, template=definition.key, title=None, layout=definition.layout, zone_rows=zone_rows
        )

    def add_custom_canvas(self, *, board_id: int, new: CustomCanvasCreate, facilitator_token: str | None) -> Canvas:
        """A canvas of the facilitator's own making, for this board only, and show it.

        Raises:
            FacilitatorOnly: without the facilitator secret.
            TooManyCanvases: the board holds ``settings.canvases_per_board`` already.
        """
        self._require_facilitator(board_id, facilitator_token)
        zone_rows = [
            {"key": f"zone_{index + 1}", "band": None, "title": zone.title, "prompt": zone.prompt or None}
            for index, zone in enumerate(new.zones)
        ]
        return self._insert_canvas(board_id, template=None, title=new.title, layout="grid", zone_rows=zone_rows)

    def _insert_canvas(
        self, board_id: int, *, template: str | None, title: str | None, layout: str, zone_rows: list[dict]
    ) -> Canvas:
        with self._write(board_id) as conn:
            order = conn.execute(
                select(func.count()).select_from(canvases).where(canvases.c.board_id == board_id)
            ).scalar_one()
            if order >= self.settings.canvases_per_board:
                raise TooManyCanvases(self.settings.canvases_per_board)
            canvas_id = conn.execute(
                canvases.insert()
                .values(board_id=board_id, template=template, title=title, layout=layout, sort_order=order)
                .returning(canvases.c.id)
            ).scalar_one()
            conn.execute(
                zones.insert(),
                [{"canvas_id": canvas_id, "sort_order": index, **row} for index, row in enumerate(zone_rows)],
            )
            conn.execute(boards.update().where(boards.c.id == board_id).values(active_canvas_id=canvas_id))
            row = conn.execute(select(canvases).where(canvases.c.id == canvas_id)).mappings().one()
        return _canvas(row)

    def show_canvas(self, *, board_id: int, canvas_id: int, facilitator_token: str | None) -> None:
        """Make ``canvas_id`` the canvas that shared screens show and phones offer first.

        Raises:
            FacilitatorOnly: without the facilitator secret.
            CanvasNotFound: the canvas is not on this board.
        """
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            found = conn.execute(
                select(canvases.c.id).where(canvases.c.id == canvas_id, canvases.c.board_id == board_id)
            ).first()
            if found is None:
                raise CanvasNotFound(canvas_id)
            conn.execute(boards.update().where(boards.c.id == board_id).values(active_canvas_id=canvas_id))

    # --- participants -------------------------------------------------------------------------

    def join(self, *, board_id: int, new: ParticipantCreate) -> Participant:
        """Add a participant; their id is a secret that travels in their own URL only.

        Raises:
            TooManyParticipants: ``settings.participants_per_board`` have joined already.
        """
        participant_id = secrets.token_urlsafe(12)
        with self._write(board_id) as conn:
            joined = conn.execute(
                select(func.count())
                .select_from(participants)
                .where(participants.c.board_id == board_id, participants.c.is_facilitator.is_(False))
            ).scalar_one()
            if joined >= self.settings.participants_per_board:
                raise TooManyParticipants(self.settings.participants_per_board)
            conn.execute(
                participants.insert().values(
                    id=participant_id,
                    board_id=board_id,
                    display_name=new.display_name,
                    party=new.party.value,
                    created_at=_now(),
                )
            )
            return self.get_participant(board_id=board_id, participant_id=participant_id)

    def get_participant(self, *, board_id: int, participant_id: str) -> Participant:
        """Raises ParticipantNotFound when the id is unknown on this board."""
        with self._read() as conn:
            row = (
                conn.execute(
                    select(participants).where(participants.c.id == participant_id, participants.c.board_id == board_id)
                )
                .mappings()
                .first()
            )
        if row is None:
            raise ParticipantNotFound(participant_id)
        return _participant(row)

    def update_participant(self, *, board_id: int, participant_id: str, change: ParticipantCreate) -> Participant:
        """Change your own display name or party; your notes follow."""
        self.get_participant(board_id=board_id, participant_id=participant_id)
        with self._write(board_id) as conn:
            conn.execute(
                participants.update()
                .where(participants.c.id == participant_id)
                .values(display_name=change.display_name, party=change.party.value)
            )
            return self.get_participant(board_id=board_id, participant_id=participant_id)

    # --- notes --------------------------------------------------------------------------------

    def add_note(self, *, board_id: int, participant_id: str, new: NoteCreate) -> Note:
        """Add a note at the end of its zone.

        Raises:
            ParticipantNotFound, ZoneNotFound: not of this board.
            NotesTooFast: over ``settings.notes_per_participant_per_minute``.
            TooManyNotes: the board holds ``settings.notes_per_board`` already.
        """
        # Checks that need no lock come first, on a read connection: under the board's lock (in _write) every
        # round trip makes every other phone wait.
        author = self.get_participant(board_id=board_id, participant_id=participant_id)
        with self._read() as conn:
            _require_zone_on_board(conn, board_id, new.zone_id)
        if not self._note_rate.allow(f"{board_id}:{participant_id}"):
            raise NotesTooFast(self.settings.notes_per_participant_per_minute)
        return self._insert_note(board_id, author, new, check_lock=True)

    def add_room_note(self, *, board_id: int, new: NoteCreate, facilitator_token: str | None) -> Note:
        """A note the facilitator writes for the room (what someone said aloud); the lock does not apply.

        Raises:
            FacilitatorOnly: without the facilitator secret.
        """
        self._require_facilitator(board_id, facilitator_token)
        with self._read() as conn:
            _require_zone_on_board(conn, board_id, new.zone_id)
        return self._insert_note(board_id, self._facilitator_author(board_id), new, check_lock=False)

    def _facilitator_author(self, board_id: int) -> Participant:
        """The board's author row for the facilitator's own notes, made on first use (its id is as secret as
        any participant's: it is never shown, and a guessable one would let anyone edit those notes)."""
        with self._write(board_id) as conn:
            found = (
                conn.execute(
                    select(participants).where(
                        participants.c.board_id == board_id, participants.c.is_facilitator.is_(True)
                    )
                )
                .mappings()
                .first()
            )
            if found is not None:
                return _participant(found)
            participant_id = secrets.token_urlsafe(12)
            conn.execute(
                participants.insert().values(
                    id=participant_id,
                    board_id=board_id,
                    display_name=None,
                    party=Party.OTHER.value,
                    created_at=_now(),
                    is_facilitator=True,
                )
            )
            return self.get_participant(board_id=board_id, participant_id=participant_id)

    def _insert_note(self, board_id: int, author: Participant, new: NoteCreate, *, check_lock: bool) -> Note:
        participant_id = author.id
        now = _now()
        with self._write(board_id) as conn:
            if check_lock:
                _require_unlocked(conn, board_id)
            # One statement: the end of the zone and the board's limit, read after the bump took the lock, so
            # no other write can take the same position (the statement's snapshot starts after the lock wait).
            end_of_zone = (
                select((func.coalesce(func.max(notes.c.position), 0.0) + 1.0).label("position"))
                .where(notes.c.zone_id == new.zone_id)
                .subquery()
            )
            on_board = select(func.count()).select_from(notes).where(notes.c.board_id == board_id).scalar_subquery()
            fixed: dict[str, ColumnElement[Any]] = {
                "board_id": literal(board_id, Integer),
                "zone_id": literal(new.zone_id, Integer),
                "participant_id": literal(participant_id, String),
                "text": literal(new.text, String),
                "created_at": literal(now, DateTime(timezone=True)),
                "updated_at": literal(now, DateTime(timezone=True)),
            }
            source = select(*fixed.values(), end_of_zone.c.position).where(on_board < self.settings.notes_per_board)
            inserted = conn.execute(
                notes.insert().from_select([*fixed, "position"], source).returning(notes.c.id, notes.c.position)
            ).first()
            if inserted is None:
                raise TooManyNotes(self.settings.notes_per_board)
        return Note(
            id=inserted.id,
            board_id=board_id,
            zone_id=new.zone_id,
            participant_id=participant_id,
            author_name=author.display_name,
            party=author.party,
            text=new.text,
            position=inserted.position,
            created_at=now,
            updated_at=now,
            by_facilitator=author.is_facilitator,
        )

    def get_note(self, *, note_id: int) -> Note:
        with self._read() as conn:
            row = conn.execute(_note_query().where(notes.c.id == note_id)).mappings().first()
        if row is None:
            raise NoteNotFound(note_id)
        return _note(row)

    def notes_of(self, *, board_id: int, participant_id: str) -> list[Note]:
        """One participant's notes, newest first."""
        with self._read() as conn:
            rows = conn.execute(
                _note_query()
                .where(notes.c.board_id == board_id, notes.c.participant_id == participant_id)
                .order_by(notes.c.created_at.desc(), notes.c.id.desc())
            ).mappings()
            return [_note(row) for row in rows]

    def _note_rights(self, note: Note, participant_id: str | None, facilitator_token: str | None) -> bool:
        """Who may change ``note``: True for the facilitator; its author (False: the lock applies to them).

        Raises:
            NotYourNote: neither its author nor the facilitator.
        """
        if self.is_facilitator(board_id=note.board_id, token=facilitator_token):
            return True
        if participant_id is not None and note.participant_id == participant_id:
            return False
        raise NotYourNote("only the author or the facilitator may change a note")

    def edit_note(
        self,
        *,
        note_id: int,
        edit: NoteEdit,
        participant_id: str | None = None,
        facilitator_token: str | None = None,
    ) -> Note:
        """Change a note's text: its author may (unless the board is locked), and so may the facilitator.

        Raises:
            NotYourNote: neither the author nor the facilitator.
            BoardLocked: the author, while the board is locked.
        """
        note = self.get_note(note_id=note_id)
        as_facilitator = self._note_rights(note, participant_id, facilitator_token)
        with self._write(note.board_id) as conn:
            if not as_facilitator:
                _require_unlocked(conn, note.board_id)
            conn.execute(notes.update().where(notes.c.id == note_id).values(text=edit.text, updated_at=_now()))
            return self.get_note(note_id=note_id)

    def delete_note(
        self, *, note_id: int, participant_id: str | None = None, facilitator_token: str | None = None
    ) -> None:
        """Delete a note: its author may (unless the board is locked), and so may the facilitator.

        Raises:
            NotYourNote: neither the author nor the facilitator.
            BoardLocked: the author, while the board is locked.
        """
        note = self.get_note(note_id=note_id)
        as_facilitator = self._note_rights(note, participant_id, facilitator_token)
        with self._write(note.board_id) as conn:
            if not as_facilitator:
                _require_unlocked(conn, note.board_id)
            conn.execute(votes.delete().where(votes.c.note_id == note_id))
            conn.execute(notes.delete().where(notes.c.id == note_id))
            if note.cluster_id is not None:
                canvas_id = conn.execute(select(zones.c.canvas_id).where(zones.c.id == note.zone_id)).scalar_one()
                _delete_empty_clusters(conn, canvas_id)

    def move_note(
        self,
        *,
        note_id: int,
        zone_id: int,
        position: float | None = None,
        facilitator_token: str | None = None,
        participant_id: str | None = None,
    ) -> Note:
        """Move a note to ``zone_id`` at ``position`` (None: the end of the zone; notes in a zone are ordered by
        position, then id). The facilitator moves any note anywhere on the board; an author moves their own
        note to another zone of the same canvas, unless the board is locked.

        Raises:
            NotYourNote: neither the author nor the facilitator.
            BoardLocked: the author, while the board is locked.
            ZoneNotFound: the zone is not on the note's board (or, for an author, not on the note's canvas).
        """
        note = self.get_note(note_id=note_id)
        as_facilitator = self._note_rights(note, participant_id, facilitator_token)
        with self._write(note.board_id) as conn:
            if not as_facilitator:
                _require_unlocked(conn, note.board_id)
            _require_zone_on_board(conn, note.board_id, zone_id)
            source_canvas, target_canvas = (
                conn.execute(select(zones.c.canvas_id).where(zones.c.id == zone)).scalar_one()
                for zone in (note.zone_id, zone_id)
            )
            if not as_facilitator and source_canvas != target_canvas:
                raise ZoneNotFound(zone_id)
            if position is None:
                position = conn.execute(
                    select(func.coalesce(func.max(notes.c.position), 0.0) + 1.0).where(notes.c.zone_id == zone_id)
                ).scalar_one()
            values = {"zone_id": zone_id, "position": float(position), "updated_at": _now()}
            if source_canvas != target_canvas:  # a cluster and its votes belong to one canvas
                values["cluster_id"] = None
                conn.execute(votes.delete().where(votes.c.note_id == note_id))
            conn.execute(notes.update().where(notes.c.id == note_id).values(**values))
            return self.get_note(note_id=note_id)

    # --- maturity scores ------------------------------------------------------------------------

    def open_round(self, *, board_id: int, new: RoundCreate, facilitator_token: str | None) -> Round:
        """Open a new scoring round; a round still open is closed first (one open round at a time).

        Raises:
            FacilitatorOnly: without the facilitator secret.
        """
        self._require_facilitator(board_id, facilitator_token)
        now = _now()
        with self._write(board_id) as conn:  # the board's row lock: the next number is ours alone
            conn.execute(
                rounds.update().where(rounds.c.board_id == board_id, rounds.c.closed_at.is_(None)).values(closed_at=now)
            )
            number = conn.execute(
                select(func.coalesce(func.max(rounds.c.number), 0)).where(rounds.c.board_id == board_id)
            ).scalar_one()
            round_id = conn.execute(
                rounds.insert()
                .values(board_id=board_id, number=number + 1, title=new.title or None, opened_at=now)
                .returning(rounds.c.id)
            ).scalar_one()
            row = conn.execute(select(rounds).where(rounds.c.id == round_id)).mappings().one()
        return _round(row)

    def has_open_round(self, *, board_id: int) -> bool:
        """One indexed read: whether a scoring round is open on this board."""
        with self._read() as conn:
            found = conn.execute(
                select(rounds.c.id).where(rounds.c.board_id == board_id, rounds.c.closed_at.is_(None))
            ).first()
        return found is not None

    def close_round(self, *, board_id: int, facilitator_token: str | None) -> None:
        """Close the open round (its scores stay, for comparing later). Needs the facilitator secret."""
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            conn.execute(
                rounds.update()
                .where(rounds.c.board_id == board_id, rounds.c.closed_at.is_(None))
                .values(closed_at=_now())
            )

    def save_score(self, *, board_id: int, participant_id: str, new: ScoreCreate) -> None:
        """Store (or replace) this participant's score for one dimension in the open round.

        Raises:
            RoundClosed: no round is open.
            ParticipantNotFound: not a participant of this board.
        """
        self.get_participant(board_id=board_id, participant_id=participant_id)
        with self._write(board_id) as conn:
            round_id = conn.execute(
                select(rounds.c.id).where(rounds.c.board_id == board_id, rounds.c.closed_at.is_(None))
            ).scalar_one_or_none()
            if round_id is None:
                raise RoundClosed(board_id)
            values = {"level": new.level, "comment": new.comment or None, "updated_at": _now()}
            insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
            conn.execute(
                insert(scores)
                .values(round_id=round_id, participant_id=participant_id, dimension=new.dimension, **values)
                .on_conflict_do_update(index_elements=["round_id", "participant_id", "dimension"], set_=values)
            )

    def set_scores_public(self, *, board_id: int, public: bool, facilitator_token: str | None) -> None:
        """Whether screens show who scored what (named participants only). Needs the facilitator secret."""
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            conn.execute(boards.update().where(boards.c.id == board_id).values(scores_public=public))

    # --- facilitation: phases, timer, lock, clusters, votes, agenda, recovery -------------------

    def set_phase(self, *, board_id: int, canvas_id: int, phase: Phase, facilitator_token: str | None) -> None:
        """Put a canvas in a phase. Leaving WRITE reveals its notes; VOTE opens the dots.

        Raises:
            FacilitatorOnly: without the facilitator secret.
            CanvasNotFound: the canvas is not on this board.
        """
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            _require_canvas_on_board(conn, board_id, canvas_id)
            conn.execute(canvases.update().where(canvases.c.id == canvas_id).values(phase=Phase(phase).value))

    def set_zone_opened(self, *, board_id: int, zone_id: int, opened: bool, facilitator_token: str | None) -> None:
        """Open a zone's folded notes ("+ N meer") on every screen, or fold them again. The facilitator does
        it on the console; the presentation follows through the live channel (``board_view``'s ``open``).

        Raises:
            FacilitatorOnly: without the facilitator secret.
            ZoneNotFound: the zone is not on this board.
        """
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            _require_zone_on_board(conn, board_id, zone_id)
            conn.execute(zones.update().where(zones.c.id == zone_id).values(opened=bool(opened)))

    def set_facilitation(self, *, board_id: int, change: FacilitationChange, facilitator_token: str | None) -> Board:
        """Lock, anonymous mode, dots per participant, stacking: the fields of ``change`` that are set.

        Raises:
            FacilitatorOnly: without the facilitator secret.
        """
        self._require_facilitator(board_id, facilitator_token)
        values = change.model_dump(exclude_none=True)
        with self._write(board_id) as conn:
            if values:
                conn.execute(boards.update().where(boards.c.id == board_id).values(**values))
            return self.get_board(board_id=board_id)

    def move_canvas(self, *, board_id: int, canvas_id: int, offset: int, facilitator_token: str | None) -> None:
        """Move a canvas ``offset`` places in the board's agenda (negative: earlier); clamped at the ends.

        Raises:
            FacilitatorOnly: without the facilitator secret.
            CanvasNotFound: the canvas is not on this board.
        """
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            _require_canvas_on_board(conn, board_id, canvas_id)
            order = list(
                conn.execute(
                    select(canvases.c.id)
                    .where(canvases.c.board_id == board_id)
                    .order_by(canvases.c.sort_order, canvases.c.id)
                ).scalars()
            )
            index = order.index(canvas_id)
            order.insert(max(0, min(len(order) - 1, index + offset)), order.pop(index))
            for position, each in enumerate(order):
                conn.execute(canvases.update().where(canvases.c.id == each).values(sort_order=position))

    # The timer of a step. Its state is stored, not ticked: screens count down from ``ends_at`` themselves.

    def start_timer(self, *, board_id: int, canvas_id: int, seconds: int, facilitator_token: str | None) -> None:
        """Start (or restart) the canvas's timer at ``seconds`` (1 to TIMER_SECONDS_MAX)."""
        seconds = _timer_seconds(seconds)
        self._set_timer(
            board_id,
            canvas_id,
            facilitator_token,
            total=seconds,
            ends_at=_now() + timedelta(seconds=seconds),
            left=None,
        )

    def pause_timer(self, *, board_id: int, canvas_id: int, facilitator_token: str | None) -> None:
        timer = self._timer(board_id, canvas_id, facilitator_token)
        if timer is not None and timer.running:
            self._set_timer(
                board_id,
                canvas_id,
                facilitator_token,
                total=timer.total_seconds,
                ends_at=None,
                left=timer.left_at(_now()),
            )

    def resume_timer(self, *, board_id: int, canvas_id: int, facilitator_token: str | None) -> None:
        timer = self._timer(board_id, canvas_id, facilitator_token)
        if timer is not None and not timer.running:
            ends_at = _now() + timedelta(seconds=timer.left_at(_now()))
            self._set_timer(
                board_id, canvas_id, facilitator_token, total=timer.total_seconds, ends_at=ends_at, left=None
            )

    def extend_timer(self, *, board_id: int, canvas_id: int, seconds: int, facilitator_token: str | None) -> None:
        """Add ``seconds`` to a running or paused timer (a timer that ran out starts again from them)."""
        seconds = _timer_seconds(seconds)
        timer = self._timer(board_id, canvas_id, facilitator_token)
        if timer is None:
            return self.start_timer(
                board_id=board_id, canvas_id=canvas_id, seconds=seconds, facilitator_token=facilitator_token
            )
        now = _now()
        left = min(TIMER_SECONDS_MAX, timer.left_at(now) + seconds)
        total = min(TIMER_SECONDS_MAX, max(timer.total_seconds, left))
        if timer.running:
            self._set_timer(
                board_id, canvas_id, facilitator_token, total=total, ends_at=now + timedelta(seconds=left), left=None
            )
        else:
            self._set_timer(board_id, canvas_id, facilitator_token, total=total, ends_at=None, left=left)
        return None

    def clear_timer(self, *, board_id: int, canvas_id: int, facilitator_token: str | None) -> None:
        self._set_timer(board_id, canvas_id, facilitator_token, total=None, ends_at=None, left=None)

    def _timer(self, board_id: int, canvas_id: int, facilitator_token: str | None) -> Timer | None:
        self._require_facilitator(board_id, facilitator_token)
        with self._read() as conn:
            row = (
                conn.execute(select(canvases).where(canvases.c.id == canvas_id, canvases.c.board_id == board_id))
                .mappings()
                .first()
            )
        if row is None:
            raise CanvasNotFound(canvas_id)
        return _canvas(row).timer

    def _set_timer(
        self,
        board_id: int,
        canvas_id: int,
        facilitator_token: str | None,
        *,
        total: int | None,
        ends_at: datetime | None,
        left: int | None,
    ) -> None:
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            _require_canvas_on_board(conn, board_id, canvas_id)
            conn.execute(
                canvases.update()
                .where(canvases.c.id == canvas_id)
                .values(timer_total_seconds=total, timer_ends_at=ends_at, timer_seconds_left=left)
            )

    def create_cluster(
        self, *, board_id: int, canvas_id: int, new: ClusterCreate, facilitator_token: str | None
    ) -> Cluster:
        """Group notes of one canvas under a name; a note leaves the cluster it was in.

        Raises:
            FacilitatorOnly: without the facilitator secret.
            CanvasNotFound: the canvas is not on this board.
            NoteNotFound: a note is not on this canvas.
        """
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            _require_canvas_on_board(conn, board_id, canvas_id)
            on_canvas = set(
                conn.execute(
                    select(notes.c.id)
                    .join(zones, notes.c.zone_id == zones.c.id)
                    .where(zones.c.canvas_id == canvas_id, notes.c.id.in_(new.note_ids))
                ).scalars()
            )
            missing = set(new.note_ids) - on_canvas
            if missing:
                raise NoteNotFound(min(missing))
            cluster_id = conn.execute(
                clusters.insert()
                .values(board_id=board_id, canvas_id=canvas_id, title=new.title, created_at=_now())
                .returning(clusters.c.id)
            ).scalar_one()
            conn.execute(notes.update().where(notes.c.id.in_(on_canvas)).values(cluster_id=cluster_id))
            _delete_empty_clusters(conn, canvas_id)
        return Cluster(id=cluster_id, board_id=board_id, canvas_id=canvas_id, title=new.title)

    def rename_cluster(self, *, cluster_id: int, title: str, facilitator_token: str | None) -> None:
        """Raises ClusterNotFound, FacilitatorOnly; a bad title raises pydantic's ValidationError."""
        checked = ClusterCreate(title=title, note_ids=[0]).title
        board_id = self._cluster_board(cluster_id)
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            conn.execute(clusters.update().where(clusters.c.id == cluster_id).values(title=checked))

    def dissolve_cluster(self, *, cluster_id: int, facilitator_token: str | None) -> None:
        """The notes stay where they are, ungrouped; dots on the cluster go back to their owners."""
        board_id = self._cluster_board(cluster_id)
        self._require_facilitator(board_id, facilitator_token)
        with self._write(board_id) as conn:
            conn.execute(votes.delete().where(votes.c.cluster_id == cluster_id))
            conn.execute(notes.update().where(notes.c.cluster_id == cluster_id).values(cluster_id=None))
            conn.execute(clusters.delete().where(clusters.c.id == cluster_id))

    def _cluster_board(self, cluster_id: int) -> int:
        with self._read() as conn:
            board_id = conn.execute(select(clusters.c.board_id).where(clusters.c.id == cluster_id)).scalar_one_or_none()
        if board_id is None:
            raise ClusterNotFound(cluster_id)
        return board_id

    def cast_vote(
        self, *, board_id: int, participant_id: str, note_id: int | None = None, cluster_id: int | None = None
    ) -> None:
        """Put one of the participant's dots on a note or a cluster (exactly one of the two).

        Raises:
            ParticipantNotFound: not a participant of this board.
            NoteNotFound, ClusterNotFound: the target is not on this board.
            NotVotingNow: the target's canvas is not in the VOTE phase.
            BoardLocked: the facilitator locked the board.
            NoDotsLeft: every dot on this canvas is used.
            AlreadyVoted: a second dot on the same target while stacking is off.
        """
        if (note_id is None) == (cluster_id is None):
            raise ValueError("a vote goes to a note or to a cluster")
        self.get_participant(board_id=board_id, participant_id=participant_id)
        with self._write(board_id) as conn:
            canvas_id = _vote_target_canvas(conn, board_id, note_id, cluster_id)
            _require_voting_open(conn, board_id, canvas_id)
            board_row = conn.execute(
                select(boards.c.vote_dots, boards.c.votes_stack).where(boards.c.id == board_id)
            ).one()
            mine = conn.execute(
                select(votes.c.note_id, votes.c.cluster_id).where(
                    votes.c.canvas_id == canvas_id, votes.c.participant_id == participant_id
                )
            ).all()
            if len(mine) >= board_row.vote_dots:
                raise NoDotsLeft(board_row.vote_dots)
            if not board_row.votes_stack and (note_id, cluster_id) in {(v.note_id, v.cluster_id) for v in mine}:
                raise AlreadyVoted(canvas_id)
            conn.execute(
                votes.insert().values(
                    board_id=board_id,
                    canvas_id=canvas_id,
                    participant_id=participant_id,
                    note_id=note_id,
                    cluster_id=cluster_id,
                    created_at=_now(),
                )
            )

    def withdraw_vote(
        self, *, board_id: int, participant_id: str, note_id: int | None = None, cluster_id: int | None = None
    ) -> None:
        """Take one of the participant's dots back from a note or cluster (nothing happens if there is none)."""
        if (note_id is None) == (cluster_id is None):
            raise ValueError("a vote goes to a note or to a cluster")
        self.get_participant(board_id=board_id, participant_id=participant_id)
        with self._write(board_id) as conn:
            canvas_id = _vote_target_canvas(conn, board_id, note_id, cluster_id)
            _require_voting_open(conn, board_id, canvas_id)
            target = votes.c.note_id == note_id if note_id is not None else votes.c.cluster_id == cluster_id
            vote_id = conn.execute(
                select(func.max(votes.c.id)).where(target, votes.c.participant_id == participant_id)
            ).scalar_one_or_none()
            if vote_id is not None:
                conn.execute(votes.delete().where(votes.c.id == vote_id))

    def new_recovery_code(self, *, board_id: int, facilitator_token: str | None) -> str:
        """A new recovery code for the board (the old one stops working). Shown once; stored as a hash."""
        self._require_facilitator(board_id, facilitator_token)
        code = draw_recovery_code()
        with self._write(board_id) as conn:
            conn.execute(
                boards.update().where(boards.c.id == board_id).values(recovery_code_hash=_hash_recovery_code(code))
            )
        return code

    def recover_console(self, *, code: str, recovery_code: str) -> CreatedBoard:
        """Re-open the console with the join code and the recovery code written down at creation.

        The facilitator secret is replaced (a lost console link may be in someone else's hands), so is the
        recovery code (it was just typed somewhere); the presentation's viewer key stays the same.

        Raises:
            RecoveryRefused: no board with this code, or the recovery code is wrong (one answer for both).
        """
        with self._read() as conn:
            row = conn.execute(
                select(boards.c.id, boards.c.recovery_code_hash).where(boards.c.code == normalise_join_code(code))
            ).first()
        if row is None or row.recovery_code_hash is None:
            raise RecoveryRefused(code)
        if not hmac.compare_digest(row.recovery_code_hash, _hash_recovery_code(recovery_code)):
            raise RecoveryRefused(code)
        token, fresh_code = secrets.token_urlsafe(24), draw_recovery_code()
        with self._write(row.id) as conn:
            replaced = conn.execute(
                boards.update()
                .where(boards.c.id == row.id, boards.c.recovery_code_hash == row.recovery_code_hash)
                .values(
                    facilitator_token_hash=_hash_token(token),
                    recovery_code_hash=_hash_recovery_code(fresh_code),
                    viewer_basis=func.coalesce(boards.c.viewer_basis, boards.c.facilitator_token_hash),
                )
            ).rowcount
            if replaced != 1:  # two recoveries at once: the first one won
                raise RecoveryRefused(code)
            board = self.get_board(board_id=row.id)
        return CreatedBoard(board=board, facilitator_token=token, recovery_code=fresh_code)

    # --- the read model -----------------------------------------------------------------------

    def load_snapshot(self, *, board_id: int, with_scores: bool = True) -> BoardSnapshot:
        """Everything on the board, read in one transaction so it is consistent with its revision.

        Args:
            with_scores: False leaves the scores out (the rounds stay: they are few, and pages need to know
                whether one is open): the shared board redraws often and needs no scores.
        """
        with self._read() as conn, nullcontext() if conn.in_transaction() else conn.begin():
            row = conn.execute(select(boards).where(boards.c.id == board_id)).mappings().first()
            if row is None:
                raise BoardNotFound(board_id)
            canvas_rows = conn.execute(
                select(canvases).where(canvases.c.board_id == board_id).order_by(canvases.c.sort_order, canvases.c.id)
            ).mappings()
            board_canvases = tuple(_canvas(r) for r in canvas_rows)
            zone_rows = conn.execute(
                select(zones)
                .join(canvases, zones.c.canvas_id == canvases.c.id)
                .where(canvases.c.board_id == board_id)
                .order_by(canvases.c.sort_order, zones.c.sort_order, zones.c.id)
            ).mappings()
            board_zones = tuple(Zone.model_validate(dict(r)) for r in zone_rows)
            note_rows = conn.execute(
                _note_query().where(notes.c.board_id == board_id).order_by(notes.c.position, notes.c.id)
            ).mappings()
            board_notes = tuple(_note(r) for r in note_rows)
            participant_count = conn.execute(
                select(func.count())
                .select_from(participants)
                .where(participants.c.board_id == board_id, participants.c.is_facilitator.is_(False))
            ).scalar_one()
            board_rounds, board_scores = self._rounds_and_scores(conn, board_id, with_scores=with_scores)
            cluster_rows = conn.execute(
                select(clusters).where(clusters.c.board_id == board_id).order_by(clusters.c.id)
            ).mappings()
            board_clusters = tuple(
                Cluster(id=r["id"], board_id=r["board_id"], canvas_id=r["canvas_id"], title=r["title"])
                for r in cluster_rows
            )
            vote_rows = conn.execute(
                select(votes.c.id, votes.c.canvas_id, votes.c.participant_id, votes.c.note_id, votes.c.cluster_id)
                .where(votes.c.board_id == board_id)
                .order_by(votes.c.id)
            ).mappings()
            board_votes = tuple(Vote.model_validate(dict(r)) for r in vote_rows)
        board = _board(row)
        if board.anonymous:
            # Names are left out here, in the one read model, so no screen or export can show them.
            board_notes = tuple(n.model_copy(update={"author_name": None}) for n in board_notes)
            board_scores = tuple(s.model_copy(update={"author_name": None}) for s in board_scores)
        return BoardSnapshot(
            board=board,
            canvases=board_canvases,
            zones=board_zones,
            notes=board_notes,
            participant_count=participant_count,
            rounds=board_rounds,
            scores=board_scores,
            clusters=board_clusters,
            votes=board_votes,
        )

    @staticmethod
    def _rounds_and_scores(
        conn: Connection, board_id: int, *, with_scores: bool
    ) -> tuple[tuple[Round, ...], tuple[Score, ...]]:
        round_rows = conn.execute(
            select(rounds).where(rounds.c.board_id == board_id).order_by(rounds.c.number)
        ).mappings()
        board_rounds = tuple(_round(r) for r in round_rows)
        if not with_scores:
            return board_rounds, ()
        score_rows = conn.execute(
            select(scores, participants.c.display_name.label("author_name"), participants.c.party)
            .join(participants, scores.c.participant_id == participants.c.id)
            .join(rounds, scores.c.round_id == rounds.c.id)
            .where(rounds.c.board_id == board_id)
            .order_by(scores.c.round_id, scores.c.participant_id, scores.c.dimension)
        ).mappings()
        return board_rounds, tuple(_score(r) for r in score_rows)

    # --- exports, imports and hosting (appended: self-contained, each its own transaction) ----------

    def participants_of(self, *, board_id: int) -> list[Participant]:
        """Everyone who joined the board, oldest first (exports replace their ids with pseudonyms)."""
        with self.engine.connect() as conn:
            anonymous = conn.execute(select(boards.c.anonymous).where(boards.c.id == board_id)).scalar_one_or_none()
            rows = conn.execute(
                select(participants)
                .where(participants.c.board_id == board_id)
                .order_by(participants.c.created_at, participants.c.id)
            ).mappings()
            people = [_participant(row) for row in rows]
        if anonymous:
            return [person.model_copy(update={"display_name": None}) for person in people]
        return people

    def list_boards(self) -> list[Board]:
        """Every board, newest first (for the host's command line)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(boards).order_by(boards.c.created_at.desc(), boards.c.id.desc())).mappings()
            return [_board(row) for row in rows]

    def admin_delete_board(self, *, board_id: int) -> None:
        """Delete a board and everything on it, without its facilitator secret: for the host, not the app.

        Raises:
            BoardNotFound: no board has this id.
        """
        with self._transaction() as transaction:
            if transaction.conn.execute(select(boards.c.id).where(boards.c.id == board_id)).first() is None:
                raise BoardNotFound(board_id)
            self._delete_boards(transaction, [board_id])

    def import_board(self, *, document: BoardDocument) -> CreatedBoard:
        """A new board (new code, new facilitator secret, new participant ids) from an exported document.

        Everything is written in one transaction: a failure anywhere leaves the database as it was.
        The document was validated on parsing (``canvas.exports.schema.parse_document``).
        """
        token = secrets.token_urlsafe(24)
        with self._transaction() as transaction:
            conn = transaction.conn
            for _attempt in range(20):
                code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
                if conn.execute(select(boards.c.id).where(boards.c.code == code)).first() is None:
                    break
            else:  # pragma: no cover - see create_board
                raise RuntimeError("could not find a free join code")
            board_id = conn.execute(
                boards.insert()
                .values(
                    code=code,
                    title=document.board.title,
                    language=document.board.language.value,
                    facilitator_token_hash=_hash_token(token),
                    viewer_basis=_hash_token(token),
                    revision=0,
                    created_at=_now(),
                    changed_at=_now(),
                    scores_public=document.board.scores_public,
                    locked=document.board.locked,
                    anonymous=document.board.anonymous,
                    vote_dots=document.board.vote_dots,
                    votes_stack=document.board.votes_stack,
                )
                .returning(boards.c.id)
            ).scalar_one()
            person_id = {person.ref: secrets.token_urlsafe(12) for person in document.participants}
            if document.participants:
                conn.execute(
                    participants.insert(),
                    [
                        {
                            "id": person_id[person.ref],
                            "board_id": board_id,
                            "display_name": person.name,
                            "party": person.party.value,
                            "created_at": person.joined_at,
                            "is_facilitator": person.facilitator,
                        }
                        for person in document.participants
                    ],
                )
            canvas_id: dict[str, int] = {}
            zone_id: dict[str, int] = {}
            for order, canvas in enumerate(document.canvases):
                canvas_id[canvas.ref] = conn.execute(
                    canvases.insert()
                    .values(
                        board_id=board_id,
                        template=canvas.template,
                        title=canvas.title,
                        layout=canvas.layout,
                        sort_order=order,
                        phase=canvas.phase.value,
                    )
                    .returning(canvases.c.id)
                ).scalar_one()
                for zone_order, zone in enumerate(canvas.zones):
                    zone_id[zone.ref] = conn.execute(
                        zones.insert()
                        .values(
                            canvas_id=canvas_id[canvas.ref],
                            key=zone.key,
                            band=zone.band.value if zone.band else None,
                            title=zone.title,
                            prompt=zone.prompt,
                            sort_order=zone_order,
                        )
                        .returning(zones.c.id)
                    ).scalar_one()
            cluster_id = {
                cluster.ref: conn.execute(
                    clusters.insert()
                    .values(
                        board_id=board_id, canvas_id=canvas_id[cluster.canvas], title=cluster.title, created_at=_now()
                    )
                    .returning(clusters.c.id)
                ).scalar_one()
                for cluster in document.clusters
            }
            # Inserted one by one in the file's order, so notes that share a position keep their order (ids
            # rise), and each id is known for the votes.
            note_id = {
                note.ref: conn.execute(
                    notes.insert()
                    .values(
                        board_id=board_id,
                        zone_id=zone_id[note.zone],
                        participant_id=person_id[note.author],
                        text=note.text,
                        position=note.position,
                        created_at=note.created_at,
                        updated_at=note.updated_at,
                        cluster_id=cluster_id[note.cluster] if note.cluster else None,
                    )
                    .returning(notes.c.id)
                ).scalar_one()
                for note in document.notes
            }
            zone_canvas = {zone.ref: canvas_id[c.ref] for c in document.canvases for zone in c.zones}
            note_canvas = {note.ref: zone_canvas[note.zone] for note in document.notes}
            # A vote names its note or else its cluster (BoardDocument checks that exactly one is set).
            cluster_canvas: dict[str | None, int] = {c.ref: canvas_id[c.canvas] for c in document.clusters}
            if document.votes:
                conn.execute(
                    votes.insert(),
                    [
                        {
                            "board_id": board_id,
                            "canvas_id": note_canvas[vote.note] if vote.note else cluster_canvas[vote.cluster],
                            "participant_id": person_id[vote.participant],
                            "note_id": note_id[vote.note] if vote.note else None,
                            "cluster_id": cluster_id[vote.cluster] if vote.cluster else None,
                            "created_at": _now(),
                        }
                        for vote in document.votes
                    ],
                )
            for round_ in document.rounds:
                round_id = conn.execute(
                    rounds.insert()
                    .values(
                        board_id=board_id,
                        number=round_.number,
                        title=round_.title,
                        opened_at=round_.opened_at,
                        closed_at=round_.closed_at,
                    )
                    .returning(rounds.c.id)
                ).scalar_one()
                if round_.scores:
                    conn.execute(
                        scores.insert(),
                        [
                            {
                                "round_id": round_id,
                                "participant_id": person_id[score.participant],
                                "dimension": score.dimension,
                                "level": score.level,
                                "comment": score.comment,
                                "updated_at": score.updated_at,
                            }
                            for score in round_.scores
                        ],
                    )
            active = canvas_id.get(document.board.active_canvas) if document.board.active_canvas else None
            recovery = draw_recovery_code()
            conn.execute(
                boards.update()
                .where(boards.c.id == board_id)
                .values(active_canvas_id=active, recovery_code_hash=_hash_recovery_code(recovery))
            )
            transaction.changes[board_id] = 0  # listeners hear of the new board after the commit
        return CreatedBoard(board=self.get_board(board_id=board_id), facilitator_token=token, recovery_code=recovery)

    # --- named snapshots (appended) -------------------------------------------------------------

    def save_snapshot(
        self, *, board_id: int, new: SnapshotCreate, document: str, facilitator_token: str | None
    ) -> SnapshotInfo:
        """Keep ``document`` (the board's JSON export) under a name. Needs the facilitator secret.

        Raises:
            NotAllowed: without the facilitator secret.
        """
        with self._transaction() as transaction:
            self._require_facilitator(board_id, facilitator_token)
            row = (
                transaction.conn.execute(
                    snapshots.insert()
                    .values(board_id=board_id, name=new.name, created_at=_now(), document=document)
                    .returning(snapshots.c.id, snapshots.c.board_id, snapshots.c.name, snapshots.c.created_at)
                )
                .mappings()
                .one()
            )
        return _snapshot_info(row)

    def list_snapshots(self, *, board_id: int) -> list[SnapshotInfo]:
        """The board's named snapshots, oldest first (without their documents)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(snapshots.c.id, snapshots.c.board_id, snapshots.c.name, snapshots.c.created_at)
                .where(snapshots.c.board_id == board_id)
                .order_by(snapshots.c.created_at, snapshots.c.id)
            ).mappings()
            return [_snapshot_info(row) for row in rows]

    def snapshot_document(self, *, board_id: int, snapshot_id: int) -> str:
        """The JSON document of one snapshot of this board.

        Raises:
            BoardNotFound: no such snapshot on this board.
        """
        with self.engine.connect() as conn:
            document = conn.execute(
                select(snapshots.c.document).where(snapshots.c.id == snapshot_id, snapshots.c.board_id == board_id)
            ).scalar_one_or_none()
        if document is None:
            raise BoardNotFound(f"snapshot {snapshot_id}")
        return document


# --- helpers ------------------------------------------------------------------------------------


def _make_engine(database_url: str) -> Engine:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(
            url, pool_pre_ping=True, pool_size=_POSTGRES_POOL_SIZE, max_overflow=_POSTGRES_MAX_OVERFLOW
        )
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:  # the driver's own connection
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _begin below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
        cursor.execute("PRAGMA busy_timeout=10000")  # wait for a busy writer instead of failing
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
        # Deleted notes and boards are overwritten with zeros, not left readable in free pages of the file.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writes take the write lock up front (BEGIN IMMEDIATE): a deferred transaction that reads
        # first and writes later can fail with "database is locked" instead of waiting its turn.
        mode = "IMMEDIATE" if conn.get_execution_options().get("canvas_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _timer_seconds(seconds: int) -> int:
    if not 1 <= int(seconds) <= TIMER_SECONDS_MAX:
        raise ValueError(f"a timer runs 1 to {TIMER_SECONDS_MAX} seconds")
    return int(seconds)


def _require_canvas_on_board(conn: Connection, board_id: int, canvas_id: int) -> None:
    found = conn.execute(
        select(canvases.c.id).where(canvases.c.id == canvas_id, canvases.c.board_id == board_id)
    ).first()
    if found is None:
        raise CanvasNotFound(canvas_id)


def _vote_target_canvas(conn: Connection, board_id: int, note_id: int | None, cluster_id: int | None) -> int:
    """The canvas a vote's note or cluster is on, checked to be on this board."""
    if note_id is not None:
        canvas_id = conn.execute(
            select(zones.c.canvas_id)
            .join(notes, notes.c.zone_id == zones.c.id)
            .where(notes.c.id == note_id, notes.c.board_id == board_id)
        ).scalar_one_or_none()
        if canvas_id is None:
            raise NoteNotFound(note_id)
        return canvas_id
    canvas_id = conn.execute(
        select(clusters.c.canvas_id).where(clusters.c.id == cluster_id, clusters.c.board_id == board_id)
    ).scalar_one_or_none()
    if canvas_id is None:
        raise ClusterNotFound(cluster_id)
    return canvas_id


def _delete_empty_clusters(conn: Connection, canvas_id: int) -> None:
    """A cluster whose last note moved to another one goes (with its dots)."""
    used = select(notes.c.cluster_id).where(notes.c.cluster_id.is_not(None))
    empty = select(clusters.c.id).where(clusters.c.canvas_id == canvas_id, clusters.c.id.not_in(used))
    empty_ids = list(conn.execute(empty).scalars())
    if empty_ids:
        conn.execute(votes.delete().where(votes.c.cluster_id.in_(empty_ids)))
        conn.execute(clusters.delete().where(clusters.c.id.in_(empty_ids)))


def _require_voting_open(conn: Connection, board_id: int, canvas_id: int) -> None:
    """A dot may be put or taken back: the board is not locked and the canvas is in the VOTE phase."""
    _require_unlocked(conn, board_id)
    phase = conn.execute(select(canvases.c.phase).where(canvases.c.id == canvas_id)).scalar_one()
    if phase != Phase.VOTE.value:
        raise NotVotingNow(canvas_id)


def _require_unlocked(conn: Connection, board_id: int) -> None:
    """Inside a write (the board's row is locked), so a lock set a moment ago is always seen."""
    if conn.execute(select(boards.c.locked).where(boards.c.id == board_id)).scalar_one_or_none():
        raise BoardLocked(board_id)


def _require_zone_on_board(conn: Connection, board_id: int, zone_id: int) -> None:
    found = conn.execute(
        select(zones.c.id)
        .join(canvases, zones.c.canvas_id == canvases.c.id)
        .where(zones.c.id == zone_id, canvases.c.board_id == board_id)
    ).first()
    if found is None:
        raise ZoneNotFound(zone_id)


def _note_query() -> Select[Any]:
    return select(
        notes,
        participants.c.display_name.label("author_name"),
        participants.c.party,
        participants.c.is_facilitator.label("by_facilitator"),
    ).join(participants, notes.c.participant_id == participants.c.id)


def _canvas(row: RowMapping) -> Canvas:
    data = dict(row)
    total, ends_at, left = data.pop("timer_total_seconds"), data.pop("timer_ends_at"), data.pop("timer_seconds_left")
    if total is not None:
        data["timer"] = Timer(total_seconds=total, ends_at=_as_utc(ends_at) if ends_at else None, seconds_left=left)
    return Canvas.model_validate(data)


def _board(row: RowMapping) -> Board:
    data = dict(row)
    data.pop("facilitator_token_hash")
    data.pop("viewer_basis", None)
    data["has_recovery_code"] = data.pop("recovery_code_hash", None) is not None
    data.pop("changed_at", None)
    data["created_at"] = _as_utc(data["created_at"])
    return Board.model_validate(data)


def _participant(row: RowMapping) -> Participant:
    data = dict(row)
    data["created_at"] = _as_utc(data["created_at"])
    return Participant.model_validate(data)


def _round(row: RowMapping) -> Round:
    data = dict(row)
    data["opened_at"] = _as_utc(data["opened_at"])
    data["closed_at"] = _as_utc(data["closed_at"]) if data["closed_at"] else None
    return Round.model_validate(data)


def _score(row: RowMapping) -> Score:
    data = dict(row)
    data.pop("id")
    data["updated_at"] = _as_utc(data["updated_at"])
    return Score.model_validate(data)


def _note(row: RowMapping) -> Note:
    data = dict(row)
    data["created_at"] = _as_utc(data["created_at"])
    data["updated_at"] = _as_utc(data["updated_at"])
    return Note.model_validate(data)


# --- named snapshots (appended; table made by migration 0100_named_snapshots) -------------------


def _snapshot_info(row: RowMapping) -> SnapshotInfo:
    data = dict(row)
    data["created_at"] = _as_utc(data["created_at"])
    return SnapshotInfo.model_validate(data)


# --- demo copies (appended; columns boards.expires_at and boards.read_only, migration 0102_demo_copies) --------
# Functions over a Store rather than methods, so this section stays in one place at the end of the file.


def _demo_copy_expired(now: datetime | None) -> ColumnElement[bool]:
    """The boards whose set end has passed: visitors' demo copies (other boards have no ``expires_at``)."""
    return and_(boards.c.expires_at.is_not(None), boards.c.expires_at < (now or _now()))


def create_demo_copy(
    store: Store, *, document: BoardDocument, lifetime: timedelta, now: datetime | None = None
) -> CreatedBoard:
    """A visitor's own copy of a board document (new code, new facilitator secret, new participant ids) that
    the purge deletes ``lifetime`` after now, whether it was changed since or kept. One transaction."""
    with store._transaction() as transaction:
        created = store.import_board(document=document)
        transaction.conn.execute(
            boards.update().where(boards.c.id == created.board.id).values(expires_at=(now or _now()) + lifetime)
        )
    return created


def demo_copy_expires_at(store: Store, *, board_id: int) -> datetime | None:
    """When this demo copy is deleted; None for a board that is not one."""
    with store._read() as conn:
        value = conn.execute(select(boards.c.expires_at).where(boards.c.id == board_id)).scalar_one_or_none()
    return _as_utc(value) if value else None


def purge_expired_demo_copies(store: Store, *, now: datetime | None = None) -> int:
    """Delete the demo copies whose time is up, with all their rows; the app runs it before making a new one,
    so a hosted instance without a daily ``python3 -m canvas purge`` still cleans up after its visitors.

    Returns:
        How many boards were deleted.
    """
    with store.engine.connect() as conn:  # a read first: most calls find nothing and take no write lock
        if conn.execute(select(boards.c.id).where(_demo_copy_expired(now)).limit(1)).first() is None:
            return 0
    with store._transaction() as transaction:
        expired = list(transaction.conn.execute(select(boards.c.id).where(_demo_copy_expired(now))).scalars())
        if expired:
            store._delete_boards(transaction, expired)
    if expired:
        log.info("purged %d expired demo copies", len(expired))
    return len(expired)


def set_read_only(store: Store, *, board_id: int, read_only: bool) -> None:
    """Make a board read-only (every write is refused with ``BoardReadOnly``) or writable again: for the host.

    Raises:
        BoardNotFound: no board has this id.
    """
    with store._transaction() as transaction:
        changed = transaction.conn.execute(
            boards.update().where(boards.c.id == board_id).values(read_only=read_only).returning(boards.c.revision)
        ).scalar_one_or_none()
        if changed is None:
            raise BoardNotFound(board_id)
