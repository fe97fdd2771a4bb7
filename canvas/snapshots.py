"""One snapshot per (board, revision), shared by every session and the live hub of a process.

A board that changed is loaded once, however many screens, phones and streams look at it: each caller
reads the board's revision (one indexed query) and takes the snapshot from here when it is current.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from canvas.models import BoardSnapshot
from canvas.store import Store

# Enough for every board of a busy process (a snapshot with scores and one without, per board), small
# enough that a few thousand-note boards stay well under the memory a process may use.
DEFAULT_SIZE = 64


class SnapshotCache:
    """A small thread-safe LRU of board snapshots keyed by board, revision and whether scores are in."""

    def __init__(self, store: Store, *, size: int = DEFAULT_SIZE) -> None:
        self.store = store
        self.size = size
        self._entries: OrderedDict[tuple[int, int, bool], BoardSnapshot] = OrderedDict()
        self._lock = threading.Lock()
        self.loads = 0  # how many snapshots came from the database (tests and benchmarks read it)

    def latest(self, *, board_id: int, with_scores: bool = False) -> BoardSnapshot:
        """The board as it is now.

        Raises:
            BoardNotFound: the board does not exist (any more).
        """
        revision = self.store.get_revision(board_id=board_id)
        held = self._get(board_id, revision, with_scores)
        if held is not None:
            return held
        snapshot = self.store.load_snapshot(board_id=board_id, with_scores=with_scores)
        self._put(snapshot, with_scores)
        return snapshot

    def _get(self, board_id: int, revision: int, with_scores: bool) -> BoardSnapshot | None:
        with self._lock:
            # A snapshot with scores serves a caller that needs none.
            for key in ((board_id, revision, with_scores), (board_id, revision, True)):
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key]
        return None

    def _put(self, snapshot: BoardSnapshot, with_scores: bool) -> None:
        with self._lock:
            self.loads += 1
            # Keyed by the revision it was read at, which may be newer than the one asked for.
            self._entries[(snapshot.board.id, snapshot.revision, with_scores)] = snapshot
            self._entries.move_to_end((snapshot.board.id, snapshot.revision, with_scores))
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
