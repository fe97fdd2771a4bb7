"""The phone's live channel and its requests, without a browser: what the hub sends phones (once per revision
for all of them, and nothing when nothing they draw changed), and what ``POST /act/<code>`` answers (who may
ask, bad bodies, refusals in the user's language, guessing cut off)."""

from __future__ import annotations

import asyncio
import json

import pytest
from starlette.applications import Starlette

from canvas.content import default_canvas
from canvas.hub import Audience, LiveHub
from canvas.models import BoardCreate, CreatedBoard, Language, NoteCreate, ParticipantCreate, Party, Phase
from canvas.store import Store
from canvas.web.actions import actions_route
from tests.test_hub import next_message, run

PHONE_NL = Audience.phone_in(Language.NL)


@pytest.fixture
def sqlite_store(sqlite_url: str):
    store = Store(sqlite_url)
    yield store
    store.close()


def board_with_two(store: Store) -> tuple[CreatedBoard, str, str, int]:
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Kanaal"))
    board_id = created.board.id
    ans = store.join(board_id=board_id, new=ParticipantCreate(display_name="Ans", party=Party.CIVIC)).id
    bert = store.join(board_id=board_id, new=ParticipantCreate(display_name="Bert", party=Party.FUNDER)).id
    zone = store.load_snapshot(board_id=board_id).zones[0].id
    return created, ans, bert, zone


def test_a_phone_gets_its_own_part_and_nothing_for_others_notes_while_people_write(sqlite_store: Store) -> None:
    created, ans, bert, zone = board_with_two(sqlite_store)
    board_id = created.board.id

    async def scenario() -> None:
        hub = LiveHub(sqlite_store, check_seconds=60, safety_seconds=3600)
        await hub.start()
        phone = hub.listen(board_id, PHONE_NL, participant_id=ans)
        first = await next_message(phone)
        assert set(first) == {"rev", "now", "room", "own"} and first["own"]["notes"] == []
        # Bert writes freely: nothing Ans's phone draws changed, so it is sent nothing. Her phone waits for the
        # next message meanwhile; once the hub has built the message of Bert's revision, Ans writes herself.
        waiting = asyncio.ensure_future(anext(phone))
        bert_revision = await asyncio.to_thread(
            lambda: (
                sqlite_store.add_note(board_id=board_id, participant_id=bert, new=NoteCreate(zone_id=zone, text="B"))
                and sqlite_store.get_revision(board_id=board_id)
            )
        )
        while (built := hub._messages.get((board_id, PHONE_NL))) is None or built.revision < bert_revision:
            done, _ = await asyncio.wait({waiting}, timeout=0.02)  # a bounded wait on the hub's state
            assert not done, "a message for another person's note"
        await asyncio.to_thread(
            sqlite_store.add_note, board_id=board_id, participant_id=ans, new=NoteCreate(zone_id=zone, text="A")
        )
        mine = json.loads(await asyncio.wait_for(waiting, 5))
        assert mine["rev"] > bert_revision  # the first message after Bert's note is Ans's own
        assert [note["text"] for note in mine["own"]["notes"]] == ["A"]
        assert "B" not in json.dumps(mine["room"]) and bert not in json.dumps(mine)
        # The facilitator reveals: the room changed for everyone, Bert's note is read back, without his name.
        canvas = (await asyncio.to_thread(sqlite_store.load_snapshot, board_id=board_id)).active_canvas.id
        await asyncio.to_thread(
            sqlite_store.set_phase,
            board_id=board_id,
            canvas_id=canvas,
            phase=Phase.REVEAL,
            facilitator_token=created.facilitator_token,
        )
        revealed = await next_message(phone)
        assert revealed["room"]["active"]["phase"] == "reveal"
        assert sorted(item["text"] for item in revealed["room"]["active"]["items"]) == ["A", "B"]
        assert "Bert" not in json.dumps(revealed) and bert not in json.dumps(revealed)
        await phone.aclose()
        await hub.stop()

    run(scenario())


def test_sixty_phones_cost_one_build_per_revision(sqlite_store: Store) -> None:
    created, ans, _bert, _zone = board_with_two(sqlite_store)
    board_id = created.board.id
    people = [ans] + [sqlite_store.join(board_id=board_id, new=ParticipantCreate()).id for _ in range(59)]

    async def scenario() -> tuple[int, int]:
        hub = LiveHub(sqlite_store, check_seconds=60, safety_seconds=3600)
        await hub.start()
        phones = [hub.listen(board_id, PHONE_NL, participant_id=person) for person in people]
        await asyncio.gather(*(next_message(phone) for phone in phones))
        before = hub.builds
        canvas = (await asyncio.to_thread(sqlite_store.load_snapshot, board_id=board_id)).active_canvas.id
        await asyncio.to_thread(
            sqlite_store.set_phase,
            board_id=board_id,
            canvas_id=canvas,
            phase=Phase.WRITE,
            facilitator_token=created.facilitator_token,
        )
        messages = await asyncio.gather(*(next_message(phone) for phone in phones))
        assert {message["room"]["active"]["phase"] for message in messages} == {"write"}
        for phone in phones:
            await phone.aclose()
        await hub.stop()
        return before, hub.builds

    before, after = run(scenario())
    assert after - before == 1


class Client:
    """Posts to the route as a server would hand it a request (ASGI, in process): Starlette's TestClient
    needs a package the app does not otherwise need."""

    def __init__(self, app: Starlette) -> None:
        self.app = app

    def post(self, path: str, content: str) -> tuple[int, dict]:
        async def call() -> tuple[int, dict]:
            path_only, _, query = path.partition("?")
            scope = {
                "type": "http",
                "http_version": "1.1",
                "method": "POST",
                "path": path_only,
                "raw_path": path_only.encode(),
                "query_string": query.encode(),
                "headers": [(b"content-type", b"application/json")],
                "client": ("127.0.0.1", 5000),
                "server": ("127.0.0.1", 80),
                "scheme": "http",
                "root_path": "",
            }
            body = content.encode()
            sent: list[dict] = []

            async def receive() -> dict:
                return {"type": "http.request", "body": body, "more_body": False}

            async def send(message: dict) -> None:
                sent.append(message)

            await self.app(scope, receive, send)
            status = next(m["status"] for m in sent if m["type"] == "http.response.start")
            payload = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
            return status, json.loads(payload)

        return run(call())


def client_for(store: Store) -> Client:
    return Client(Starlette(routes=[actions_route(store=store, failures_per_minute=5)]))


def act(client: Client, code: str, body: object) -> tuple[int, dict]:
    return client.post(f"/act/{code}", json.dumps(body))


def test_the_request_route_does_what_the_phone_asks_and_answers_in_its_language(sqlite_store: Store) -> None:
    created, ans, _bert, zone = board_with_two(sqlite_store)
    client = client_for(sqlite_store)
    code = created.board.code
    status, answer = act(
        client, code, {"p": ans, "lang": "en", "action": {"kind": "add_note", "zone_id": zone, "text": "Zon"}}
    )
    assert status == 200 and answer["ok"] is True and answer["message"] == "Your note is on the board."
    assert answer["rev"] == sqlite_store.get_revision(board_id=created.board.id)
    # A refusal is news for the person, not an error of the request: 200, ok false, the message, nothing stored.
    status, answer = act(client, code, {"p": ans, "action": {"kind": "add_note", "zone_id": zone, "text": " "}})
    assert status == 200 and answer == {
        "ok": False,
        "message": "Je notitie is nog leeg. Schrijf eerst iets op.",
        "rev": None,
    }
    assert [n.text for n in sqlite_store.load_snapshot(board_id=created.board.id).notes] == ["Zon"]


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        {"p": "x"},
        {"p": "x", "action": {"kind": "drop_table"}},
        {"p": "x", "action": {"kind": "add_note", "zone_id": 1, "text": "t", "author": "someone else"}},
    ],
)
def test_a_body_that_is_not_a_phone_request_is_refused_and_nothing_changes(sqlite_store: Store, body: object) -> None:
    created, _ans, _bert, _zone = board_with_two(sqlite_store)
    client = client_for(sqlite_store)
    status, answer = client.post(
        f"/act/{created.board.code}?lang=en", body if isinstance(body, str) else json.dumps(body)
    )
    assert status == 400 and answer == {"ok": False, "message": "Something went wrong. Please try again."}
    assert sqlite_store.load_snapshot(board_id=created.board.id).notes == ()


def test_an_unknown_code_and_a_wrong_participant_look_alike_and_guessing_is_cut_off(sqlite_store: Store) -> None:
    created, ans, _bert, zone = board_with_two(sqlite_store)
    client = client_for(sqlite_store)
    action = {"kind": "add_note", "zone_id": zone, "text": "geraden"}
    answers = {
        json.dumps(act(client, "ZZZZZZ", {"p": ans, "action": action})),
        json.dumps(act(client, created.board.code, {"p": "not-a-participant", "action": action})),
    }
    assert len(answers) == 1 and json.loads(next(iter(answers)))[0] == 404
    for _ in range(3):
        assert act(client, "ZZZZZZ", {"p": ans, "action": action})[0] == 404
    # Five failures a minute from one address: even the right participant waits now.
    assert act(client, created.board.code, {"p": ans, "action": action})[0] == 429
    assert sqlite_store.load_snapshot(board_id=created.board.id).notes == ()


def test_a_body_far_over_any_limit_is_refused_unread(sqlite_store: Store) -> None:
    created, ans, _bert, zone = board_with_two(sqlite_store)
    client = client_for(sqlite_store)
    huge = {"p": ans, "action": {"kind": "add_note", "zone_id": zone, "text": "x" * 20_000}}
    assert act(client, created.board.code, huge)[0] == 413
