"""Live updates by push: a per-process hub of board revisions and a server-sent-events route.

The store calls the hub after every committed write (from whatever thread wrote); the hub wakes every
listener of that board at once. Writes made by *other* processes (a second app replica on the same
database) are caught by one shared revision check every ``check_seconds`` while anyone listens.
Streams carry revision numbers only, never note text.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from canvas.errors import BoardNotFound
from canvas.store import CommitEvent, Store

log = logging.getLogger(__name__)

EVENTS_PATH = "/events/{code}"
RECONNECT_MS = 500
PING_SECONDS = 15.0
SAFETY_QUERY_SECONDS = 1.0


class RevisionHub:
    """Knows the latest revision of every watched board and wakes listeners when one moves on."""

    def __init__(self, store: Store, *, check_seconds: float = 0.05, ping_seconds: float = PING_SECONDS) -> None:
        self.store = store
        self.check_seconds = check_seconds
        self.ping_seconds = ping_seconds
        self._latest: dict[int, int] = {}
        self._listeners: Counter[int] = Counter()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._checker: asyncio.Task | None = None
        self._closing = False

    # --- life cycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._closing = False
        self.store.add_commit_listener(self.notify_threadsafe)
        self._checker = asyncio.create_task(self._check_other_processes(), name="revision-check")

    async def stop(self) -> None:
        self.close_streams()
        self.store.remove_commit_listener(self.notify_threadsafe)
        if self._checker:
            self._checker.cancel()
            await asyncio.gather(self._checker, return_exceptions=True)

    def close_streams(self) -> None:
        """End every open stream now (on shutdown: an open stream would keep the server waiting)."""
        self._closing = True
        if self._loop and self._changed:
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
        if revision <= self._latest.get(board_id, -1):
            return  # old news (the revision check and the commit listener may both report a write)
        self._latest[board_id] = revision
        self._wake_all()

    def _wake_all(self) -> None:
        # One shared event, swapped on every change: listeners wait without polling, and all wake at once.
        woken, self._changed = self._changed, asyncio.Event()
        woken.set()

    async def _check_other_processes(self) -> None:
        last_marker: object = None
        last_query = 0.0
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.check_seconds)
            if not self._listeners:
                continue
            # On SQLite, a write by any process changes the database files; while they stay the same,
            # skip the query (an idle server with many screens then costs almost no CPU). File times can
            # be coarse, so query at least once a second anyway.
            marker = self.store.change_marker()
            if marker is not None and marker == last_marker and loop.time() - last_query < SAFETY_QUERY_SECONDS:
                continue
            last_marker, last_query = marker, loop.time()
            try:
                revisions = await asyncio.to_thread(self.store.revisions, board_ids=list(self._listeners))
            except Exception:  # a database hiccup must not end live updates for good
                log.exception("revision check failed")
                await asyncio.sleep(1)
                continue
            for board_id, revision in revisions.items():
                self._record(board_id, revision)

    # --- listening ----------------------------------------------------------------------------

    async def listen(self, board_id: int, *, max_seconds: float | None = None) -> AsyncIterator[int | None]:
        """Yield the board's current revision, then each newer one; ``None`` is a keep-alive tick.

        The first revision is read from the database, not from memory, so a browser that reconnects
        after a dropped stream always catches up. Bursts coalesce: a listener that is busy while several
        writes land gets only the newest revision. The stream ends after ``max_seconds`` (the browser
        reconnects at once), so no proxy ever sees a request that never ends.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max_seconds if max_seconds else None
        self._listeners[board_id] += 1
        try:
            self._record(board_id, await asyncio.to_thread(self.store.get_revision, board_id=board_id))
            sent = -1
            while not self._closing:
                changed = self._changed
                latest = self._latest.get(board_id, sent)
                if latest > sent:
                    sent = latest
                    yield latest
                    continue
                wait = self.ping_seconds if deadline is None else min(self.ping_seconds, deadline - loop.time())
                if wait <= 0:
                    return
                try:
                    await asyncio.wait_for(changed.wait(), timeout=wait)
                except TimeoutError:
                    if deadline is None or loop.time() < deadline:
                        yield None
        finally:
            self._listeners[board_id] -= 1
            if self._listeners[board_id] <= 0:
                del self._listeners[board_id]


def sse_message(revision: int | None) -> str:
    if revision is None:
        return ": ping\n\n"
    return f"data: {json.dumps({'rev': revision})}\n\n"


def events_route(*, max_stream_seconds: float | None = None) -> Route:
    """``GET /events/{code}``: a text/event-stream of the board's revision, served by this process's hub."""

    async def events(request: Request) -> Response:
        hub = running_hub()
        if hub is None:
            return JSONResponse({"error": "live updates are not running"}, status_code=503)
        try:
            board = await asyncio.to_thread(hub.store.find_board, code=request.path_params["code"])
        except BoardNotFound:
            return JSONResponse({"error": "unknown board"}, status_code=404)

        async def stream() -> AsyncIterator[str]:
            yield f"retry: {RECONNECT_MS}\n\n"
            async for revision in hub.listen(board.id, max_seconds=max_stream_seconds):
                yield sse_message(revision)

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            # no-cache and X-Accel-Buffering: a proxy must pass each event on at once (docs/deploy.md).
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return Route(EVENTS_PATH, events, methods=["GET"])


# The hub of this process, when the app was started with push (serve.py); None under plain polling.
_running_hub: RevisionHub | None = None


def running_hub() -> RevisionHub | None:
    return _running_hub


def set_running_hub(hub: RevisionHub | None) -> None:
    global _running_hub
    _running_hub = hub
