"""The live hub: wakes listeners on a write, coalesces bursts, builds each message once, says goodbye
when a board is deleted, and hears other processes (SQLite files, PostgreSQL LISTEN)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json

import pytest

from canvas.content import default_canvas
from canvas.hub import SIGNAL, Audience, LiveHub
from canvas.models import BoardCreate, CreatedBoard, Language, NoteCreate, ParticipantCreate
from canvas.store import Store
from canvas.web.events import sse_message


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


async def next_message(stream, timeout: float = 5.0) -> dict | None:
    """The next message as data (None for a keep-alive tick)."""
    value = await asyncio.wait_for(anext(stream), timeout)
    return None if value is None else json.loads(value)


async def next_revision(stream, timeout: float = 5.0) -> int | None:
    message = await next_message(stream, timeout)
    return None if message is None else message["rev"]


def run(coroutine):
    """Run a scenario on its own event loop in its own thread: the browser tests' Playwright keeps an
    event loop running in the main thread for the whole session."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=30)


async def nothing_more(stream, within: float = 0.3) -> bool:
    """True when the stream sends nothing further within ``within`` seconds (a negative check)."""
    pending = asyncio.ensure_future(anext(stream))
    done, _ = await asyncio.wait({pending}, timeout=within)
    pending.cancel()
    await asyncio.gather(pending, return_exceptions=True)
    return not done


def test_listener_gets_the_current_state_on_connect_then_each_write(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Live"))

    async def scenario() -> list[int]:
        # A long cross-process check interval: only the commit hook can wake the listener in time.
        hub = LiveHub(sqlite_store, check_seconds=60, safety_seconds=3600)
        await hub.start()
        stream = hub.listen(created.board.id)
        seen = [await next_revision(stream)]
        # Writes happen in worker threads, like Streamlit's script threads.
        revision = await asyncio.to_thread(add_note, sqlite_store, created)
        seen.append(await next_revision(stream))
        assert seen[-1] == revision
        await stream.aclose()
        await hub.stop()
        return seen

    first, second = run(scenario())
    assert first == 1 and second > first


def test_a_screen_gets_the_drawing_and_a_phone_only_the_structure(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Rollen"))
    board_id = created.board.id
    author = sqlite_store.join(board_id=board_id, new=ParticipantCreate(display_name="Ans"))
    zone_id = sqlite_store.load_snapshot(board_id=board_id).zones[0].id
    sqlite_store.add_note(board_id=board_id, participant_id=author.id, new=NoteCreate(zone_id=zone_id, text="Geheim?"))

    async def scenario() -> tuple[dict, dict]:
        hub = LiveHub(sqlite_store, check_seconds=60, safety_seconds=3600)
        await hub.start()
        screen = hub.listen(board_id, Audience.screen(Language.EN))
        phone = hub.listen(board_id, SIGNAL)
        on_screen, on_phone = await next_message(screen), await next_message(phone)
        await screen.aclose()
        await phone.aclose()
        await hub.stop()
        return on_screen, on_phone

    on_screen, on_phone = run(scenario())
    assert [note["text"] for note in on_screen["view"]["notes"]] == ["Geheim?"]
    assert on_screen["view"]["labels"]["empty_zone"] == "No notes yet"  # in the screen's language
    assert set(on_phone) == {"rev", "sig"}  # the radar's kind of listener: a revision and a hash, never a note
    assert "Geheim" not in json.dumps(on_phone)
    # Nobody's id or secret travels, not even to a screen.
    raw = json.dumps(on_screen)
    assert author.id not in raw and created.facilitator_token not in raw


def test_bursts_coalesce_into_the_newest_state(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Burst"))

    async def scenario() -> tuple[int, int, int]:
        hub = LiveHub(sqlite_store, check_seconds=60, safety_seconds=3600)
        await hub.start()
        stream = hub.listen(created.board.id, Audience.screen(Language.NL))
        first = await next_revision(stream)
        # Five writes land while the listener is busy elsewhere...
        revisions = [await asyncio.to_thread(add_note, sqlite_store, created, f"n{i}") for i in range(5)]
        # ...and it then gets only the newest state, with all five notes in it.
        newest = await next_message(stream)
        assert await nothing_more(stream), "a stale state was sent after the newest"
        await hub.stop()
        assert sorted(note["text"] for note in newest["view"]["notes"]) == [f"n{i}" for i in range(5)]
        return first, newest["rev"], revisions[-1]

    first, newest, last_written = run(scenario())
    assert newest == last_written > first


def test_many_listeners_share_one_message_per_change(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Gedeeld"))

    async def scenario() -> tuple[int, int, int]:
        hub = LiveHub(sqlite_store, check_seconds=60, safety_seconds=3600)
        await hub.start()
        screens = [hub.listen(created.board.id, Audience.screen(Language.NL)) for _ in range(10)]
        phones = [hub.listen(created.board.id, SIGNAL) for _ in range(30)]
        for stream in screens + phones:
            await next_revision(stream)
        builds_before, loads_before = hub.builds, hub.snapshots.loads
        revision = await asyncio.to_thread(add_note, sqlite_store, created)
        heard = {await next_revision(stream) for stream in screens + phones}
        assert heard == {revision}
        for stream in screens + phones:
            await stream.aclose()
        await hub.stop()
        return hub.builds - builds_before, hub.snapshots.loads - loads_before, len(heard)

    builds, loads, _ = run(scenario())
    assert builds == 2  # one drawing for the screens, one structure message for the phones
    assert loads == 1  # and one snapshot for both


def test_a_deleted_board_ends_every_stream_with_a_closing_message(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Weg"))

    async def scenario() -> list[dict]:
        hub = LiveHub(sqlite_store, check_seconds=60, safety_seconds=3600)
        await hub.start()
        streams = [hub.listen(created.board.id, SIGNAL), hub.listen(created.board.id, Audience.screen(Language.NL))]
        for stream in streams:
            await next_revision(stream)
        await asyncio.to_thread(
            sqlite_store.delete_board, board_id=created.board.id, facilitator_token=created.facilitator_token
        )
        goodbyes = [await next_message(stream) for stream in streams]
        for stream in streams:
            with pytest.raises(StopAsyncIteration):
                await next_message(stream)
        assert hub.listener_count == 0
        await hub.stop()
        return goodbyes

    assert run(scenario()) == [{"rev": -1, "closed": True}] * 2


def test_a_board_deleted_by_another_process_is_noticed(sqlite_url: str, sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Elders weg"))
    other_process = Store(sqlite_url)

    async def scenario() -> dict:
        hub = LiveHub(sqlite_store, check_seconds=0.02)
        await hub.start()
        stream = hub.listen(created.board.id)
        await next_revision(stream)
        await asyncio.to_thread(
            other_process.delete_board, board_id=created.board.id, facilitator_token=created.facilitator_token
        )
        goodbye = await next_message(stream)
        await hub.stop()
        return goodbye

    assert run(scenario()) == {"rev": -1, "closed": True}
    other_process.close()


def test_writes_from_another_process_are_found(store: Store) -> None:
    """On SQLite (the files change) and on PostgreSQL (the revision check): a second replica writes."""
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Twee processen"))
    other_process = Store(store.database_url)  # its own engine and no hub: like a second app replica

    async def scenario() -> tuple[int, int]:
        hub = LiveHub(store, check_seconds=0.02)
        await hub.start()
        stream = hub.listen(created.board.id)
        await next_revision(stream)
        revision = await asyncio.to_thread(add_note, other_process, created)
        heard = await next_revision(stream)
        while heard < revision:  # the check may also catch the join that came just before the note
            heard = await next_revision(stream)
        await stream.aclose()
        await hub.stop()
        return heard, revision

    heard, written = run(scenario())
    other_process.close()
    assert heard == written


def test_postgresql_notifications_wake_the_hub(postgresql_url: str) -> None:
    """LISTEN/NOTIFY, with the once-a-second safety query switched off: only the notification that another
    process's write sends in its transaction can tell this hub."""
    store = Store(postgresql_url)
    other_process = Store(postgresql_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Melding"))

    async def scenario() -> tuple[int, int]:
        hub = LiveHub(store, check_seconds=3600, safety_seconds=3600)
        await hub.start()
        stream = hub.listen(created.board.id)
        await next_revision(stream)
        await asyncio.wait_for(hub.listening_to_postgres.wait(), timeout=10)
        revision = await asyncio.to_thread(add_note, other_process, created)
        heard = await next_revision(stream)
        while heard < revision:
            heard = await next_revision(stream)
        await stream.aclose()
        await hub.stop()
        return heard, revision

    try:
        heard, written = run(scenario())
    finally:
        other_process.close()
        store.close()
    assert heard == written


def test_closing_ends_every_stream_and_pings_keep_idle_streams_alive(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Dicht"))

    async def scenario() -> list:
        hub = LiveHub(sqlite_store, check_seconds=60, ping_seconds=0.05, safety_seconds=3600)
        await hub.start()
        stream = hub.listen(created.board.id)
        seen = [await next_revision(stream), await next_revision(stream)]  # the state, then a keep-alive
        assert hub.listener_count == 1
        hub.close_streams()
        with pytest.raises(StopAsyncIteration):
            await next_message(stream)
        assert hub.listener_count == 0
        await hub.stop()
        return seen

    assert run(scenario()) == [1, None]


def test_event_stream_framing() -> None:
    assert sse_message('{"rev":7}') == 'data: {"rev":7}\n\n'
    assert sse_message(None) == ": ping\n\n"


def test_a_new_listener_reads_the_state_from_the_database(sqlite_url: str, sqlite_store: Store) -> None:
    """A reconnecting browser catches up even on writes the hub never heard of."""
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Inhalen"))
    other_process = Store(sqlite_url)

    async def scenario() -> tuple[int, int]:
        hub = LiveHub(sqlite_store, check_seconds=3600, safety_seconds=3600)  # no cross-process check
        await hub.start()
        first = hub.listen(created.board.id)
        await next_revision(first)
        await first.aclose()
        written = await asyncio.to_thread(add_note, other_process, created)
        again = hub.listen(created.board.id)
        heard = await next_revision(again)
        await again.aclose()
        await hub.stop()
        return heard, written

    heard, written = run(scenario())
    other_process.close()
    assert heard == written


def test_streams_end_after_their_maximum_age(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Kort"))

    async def scenario() -> list:
        hub = LiveHub(sqlite_store, check_seconds=60, ping_seconds=10, safety_seconds=3600)
        await hub.start()
        seen = [json.loads(value)["rev"] async for value in hub.listen(created.board.id, max_seconds=0.2)]
        await hub.stop()
        return seen

    assert run(scenario()) == [1]


def test_sqlite_change_marker_moves_on_writes_only(sqlite_url: str, sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Merker"))
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
    assert store.change_marker() is None  # the hub then relies on LISTEN and a safety query
    store.close()


def test_a_phone_hears_what_the_facilitator_does_to_its_notes_in_the_one_shared_build(sqlite_store: Store) -> None:
    from canvas.models import NoteEdit

    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Eigen"))
    board_id, token = created.board.id, created.facilitator_token
    zone_id = sqlite_store.load_snapshot(board_id=board_id).zones[0].id
    people = [sqlite_store.join(board_id=board_id, new=ParticipantCreate()).id for _ in range(10)]
    note = sqlite_store.add_note(board_id=board_id, participant_id=people[0], new=NoteCreate(zone_id=zone_id, text="a"))

    async def scenario() -> tuple[dict, dict, list[bool], int]:
        hub = LiveHub(sqlite_store, check_seconds=60, safety_seconds=3600)
        await hub.start()
        phones = [hub.listen(board_id, Audience.phone_in(Language.NL), participant_id=person) for person in people]
        first = [await next_message(stream) for stream in phones]
        builds_before = hub.builds
        await asyncio.to_thread(
            sqlite_store.edit_note, note_id=note.id, edit=NoteEdit(text="b"), facilitator_token=token
        )
        edited = await next_message(phones[0])  # the author's phone hears it
        quiet = [await nothing_more(stream) for stream in phones[1:]]  # nobody else's
        await phones[0].aclose()
        await hub.stop()
        return first[0], edited, quiet, hub.builds - builds_before

    first, edited, quiet, builds = run(scenario())
    assert [n["text"] for n in first["own"]["notes"]] == ["a"] and [n["text"] for n in edited["own"]["notes"]] == ["b"]
    assert edited["room"] == first["room"]
    assert all(quiet)
    assert builds == 1  # one message build per change, however many phones
