"""The data the board component draws: labels in the right language, and no secrets."""

import json

import pytest

from canvas.board_view import Move, board_view, live_message, move_to_store
from canvas.content import default_canvas
from canvas.errors import FacilitatorOnly
from canvas.models import BoardCreate, Language, NoteCreate, ParticipantCreate, Party, Phase
from canvas.store import Store


def test_board_view_carries_what_the_screen_needs_and_no_participant_ids(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="T"))
    board_id = created.board.id
    snapshot = store.load_snapshot(board_id=board_id)
    zone = next(z for z in snapshot.zones if z.key == "legal")
    anonymous = store.join(board_id=board_id, new=ParticipantCreate(party=Party.FUNDER))
    store.add_note(board_id=board_id, participant_id=anonymous.id, new=NoteCreate(zone_id=zone.id, text="<b>vet</b>"))
    snapshot = store.load_snapshot(board_id=board_id)

    view_nl = board_view(snapshot, snapshot.canvases[0].id, Language.NL, can_drag=False)
    view_en = board_view(snapshot, snapshot.canvases[0].id, Language.EN, can_drag=True)

    assert view_nl["layout"] == "house" and view_nl["can_drag"] is False and view_en["can_drag"] is True
    assert [z["title"] for z in view_nl["zones"] if z["key"] == "legal"] == ["Juridische kaders"]
    assert [z["title"] for z in view_en["zones"] if z["key"] == "legal"] == ["Legal frameworks"]
    assert view_nl["notes"] == [
        {
            "id": view_nl["notes"][0]["id"],
            "zone_id": zone.id,
            "text": "<b>vet</b>",
            "author": "Anoniem",
            "party": "funder",
            "position": 1.0,
        }
    ]
    assert view_en["notes"][0]["author"] == "Anonymous"
    assert view_en["labels"]["parties"]["funder"] == "Funder"
    # The page's language, the words the component speaks (placeholders left for it), and an empty status line.
    assert (view_nl["language"], view_en["language"]) == ("nl", "en")
    assert view_nl["labels"]["more"] == "+ {count} meer" and view_en["labels"]["more"] == "+ {count} more"
    assert view_nl["labels"]["count_many"] == "{count} notities"
    assert view_nl["status"] == ""
    assert anonymous.id not in json.dumps(view_nl)
    store.close()


def test_the_live_message_carries_no_private_note_only_how_many(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="T"))
    board_id, token = created.board.id, created.facilitator_token
    canvas_id = store.load_snapshot(board_id=board_id).canvases[0].id
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.WRITE, facilitator_token=token)
    zone = store.load_snapshot(board_id=board_id).zones[0]
    for name in ("Alice", "Bob"):
        author = store.join(board_id=board_id, new=ParticipantCreate(display_name=name))
        store.add_note(
            board_id=board_id, participant_id=author.id, new=NoteCreate(zone_id=zone.id, text=f"geheim {name}")
        )
    snapshot = store.load_snapshot(board_id=board_id)

    for message in (live_message(snapshot, language=Language.NL), live_message(snapshot, language=None)):
        sent = json.dumps(message)
        assert "geheim" not in sent and "Alice" not in sent
    view = live_message(snapshot, language=Language.NL)["view"]
    assert view["notes"] == [] and [z["private"] for z in view["zones"] if z["id"] == zone.id] == [2]
    assert view["counts"].endswith("Notities: 2")  # how many are in, said in the room

    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.REVEAL, facilitator_token=token)
    revealed = live_message(store.load_snapshot(board_id=board_id), language=Language.NL)
    assert sorted(n["text"] for n in revealed["view"]["notes"]) == ["geheim Alice", "geheim Bob"]
    assert revealed["sig"] != live_message(snapshot, language=None)["sig"]  # phones hear of the reveal
    store.close()


def test_a_note_shows_its_own_dots_and_its_groups_and_the_most_voted_comes_first_in_discussion(
    sqlite_url: str,
) -> None:
    from canvas.models import ClusterCreate

    store = Store(sqlite_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="T"))
    board_id, token = created.board.id, created.facilitator_token
    canvas_id = store.load_snapshot(board_id=board_id).canvases[0].id
    zone = store.load_snapshot(board_id=board_id).zones[0]
    people = [store.join(board_id=board_id, new=ParticipantCreate(display_name=n)).id for n in ("A", "B")]
    first, grouped = (
        store.add_note(board_id=board_id, participant_id=people[0], new=NoteCreate(zone_id=zone.id, text=text)).id
        for text in ("eerste", "in een groep")
    )
    group = store.create_cluster(
        board_id=board_id,
        canvas_id=canvas_id,
        new=ClusterCreate(title="G", note_ids=[grouped]),
        facilitator_token=token,
    )
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
    for person in people:
        store.cast_vote(board_id=board_id, participant_id=person, cluster_id=group.id)
    store.cast_vote(board_id=board_id, participant_id=people[0], note_id=grouped)
    store.cast_vote(board_id=board_id, participant_id=people[1], note_id=first)

    def drawn() -> list[tuple[str, int, str | None]]:
        view = board_view(store.load_snapshot(board_id=board_id), canvas_id, Language.NL, can_drag=False)
        ordered = sorted(view["notes"], key=lambda n: n["position"])
        return [(n["text"], n["votes"], n.get("cluster")) for n in ordered]

    assert drawn() == [("eerste", 1, None), ("in een groep", 3, "G")]
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.DISCUSS, facilitator_token=token)
    assert drawn() == [("in een groep", 3, "G"), ("eerste", 1, None)]
    store.close()


def test_the_rooms_notes_speak_for_no_party_on_the_screens(sqlite_url: str) -> None:
    """The facilitator's notes for the room are stored with a placeholder party ("other"); the screens must
    not show them as "Anders" in a party's colour, but as the exports do: for the room."""
    store = Store(sqlite_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="T"))
    board_id, token = created.board.id, created.facilitator_token
    zone = next(z for z in store.load_snapshot(board_id=board_id).zones if z.key == "legal")
    store.add_room_note(board_id=board_id, new=NoteCreate(zone_id=zone.id, text="Uit de zaal"), facilitator_token=token)
    snapshot = store.load_snapshot(board_id=board_id)
    for language, label in ((Language.NL, "Namens de zaal"), (Language.EN, "For the room")):
        view = board_view(snapshot, snapshot.canvases[0].id, language, can_drag=False)
        [note] = view["notes"]
        assert note["party"] == "room" and view["labels"]["parties"]["room"] == label
    store.close()


def test_a_drag_while_discussing_changes_a_notes_zone_and_never_the_boards_order(sqlite_url: str) -> None:
    """While discussing, the board draws ranks as positions: what a drop sends is no place in the board's
    order. A drop in the note's own zone stores nothing; in another zone the note goes to the end of it."""
    store = Store(sqlite_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="T"))
    board_id, token = created.board.id, created.facilitator_token
    canvas_id = store.load_snapshot(board_id=board_id).canvases[0].id
    goals, legal = (
        next(z for z in store.load_snapshot(board_id=board_id).zones if z.key == k) for k in ("goals", "legal")
    )
    person = store.join(board_id=board_id, new=ParticipantCreate(display_name="A")).id

    def note(zone_id: int, text: str) -> int:
        return store.add_note(board_id=board_id, participant_id=person, new=NoteCreate(zone_id=zone_id, text=text)).id

    quiet, voted = note(goals.id, "stil"), note(goals.id, "gekozen")
    rule = note(legal.id, "regel")
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=token)
    store.cast_vote(board_id=board_id, participant_id=person, note_id=voted)
    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.DISCUSS, facilitator_token=token)
    snapshot = store.load_snapshot(board_id=board_id)
    drawn = {n["id"]: n["position"] for n in board_view(snapshot, canvas_id, Language.NL, can_drag=True)["notes"]}
    assert drawn[voted] < drawn[quiet]  # the board shows the voted note first: ranks, not the board's order

    # What the component sends for "quiet" dropped above "voted" (before its rank): stored, it would put
    # "quiet" first in the board's own order.
    above = Move(note_id=quiet, zone_id=goals.id, position=drawn[voted] - 1)
    assert move_to_store(snapshot, above) is None
    to_legal = move_to_store(snapshot, Move(note_id=voted, zone_id=legal.id, position=drawn[rule] - 1))
    assert to_legal == Move(note_id=voted, zone_id=legal.id, position=None)
    store.move_note(note_id=voted, zone_id=legal.id, position=to_legal.position, facilitator_token=token)

    store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=Phase.OPEN, facilitator_token=token)
    after = store.load_snapshot(board_id=board_id)
    assert [n.id for n in after.notes_in(goals.id)] == [quiet]
    assert [n.id for n in after.notes_in(legal.id)] == [rule, voted]
    # Outside the discussion a drop goes as sent, and a note the board does not hold goes to the store as sent.
    anywhere = Move(note_id=quiet, zone_id=goals.id, position=0.5)
    assert move_to_store(after, anywhere) == anywhere
    assert move_to_store(snapshot, Move(note_id=-1, zone_id=goals.id, position=2.0)) == Move(-1, goals.id, 2.0)
    store.close()


def test_a_zone_opened_on_the_console_is_open_in_every_screens_live_message(sqlite_url: str) -> None:
    """ "+ N meer" opened by the facilitator is stored with the zone, so the presentation opens it too; only the
    facilitator may, and folding it again closes it everywhere."""
    store = Store(sqlite_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="T"))
    board_id, token = created.board.id, created.facilitator_token
    zone = next(z for z in store.load_snapshot(board_id=board_id).zones if z.key == "governance")

    def opened() -> list[str]:
        message = live_message(store.load_snapshot(board_id=board_id), language=Language.NL)
        return [z["key"] for z in message["view"]["zones"] if z["open"]]

    assert opened() == []
    store.set_zone_opened(board_id=board_id, zone_id=zone.id, opened=True, facilitator_token=token)
    assert opened() == ["governance"]
    with pytest.raises(FacilitatorOnly):
        store.set_zone_opened(board_id=board_id, zone_id=zone.id, opened=False, facilitator_token="wrong")
    assert opened() == ["governance"]
    store.set_zone_opened(board_id=board_id, zone_id=zone.id, opened=False, facilitator_token=token)
    assert opened() == []
