"""The revision hub: wakes listeners on a write, coalesces bursts, sends the current revision on connect."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from canvas.live import RevisionHub, sse_message
from canvas.models import BoardCreate, CreatedBoard, NoteCreate, ParticipantCreate
from canvas.store import Store


@pytest.fixture
def sqlite_store(sqlite_url: str):
    store = Store(sqlite_url)
    yield store
    store.close()


def add_note(store: Store, created: CreatedBoard, text: str = "x") -> int:
    board_id = created.board.id
    zone_id = store.load_snapshot(board_id=board_id).zones[0].id
    author = store.join(board_id=board_id, new=ParticipantCreate())
    store.add_note(board_id=board_id, participant_id=author.id, new=NoteCreate(zone_id=zone_id, text=text))
    return store.get_revision(board_id=board_id)


async def next_value(stream, timeout: float = 5.0):
    return await asyncio.wait_for(anext(stream), timeout)


def run(coroutine):
    """Run a scenario on its own event loop in its own thread: the browser tests' Playwright keeps an
    event loop running in the main thread for the whole session."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=30)


def test_listener_gets_the_current_revision_on_connect_then_each_write(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(new=BoardCreate(title="Live"))

    async def scenario() -> list[int]:
        # A long cross-process check interval: only the commit hook can wake the listener in time.
        hub = RevisionHub(sqlite_store, check_seconds=60)
        await hub.start()
        stream = hub.listen(created.board.id)
        seen = [await next_value(stream)]
        # Writes happen in worker threads, like Streamlit's script threads.
        revision = await asyncio.to_thread(add_note, sqlite_store, created)
        seen.append(await next_value(stream))
        assert seen[-1] == revision
        await stream.aclose()
        await hub.stop()
        return seen

    first, second = run(scenario())
    assert first == 1 and second > first


def test_bursts_coalesce_into_the_newest_revision(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(new=BoardCreate(title="Burst"))

    async def scenario() -> tuple[int, int, int]:
        hub = RevisionHub(sqlite_store, check_seconds=60)
        await hub.start()
        stream = hub.listen(created.board.id)
        first = await next_value(stream)
        # Five writes land while the listener is busy elsewhere...
        revisions = [await asyncio.to_thread(add_note, sqlite_store, created, f"n{i}") for i in range(5)]
        await asyncio.sleep(0.05)  # let the thread-safe callbacks run
        # ...and it then hears only about the newest one.
        newest = await next_value(stream)
        pending = asyncio.ensure_future(anext(stream))
        done, _ = await asyncio.wait({pending}, timeout=0.3)
        pending.cancel()
        await asyncio.gather(pending, return_exceptions=True)
        await hub.stop()
        assert not done, "a stale revision was sent after the newest"
        return first, newest, revisions[-1]

    first, newest, last_written = run(scenario())
    assert newest == last_written > first


def test_writes_from_another_process_are_found_by_the_revision_check(store: Store) -> None:
    """On SQLite and on PostgreSQL: a second app replica writes, this process's listeners hear it."""
    created = store.create_board(new=BoardCreate(title="Twee processen"))
    other_process = Store(store.database_url)  # its own engine and no hub: like a second app replica

    async def scenario() -> tuple[int, int]:
        hub = RevisionHub(store, check_seconds=0.02)
        await hub.start()
        stream = hub.listen(created.board.id)
        await next_value(stream)
        revision = await asyncio.to_thread(add_note, other_process, created)
        heard = await next_value(stream)
        while heard < revision:  # the check may also catch the join that came just before the note
            heard = await next_value(stream)
        await stream.aclose()
        await hub.stop()
        return heard, revision

    heard, written = run(scenario())
    other_process.close()
    assert heard == written


def test_closing_ends_every_stream_and_pings_keep_idle_streams_alive(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(new=BoardCreate(title="Dicht"))

    async def scenario() -> list:
        hub = RevisionHub(sqlite_store, check_seconds=60, ping_seconds=0.05)
        await hub.start()
        stream = hub.listen(created.board.id)
        seen = [await next_value(stream), await next_value(stream)]  # revision, then a keep-alive
        assert hub.listener_count == 1
        hub.close_streams()
        with pytest.raises(StopAsyncIteration):
            await next_value(stream)
        assert hub.listener_count == 0
        await hub.stop()
        return seen

    assert run(scenario()) == [1, None]


def test_event_stream_messages_carry_revision_numbers_only() -> None:
    assert sse_message(7) == 'data: {"rev": 7}\n\n'
    assert sse_message(None) == ": ping\n\n"


def test_a_new_listener_reads_the_revision_from_the_database(sqlite_url: str, sqlite_store: Store) -> None:
    """A reconnecting browser catches up even on writes the hub never heard of."""
    created = sqlite_store.create_board(new=BoardCreate(title="Inhalen"))
    other_process = Store(sqlite_url)

    async def scenario() -> tuple[int, int]:
        hub = RevisionHub(sqlite_store, check_seconds=3600)  # no cross-process check
        await hub.start()
        first = hub.listen(created.board.id)
        await next_value(first)
        await first.aclose()
        written = await asyncio.to_thread(add_note, other_process, created)
        again = hub.listen(created.board.id)
        heard = await next_value(again)
        await again.aclose()
        await hub.stop()
        return heard, written

    heard, written = run(scenario())
    other_process.close()
    assert heard == written


def test_streams_end_after_their_maximum_age(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(new=BoardCreate(title="Kort"))

    async def scenario() -> list:
        hub = RevisionHub(sqlite_store, check_seconds=60, ping_seconds=10)
        await hub.start()
        seen = [value async for value in hub.listen(created.board.id, max_seconds=0.2)]
        await hub.stop()
        return seen

    assert run(scenario()) == [1]


def test_sqlite_change_marker_moves_on_writes_only(sqlite_url: str, sqlite_store: Store) -> None:
    created = sqlite_store.create_board(new=BoardCreate(title="Merker"))
    other_process = Store(sqlite_url)
    before = sqlite_store.change_marker()
    assert before is not None
    other_process.load_snapshot(board_id=created.board.id)  # reading changes nothing
    assert sqlite_store.change_marker() == before
    add_note(other_process, created)
    assert sqlite_store.change_marker() != before
    other_process.close()


def test_postgresql_has_no_cheap_marker(postgresql_url: str) -> None:
    store = Store(postgresql_url)
    assert store.change_marker() is None  # the hub then queries the revisions every check
    store.close()
