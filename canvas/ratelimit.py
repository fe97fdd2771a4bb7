"""A small in-process rate limiter: at most ``limit`` attempts per key within a sliding window.

Used where a client could otherwise guess (board codes on the event stream, join attempts) or flood
(notes, board creation). In-process on purpose: every app process limits its own clients, which is
what a sticky-session deployment needs, and it costs no database round trip.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """Sliding-window counter per key; thread-safe (Streamlit runs each session in its own thread)."""

    def __init__(self, *, limit: int, per_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1 or per_seconds <= 0:
            raise ValueError("a rate limit needs limit >= 1 and per_seconds > 0")
        self.limit = limit
        self.per_seconds = per_seconds
        self._clock = clock
        self._attempts: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one attempt for ``key``; False when it is over the limit (a refused attempt is not counted)."""
        now = self._clock()
        with self._lock:
            attempts = self._attempts.setdefault(key, deque())
            while attempts and attempts[0] <= now - self.per_seconds:
                attempts.popleft()
            if len(attempts) >= self.limit:
                return False
            attempts.append(now)
            if len(self._attempts) > 10_000:
                self._forget_idle(now)
            return True

    def is_limited(self, key: str) -> bool:
        """Whether ``key`` is over the limit now, without counting an attempt (check first, count failures)."""
        now = self._clock()
        with self._lock:
            attempts = self._attempts.get(key)
            return attempts is not None and sum(1 for at in attempts if at > now - self.per_seconds) >= self.limit

    def _forget_idle(self, now: float) -> None:
        # Bound the memory a stream of distinct keys (one per guessing client) can take.
        for key in [k for k, v in self._attempts.items() if not v or v[-1] <= now - self.per_seconds]:
            del self._attempts[key]
