"""Importing a board's JSON: a new board from a good file, nothing written for a bad one, and
export -> import -> export gives the same content."""

from __future__ import annotations

import copy
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from canvas import store as store_module
from canvas.content import canvas_template
from canvas.exports.registry import export, load_source
from canvas.exports.schema import FORMAT, MAX_IMPORT_BYTES, BoardDocument, ImportRefused, parse_document
from canvas.i18n import catalog
from canvas.models import DIMENSION_KEYS, Language, Party
from canvas.store import Store
from tests.board_samples import rich_board

TABLES = ("boards", "canvases", "zones", "participants", "notes", "rounds", "scores")


def row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(getattr(store_module, name))).scalar_one()
            for name in TABLES
        }


def content(raw: bytes) -> dict:
    """A document without what an import renews: the join code is not in it; times of export and creation."""
    document = json.loads(raw)
    document.pop("exported_at")
    document["board"].pop("created_at")
    return document


def test_an_import_is_a_new_board_with_the_same_content(store: Store) -> None:
    original = rich_board(store, notes=20)
    first = export(load_source(store, board_id=original.board.id), "json")
    imported = store.import_board(document=parse_document(first))
    assert imported.board.code != original.board.code
    assert imported.facilitator_token != original.facilitator_token
    assert store.is_facilitator(board_id=imported.board.id, token=imported.facilitator_token)
    assert not store.is_facilitator(board_id=imported.board.id, token=original.facilitator_token)
    again = export(load_source(store, board_id=imported.board.id), "json")
    assert content(again) == content(first)
    old_ids = {p.id for p in store.participants_of(board_id=original.board.id)}
    new_ids = {p.id for p in store.participants_of(board_id=imported.board.id)}
    assert old_ids.isdisjoint(new_ids)  # participants get new secret ids
    assert store.load_snapshot(board_id=imported.board.id).active_canvas.sort_order == 2


def good_document(store: Store) -> dict:
    created = rich_board(store, notes=6, rounds=1)
    return json.loads(export(load_source(store, board_id=created.board.id), "json"))


def _break(document: dict, how: str) -> bytes:
    doc = copy.deepcopy(document)
    if how == "wrong type: note text is a number":
        doc["notes"][0]["text"] = 42
    elif how == "wrong type: version as text":
        doc["schema_version"] = "1"
    elif how == "wrong type: position as text":
        doc["notes"][0]["position"] = "1.0"
    elif how == "duplicate note ids":
        doc["notes"][1]["ref"] = doc["notes"][0]["ref"]
    elif how == "duplicate participant ids":
        doc["participants"][1]["ref"] = doc["participants"][0]["ref"]
    elif how == "duplicate scores":
        doc["rounds"][0]["scores"].append(doc["rounds"][0]["scores"][0])
    elif how == "a note in a zone that is not there":
        doc["notes"][0]["zone"] = "z999"
    elif how == "a note by someone who is not there":
        doc["notes"][0]["author"] = "p999"
    elif how == "an unknown field":
        doc["notes"][0]["votes"] = 3
    elif how == "a note too long":
        doc["notes"][0]["text"] = "x" * 281
    elif how == "a score of 6":
        doc["rounds"][0]["scores"][0]["level"] = 6
    elif how == "an unknown dimension":
        doc["rounds"][0]["scores"][0]["dimension"] = "happiness"
    elif how == "a NUL character":
        doc["notes"][0]["text"] = "a\u0000b"
    elif how == "a template this app does not know":
        doc["canvases"][0]["template"] = "no_such_canvas"
    elif how == "two open rounds":
        doc["rounds"].append({**doc["rounds"][0], "number": 2, "closed_at": None})
        doc["rounds"][0]["closed_at"] = None
    elif how == "no canvas":
        doc["canvases"] = []
        doc["notes"] = []
        doc["board"]["active_canvas"] = None
    elif how == "a missing field":
        del doc["board"]["title"]
    elif how == "an empty title":
        doc["board"]["title"] = ""
    elif how == "a position that is not a number":
        return json.dumps(doc).replace('"position": 1.0', '"position": NaN', 1).encode()
    else:  # pragma: no cover
        raise AssertionError(how)
    return json.dumps(doc).encode()


INVALID = (
    "wrong type: note text is a number",
    "wrong type: position as text",
    "duplicate note ids",
    "duplicate participant ids",
    "duplicate scores",
    "a note in a zone that is not there",
    "a note by someone who is not there",
    "an unknown field",
    "a note too long",
    "a score of 6",
    "an unknown dimension",
    "a NUL character",
    "a template this app does not know",
    "two open rounds",
    "no canvas",
    "a missing field",
    "an empty title",
    "a position that is not a number",
)


def _whole_file_cases(document: dict) -> dict[str, tuple[bytes, str]]:
    raw = json.dumps(document).encode()
    return {
        "not JSON": (b"this is not json", "error.import_not_json"),
        "empty": (b"", "error.import_not_json"),
        "truncated": (raw[: len(raw) // 2], "error.import_not_json"),
        "not UTF-8": (b"\xff\xfe\x00{", "error.import_not_json"),
        "a list": (b"[1, 2, 3]", "error.import_foreign"),
        "foreign": (json.dumps({"format": "trello", "cards": []}).encode(), "error.import_foreign"),
        "unknown version": (json.dumps({**document, "schema_version": 99}).encode(), "error.import_unknown_version"),
        "older version": (json.dumps({**document, "schema_version": 0}).encode(), "error.import_too_old"),
        "version as text": (_break(document, "wrong type: version as text"), "error.import_invalid"),
        "huge": (raw + b" " * (MAX_IMPORT_BYTES + 1 - len(raw)), "error.import_too_large"),
    }


def test_bad_files_are_refused_with_a_reason_and_nothing_is_written(store: Store) -> None:
    document = good_document(store)
    before = row_counts(store)
    cases = {how: (_break(document, how), "error.import_invalid") for how in INVALID}
    cases.update(_whole_file_cases(document))
    assert len(cases) >= 25
    for how, (raw, key) in cases.items():
        with pytest.raises(ImportRefused) as refused:
            store.import_board(document=parse_document(raw))
        assert refused.value.message_key == key, how
        assert row_counts(store) == before, how
    for key in {key for _raw, key in cases.values()}:
        assert key in catalog(Language.NL) and key in catalog(Language.EN)
    # The untouched document still imports: the refusals above were about what was broken.
    store.import_board(document=parse_document(json.dumps(document)))
    assert row_counts(store)["boards"] == before["boards"] + 1


def test_an_import_that_fails_halfway_leaves_nothing_behind(store: Store) -> None:
    document = parse_document(json.dumps(good_document(store)))
    before = row_counts(store)
    # Skip validation to get a score by someone unknown past the gate: the write fails after
    # the board, its participants, canvases and notes were inserted, inside the one transaction.
    rounds = list(document.rounds)
    broken_round = rounds[0].model_copy(
        update={"scores": (rounds[0].scores[0].model_copy(update={"participant": "p999"}),)}
    )
    broken = document.model_copy(update={"rounds": (broken_round,)})
    with pytest.raises(KeyError):
        store.import_board(document=broken)
    assert row_counts(store) == before


# --- the round trip as a property -----------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40
)
MOMENT = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC))
HOUSE = canvas_template("collaboration")


@st.composite
def documents(draw) -> bytes:
    """A valid board document: Unicode everywhere, empty canvases, anonymous people, rounds or none."""
    people = draw(st.lists(st.tuples(st.none() | TEXT, st.sampled_from(Party), MOMENT), min_size=1, max_size=5))
    participants = [
        {"ref": f"p{i + 1}", "name": name, "party": party.value, "joined_at": moment.isoformat()}
        for i, (name, party, moment) in enumerate(people)
    ]
    canvases, zone_refs = [], []
    for c_index in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            zones = [
                {"key": z.key, "band": z.band.value if z.band else None, "title": None, "prompt": None}
                for z in HOUSE.zones
            ]
            canvas = {"template": "collaboration", "title": None, "layout": "house"}
        else:
            titles = draw(st.lists(TEXT, min_size=1, max_size=4))
            zones = [
                {"key": f"zone_{i + 1}", "band": None, "title": title, "prompt": draw(st.none() | TEXT)}
                for i, title in enumerate(titles)
            ]
            canvas = {"template": None, "title": draw(TEXT), "layout": "grid"}
        for zone in zones:
            zone_refs.append(f"z{len(zone_refs) + 1}")
            zone.update(ref=zone_refs[-1], label="")
        canvases.append({**canvas, "ref": f"c{c_index + 1}", "label": "", "zones": zones})
    notes = [
        {
            "ref": f"n{i + 1}",
            "zone": draw(st.sampled_from(zone_refs)),
            "author": draw(st.sampled_from(participants))["ref"],
            "text": draw(TEXT),
            "position": draw(st.sampled_from([1.0, 2.0, 2.5]) | st.floats(-1e6, 1e6, allow_nan=False)),
            "created_at": draw(MOMENT).isoformat(),
            "updated_at": draw(MOMENT).isoformat(),
        }
        for i in range(draw(st.integers(0, 12)))
    ]
    rounds = []
    for number in range(1, draw(st.integers(0, 2)) + 1):
        scorers = draw(st.lists(st.sampled_from(participants), unique_by=lambda p: p["ref"], max_size=3))
        scores = [
            {
                "participant": person["ref"],
                "dimension": dimension,
                "level": draw(st.none() | st.integers(1, 5)),
                "comment": draw(st.none() | TEXT),
                "updated_at": draw(MOMENT).isoformat(),
            }
            for person in scorers
            for dimension in draw(st.lists(st.sampled_from(DIMENSION_KEYS), unique=True, max_size=3))
        ]
        opened = draw(MOMENT)
        rounds.append(
            {
                "number": number,
                "title": draw(st.none() | TEXT),
                "opened_at": opened.isoformat(),
                "closed_at": opened.isoformat(),
                "scores": scores,
            }
        )
    document = {
        "format": FORMAT,
        "schema_version": 1,
        "exported_at": draw(MOMENT).isoformat(),
        "board": {
            "title": draw(TEXT),
            "language": draw(st.sampled_from(Language)).value,
            "scores_public": draw(st.booleans()),
            "active_canvas": draw(st.sampled_from([c["ref"] for c in canvases])),
            "created_at": draw(MOMENT).isoformat(),
        },
        "participants": participants,
        "canvases": canvases,
        "notes": notes,
        "rounds": rounds,
    }
    return json.dumps(document, ensure_ascii=draw(st.booleans())).encode()


def facts(document: BoardDocument) -> dict:
    """What a board says, independent of the references a file happens to use."""
    zone_path = {z.ref: (i, j) for i, c in enumerate(document.canvases) for j, z in enumerate(c.zones)}
    person = {p.ref: (p.name, p.party, p.joined_at) for p in document.participants}
    return {
        "board": (document.board.title, document.board.language, document.board.scores_public),
        "canvases": [
            (c.template, c.title, c.layout, [(z.key, z.band, z.title, z.prompt) for z in c.zones])
            for c in document.canvases
        ],
        "notes": sorted(
            (
                (zone_path[n.zone], n.position, n.text, person[n.author], n.created_at, n.updated_at)
                for n in document.notes
            ),
            key=repr,  # names and levels may be None: compare their spelling, not their order
        ),
        "people": sorted(person.values(), key=repr),
        "rounds": [
            (
                r.number,
                r.title,
                r.opened_at,
                r.closed_at,
                sorted(
                    ((person[s.participant], s.dimension, s.level, s.comment, s.updated_at) for s in r.scores), key=repr
                ),
            )
            for r in document.rounds
        ],
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raw=documents())
def test_export_import_export_gives_the_same_content(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'canvas.sqlite3'}")
        try:
            original = parse_document(raw)
            board = store.import_board(document=original).board
            first = export(load_source(store, board_id=board.id), "json")
            assert facts(parse_document(first)) == facts(original)
            second = export(
                load_source(store, board_id=store.import_board(document=parse_document(first)).board.id), "json"
            )
            assert content(second) == content(first)
        finally:
            store.close()


def test_groups_dots_phases_and_notes_for_the_room_survive_an_export_and_import(store: Store) -> None:
    from canvas.models import ClusterCreate, FacilitationChange, NoteCreate, Phase

    original = rich_board(store, notes=12, rounds=0)
    board_id, token = original.board.id, original.facilitator_token
    snapshot = store.load_snapshot(board_id=board_id)
    canvas = snapshot.canvases[0]
    on_canvas = [n for n in snapshot.notes if n.zone_id in {z.id for z in snapshot.zones_of(canvas.id)}]
    group = store.create_cluster(
        board_id=board_id,
        canvas_id=canvas.id,
        new=ClusterCreate(title="Samen doen", note_ids=[on_canvas[0].id, on_canvas[1].id]),
        facilitator_token=token,
    )
    store.add_room_note(
        board_id=board_id, new=NoteCreate(zone_id=on_canvas[2].zone_id, text="Uit de zaal"), facilitator_token=token
    )
    store.set_facilitation(
        board_id=board_id, change=FacilitationChange(vote_dots=4, votes_stack=True), facilitator_token=token
    )
    store.set_phase(board_id=board_id, canvas_id=canvas.id, phase=Phase.VOTE, facilitator_token=token)
    voter = on_canvas[0].participant_id
    store.cast_vote(board_id=board_id, participant_id=voter, cluster_id=group.id)
    store.cast_vote(board_id=board_id, participant_id=voter, note_id=on_canvas[3].id)
    store.cast_vote(board_id=board_id, participant_id=voter, note_id=on_canvas[3].id)
    store.set_phase(board_id=board_id, canvas_id=canvas.id, phase=Phase.DISCUSS, facilitator_token=token)

    first = export(load_source(store, board_id=board_id), "json")
    document = json.loads(first)
    assert [c["title"] for c in document["clusters"]] == ["Samen doen"]
    assert len(document["votes"]) == 3 and document["board"]["vote_dots"] == 4
    imported = store.import_board(document=parse_document(first))
    again = export(load_source(store, board_id=imported.board.id), "json")
    assert content(again) == content(first)
    copy_ = store.load_snapshot(board_id=imported.board.id)
    assert copy_.canvases[0].phase is Phase.DISCUSS
    assert [n.text for n in copy_.notes if n.by_facilitator] == ["Uit de zaal"]
    assert copy_.participant_count == store.load_snapshot(board_id=board_id).participant_count


def test_a_negative_zero_position_reads_as_zero_so_a_round_trip_is_stable(store: Store) -> None:
    original = export(load_source(store, board_id=rich_board(store, notes=2, rounds=0).board.id), "json")
    document = json.loads(original)
    document["notes"][0]["position"] = -0.0
    parsed = parse_document(json.dumps(document).encode())
    assert str(parsed.notes[0].position) == "0.0"
    again = export(load_source(store, board_id=store.import_board(document=parsed).board.id), "json")
    assert json.loads(again)["notes"][0]["position"] == 0.0 and '"position": -0.0' not in again.decode()
