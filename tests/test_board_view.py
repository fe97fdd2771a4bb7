"""The data the board component draws: labels in the right language, and no secrets."""

import json

from canvas.board_view import board_view
from canvas.models import BoardCreate, Language, NoteCreate, ParticipantCreate, Party
from canvas.store import Store


def test_board_view_carries_what_the_screen_needs_and_no_participant_ids(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    created = store.create_board(new=BoardCreate(title="T"))
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
