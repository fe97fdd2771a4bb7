"""The app deletes expired boards by itself: ``Store.purge_expired`` at the server's start and then every
``CANVAS_PURGE_HOURS`` (0: never, for hosts who run ``python3 -m canvas purge`` from their own scheduler).

On PostgreSQL several app processes share one database: an advisory lock lets one purge run at a time, and a
process that finds it taken skips that turn (the other one is deleting the same boards). On SQLite the store's
write lock already serialises it. The schedule is a daemon thread whose clock and wait are injected, so tests
need not wait a day. Logged: how many boards were deleted, never what was on them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from canvas.store import Store

log = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def purge_once(
    store: Store,
    *,
    now: datetime | None = None,
    purge: Callable[[datetime], int] | None = None,
) -> int | None:
    """Delete the expired boards unless another process is doing so right now.

    Args:
        now: the time to measure expiry against (default: now).
        purge: what deletes (default: ``store.purge_expired``); tests pass one that waits on an event.

    Returns:
        How many boards were deleted, or None when another process held the lock.
    """
    when = now or _utc_now()
    run = purge or (lambda moment: store.purge_expired(now=moment))
    with store.purge_turn() as mine:
        if not mine:
            log.info("retention: another process is purging; skipped")
            return None
        deleted = run(when)
    log.info("retention: purged %d expired boards", deleted)
    return deleted


class RetentionTask:
    """Purge at start, then every ``interval_seconds``, on a daemon thread until ``stop()``.

    Args:
        clock: the time boards' expiry is measured against (tests move it on instead of waiting).
        on_purge: called with each result of ``purge_once`` (tests wait on it).
    """

    def __init__(
        self,
        store: Store,
        *,
        interval_seconds: float,
        clock: Callable[[], datetime] = _utc_now,
        on_purge: Callable[[int | None], None] | None = None,
    ) -> None:
        if interval_seconds <= 0:
            raise ValueError("interval_seconds must be positive; an interval of 0 means no task at all")
        self.store = store
        self.interval_seconds = interval_seconds
        self.clock = clock
        self.on_purge = on_purge
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="canvas-retention", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopped.is_set():
            try:
                result = purge_once(self.store, now=self.clock())
            except Exception:  # a database that is down now may be up tomorrow: log, keep the schedule
                log.exception("retention: the purge failed; trying again at the next turn")
                result = None
            if self.on_purge is not None:
                self.on_purge(result)
            self._stopped.wait(self.interval_seconds)


def start_retention(store: Store, *, purge_hours: float) -> RetentionTask | None:
    """The app's schedule: a started task, or None (and a log line) when ``purge_hours`` is 0."""
    if purge_hours <= 0:
        log.info("retention: the app does not purge (CANVAS_PURGE_HOURS=0); run python3 -m canvas purge instead")
        return None
    task = RetentionTask(store, interval_seconds=purge_hours * 3600)
    task.start()
    log.info("retention: expired boards are purged at start and every %g hours", purge_hours)
    return task
