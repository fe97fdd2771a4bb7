"""The live hub of one server process: it learns of every change to a board and hands each listener the
board as that listener may see it.

The store calls the hub after every committed write (from whatever thread wrote). Writes made by *other*
processes reach it through PostgreSQL ``LISTEN`` (the store sends ``pg_notify`` in the write's transaction)
or, on SQLite, through a cheap look at the database files. For every (board, revision) the hub builds each
kind of message once and every listener of that kind gets the same text: two projectors and sixty phones
cost one snapshot and two messages per change, not sixty-two reruns.

Messages carry the change itself (``board_view.live_message`` for screens, ``phone_view`` for phones), so a
screen draws a new note and a phone follows the facilitator without a Streamlit rerun. No HTTP here: the
route that serves these messages lives in ``canvas.web``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import NamedTuple

from canvas.board_view import CLOSED_MESSAGE, live_message
from canvas.errors import BoardNotFound
from canvas.models import BoardSnapshot, Language
from canvas.phone_view import as_text, empty_own_part, phone_message_text, phone_own_parts, phone_room
from canvas.snapshots import SnapshotCache
from canvas.store import CommitEvent, Store

log = logging.getLogger(__name__)

PING_SECONDS = 15.0
# Also when files or notifications say nothing changed, look at the revisions now and then: file times
# can be coarse, and a notification can be lost while the LISTEN connection reconnects.
SAFETY_QUERY_SECONDS = 1.0
DELETED = -1


@dataclass(frozen=True)
class Audience:
    """What kind of message a listener gets: screens get the drawing in their language (``language`` set);
    phones (``phone``) what a phone draws, in their language (canvas.phone_view); everyone else (the radar)
    only the revision and signatures (hashes)."""

    language: Language | None = None
    phone: bool = False

    @classmethod
    def screen(cls, language: Language) -> Audience:
        return cls(language=language)

    @classmethod
    def phone_in(cls, language: Language) -> Audience:
        return cls(language=language, phone=True)


SIGNAL = Audience()


class Built(NamedTuple):
    """One message as built for a revision: its text (for phones: the room part), and (phones) each
    participant's own part as text."""

    revision: int
    text: str
    message: dict | None = None
    own: dict[str, str] | None = None
    own_empty: str = ""


def closed_message() -> str:
    return json.dumps(CLOSED_MESSAGE)


class LiveHub:
    """Knows the latest revision of every watched board and serves listeners the newest message."""

    def __init__(
        self,
        store: Store,
        snapshots: SnapshotCache | None = None,
        *,
        check_seconds: float = 0.05,
        ping_seconds: float = PING_SECONDS,
        safety_seconds: float = SAFETY_QUERY_SECONDS,
    ) -> None:
        self.store = store
        self.snapshots = snapshots or SnapshotCache(store)
        self.check_seconds = check_seconds
        self.ping_seconds = ping_seconds
        self.safety_seconds = safety_seconds
        self._latest: dict[int, int] = {}
        self._listeners: Counter[int] = Counter()
        self._messages: dict[tuple[int, Audience], Built] = {}
        self._building: dict[tuple[int, Audience], asyncio.Future[Built]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._watchers: list[asyncio.Task] = []
        self.listening_to_postgres: asyncio.Event | None = None  # set once LISTEN is in place (tests wait on it)
        self._closing = False
        self.builds = 0  # messages built (tests and benchmarks read it)

    # --- life cycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self.listening_to_postgres = asyncio.Event()
        self._closing = False
        self.store.add_commit_listener(self.notify_threadsafe)
        self._watchers = [asyncio.create_task(self._watch_other_processes(), name="live-hub-watch")]
        if self.store.has_notifications:
            self._watchers.append(asyncio.create_task(self._listen_to_postgres(), name="live-hub-listen"))

    async def stop(self) -> None:
        self.close_streams()
        self.store.remove_commit_listener(self.notify_threadsafe)
        for task in self._watchers:
            task.cancel()
        await asyncio.gather(*self._watchers, return_exceptions=True)

    def close_streams(self) -> None:
        """End every open stream now (on shutdown: an open stream would keep the server waiting)."""
        self._closing = True
        if self._loop and self._changed and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake_all)

    @property
    def listener_count(self) -> int:
        return sum(self._listeners.values())

    # --- news of a change ---------------------------------------------------------------------

    def notify_threadsafe(self, event: CommitEvent) -> None:
        """The store's commit listener: safe to call from any thread."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        loop.call_soon_threadsafe(self._record, event.board_id, event.revision)

    def _record(self, board_id: int, revision: int) -> None:
        known = self._latest.get(board_id)
        if known == DELETED or (revision != DELETED and known is not None and revision <= known):
            return  # old news (the commit hook and the watcher may both report one write)
        self._latest[board_id] = revision
        self._wake_all()

    def _wake_all(self) -> None:
        # One shared event, swapped on every change: listeners wait without polling, and all wake at once.
        if self._changed is None:
            return
        woken, self._changed = self._changed, asyncio.Event()
        woken.set()

    async def _check_revisions(self, board_ids: list[int]) -> None:
        """Read the revisions of ``board_ids`` from the database; a board that is gone was deleted."""
        if not board_ids:
            return
        revisions = await asyncio.to_thread(self.store.revisions, board_ids=board_ids)
        for board_id in board_ids:
            self._record(board_id, revisions.get(board_id, DELETED))

    async def _watch_other_processes(self) -> None:
        """SQLite: look at the database files every ``check_seconds`` while anyone listens (a write by any
        process changes them) and query only when they changed. PostgreSQL: LISTEN does the work; this is
        the once-a-second safety net."""
        last_marker: object = None
        last_query = 0.0
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.check_seconds)
            if not self._listeners:
                continue
            marker = self.store.change_marker()
            if (marker is None or marker == last_marker) and loop.time() - last_query < self.safety_seconds:
                continue
            last_marker, last_query = marker, loop.time()
            try:
                await self._check_revisions(list(self._listeners))
            except Exception:  # a database hiccup must not end live updates for good
                log.exception("revision check failed")
                await asyncio.sleep(1)

    async def _listen_to_postgres(self) -> None:
        """Wake on ``pg_notify`` from any process's writes. A notification is a hint ("board 7 changed"),
        never trusted as data: the revision is read from the database, so a notification from another
        schema on the same server, or a lost one, cannot put the hub wrong."""
        while True:
            try:
                async for board_id in self.store.board_notifications(on_listening=self._on_listening):
                    if board_id in self._listeners:
                        await self._check_revisions([board_id])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("listening for board changes failed; reconnecting")
                await asyncio.sleep(1)

    async def _on_listening(self) -> None:
        await self._check_revisions(list(self._listeners))  # whatever happened while (re)connecting
        if self.listening_to_postgres:
            self.listening_to_postgres.set()

    # --- messages -----------------------------------------------------------------------------

    async def _message(self, board_id: int, audience: Audience, wanted: int) -> Built:
        """The newest message of this kind for the board, built at most once per revision for everyone."""
        key = (board_id, audience)
        held = self._messages.get(key)
        if held is not None and held.revision >= wanted:
            return held
        building = self._building.get(key)
        if building is None:
            building = asyncio.ensure_future(self._build(board_id, audience))
            self._building[key] = building
            building.add_done_callback(lambda _done: self._building.pop(key, None))
        return await asyncio.shield(building)

    async def _build(self, board_id: int, audience: Audience) -> Built:
        try:
            # With the scores, whoever asks: phones see their own, and one snapshot per revision then serves
            # every kind of message (a second load per change cost two processes on PostgreSQL dearly).
            snapshot = await asyncio.to_thread(self.snapshots.latest, board_id=board_id, with_scores=True)
        except BoardNotFound:
            self._record(board_id, DELETED)
            return Built(DELETED, closed_message())
        self.builds += 1
        if audience.phone:
            built = await asyncio.to_thread(self._build_for_phones, snapshot, audience)
        else:
            # Off the event loop: a screen's drawing of a full board takes a while, and the loop serves every stream.
            message = await asyncio.to_thread(live_message, snapshot, language=audience.language)
            built = Built(snapshot.revision, _as_text(message), message)
        held = self._messages.get((board_id, audience))
        if held is None or held.revision < built.revision:
            self._messages[(board_id, audience)] = built
        self._record(board_id, snapshot.revision)
        return built

    @staticmethod
    def _build_for_phones(snapshot: BoardSnapshot, audience: Audience) -> Built:
        """The room part in the audience's language and every participant's own part, each encoded once."""
        assert audience.language is not None
        room = as_text(phone_room(snapshot, audience.language))
        own = {participant_id: as_text(part) for participant_id, part in phone_own_parts(snapshot).items()}
        return Built(snapshot.revision, room, None, own, as_text(empty_own_part(snapshot)))

    # --- listening ----------------------------------------------------------------------------

    async def listen(
        self,
        board_id: int,
        audience: Audience = SIGNAL,
        *,
        participant_id: str | None = None,
        max_seconds: float | None = None,
    ) -> AsyncIterator[str | None]:
        """Yield the board's current message, then each newer one; ``None`` is a keep-alive tick.

        The first message is built from the database, so a browser that reconnects after a dropped stream
        always catches up with the whole state. Bursts coalesce: a listener busy while several writes land
        gets only the newest. A deleted board gets one closing message and the stream ends. The stream
        also ends after ``max_seconds`` (the browser reconnects), so no proxy sees a request that never ends.
        A participant's phone (a phone audience and ``participant_id``) gets the room part and its own part
        (canvas/phone_view.py), and only when one of them changed.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max_seconds if max_seconds else None
        self._listeners[board_id] += 1
        try:
            sent = DELETED - 1
            wanted = 0
            last_phone_parts: tuple[str, str] | None = None
            while not self._closing:
                changed = self._changed
                latest = self._latest.get(board_id)
                if latest == DELETED:
                    yield closed_message()
                    return
                if latest is None or latest > sent:
                    built = await self._message(board_id, audience, max(wanted, latest or 0))
                    if built.revision == DELETED:
                        continue  # recorded: the next turn says goodbye
                    if built.revision > sent:
                        sent = wanted = built.revision
                        if audience.phone and participant_id is not None:
                            # A phone is sent only what changes what it draws: another person's note written
                            # freely changes no phone's room or own part, so a burst of notes sends phones nothing.
                            parts = (built.text, (built.own or {}).get(participant_id, built.own_empty))
                            if parts == last_phone_parts:
                                continue
                            last_phone_parts = parts
                            yield phone_message_text(built.revision, *parts, now_ms=round(time.time() * 1000))
                        else:
                            yield built.text
                        continue
                wait = self.ping_seconds if deadline is None else min(self.ping_seconds, deadline - loop.time())
                if wait <= 0:
                    return
                if changed is None:  # the same AttributeError as before, said plainly
                    raise RuntimeError("Hub.stream() needs Hub.start() first")
                try:
                    await asyncio.wait_for(changed.wait(), timeout=wait)
                except TimeoutError:
                    if deadline is None or loop.time() < deadline:
                        yield None
        finally:
            self._listeners[board_id] -= 1
            if self._listeners[board_id] <= 0:
                del self._listeners[board_id]
                self._forget(board_id)

    def _forget(self, board_id: int) -> None:
        """Nobody listens to this board any more: drop its messages (and, if deleted, its tombstone)."""
        for key in [key for key in self._messages if key[0] == board_id]:
            del self._messages[key]
        self._latest.pop(board_id, None)


def _as_text(message: dict) -> str:
    return json.dumps(message, separators=(",", ":"))


# The hub of this process, when the app was started with push (serve.py); None under plain polling.
_running_hub: LiveHub | None = None


def running_hub() -> LiveHub | None:
    return _running_hub


def set_running_hub(hub: LiveHub | None) -> None:
    global _running_hub
    _running_hub = hub
