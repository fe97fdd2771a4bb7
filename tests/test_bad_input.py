"""A catalogue of bad input over every user-editable field, on SQLite and PostgreSQL.

Each case is either refused with a message in the user's language (and nothing stored changes), or stored
exactly as typed (tests/test_literal.py shows that what is stored is then shown literally).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest
from pydantic import ValidationError

from canvas.content import default_canvas
from canvas.i18n import t
from canvas.models import (
    BoardCreate,
    CreatedBoard,
    CustomCanvasCreate,
    CustomZoneCreate,
    Language,
    NoteCreate,
    NoteEdit,
    Participant,
    ParticipantCreate,
    RoundCreate,
    ScoreCreate,
)
from canvas.store import Store
from canvas.ui.errors import input_message

LITERAL = "literal"
CONTROL = "error.control_characters"
INVISIBLE = "error.invisible_only"
TOO_LONG = "error.text_too_long"


class Case(NamedTuple):
    field: str
    text: str
    expected: str  # LITERAL, or the i18n key of the message it is refused with


CATALOGUE = [
    Case("note", "![pixel](https://tracker.example/p.png)", LITERAL),
    Case("note", "[klik hier](javascript:alert(1))", LITERAL),
    Case("note", ":material/home: thuis", LITERAL),
    Case("note", "&amp; &lt;b&gt; &#x1F600; &copy;", LITERAL),
    Case("note", "<img src=x onerror=alert(1)>", LITERAL),
    Case("note", "a\x00b", CONTROL),
    Case("note", "\u200b\u200b", INVISIBLE),
    Case("note", "regel 1\nregel 2\tmet tab", LITERAL),
    Case("note", "x" * 281, TOO_LONG),
    Case("note", "'; DROP TABLE notes; --", LITERAL),
    Case("note", "{{ 7*7 }} {x} %s {0} ${PATH}", LITERAL),
    Case("note", "kapot \ud800 teken", CONTROL),
    Case("note", "abc\u202edcba", CONTROL),
    Case("note", "مرحبا بالجميع في الحديقة", LITERAL),
    Case("note", "Donaudampfschifffahrtsgesellschaft" * 8, LITERAL),
    Case("note", "$x^2$ en $$\\int_0^1 x$$", LITERAL),
    Case("note", "# Kop\n- lijst\n> citaat", LITERAL),
    Case("note", "\u200d", INVISIBLE),
    Case("note", "👩‍👩‍👧 gezin", LITERAL),
    Case("note", "\x1b[31mrood", CONTROL),
    Case("note", "\u3164", INVISIBLE),
    Case("note_edit", "b\x00", CONTROL),
    Case("note_edit", "![x](http://e.example/x.png)", LITERAL),
    Case("note_edit", "\ufeff", INVISIBLE),
    Case("name", "Alice\x00", CONTROL),
    Case("name", "\u200b", INVISIBLE),
    Case("name", "**Bob** <b>", LITERAL),
    Case("name", ":material/star: Ster", LITERAL),
    Case("name", "x" * 41, TOO_LONG),
    Case("name", "Eve\u202e", CONTROL),
    Case("name", "a\nb", CONTROL),
    Case("board_title", "![t](http://e.example/t.png) Park", LITERAL),
    Case("board_title", "\x00", CONTROL),
    Case("board_title", "\u2060\u200b", INVISIBLE),
    Case("board_title", "x" * 81, TOO_LONG),
    Case("board_title", "&copy; Noord -- Zuid", LITERAL),
    Case("canvas_title", "[Canvas](http://evil.example)", LITERAL),
    Case("canvas_title", "Kop\x07", CONTROL),
    Case("canvas_title", ":streamlit: :smile: :red[rood]", LITERAL),
    Case("zone_title", "<script>alert(1)</script>", LITERAL),
    Case("zone_title", "\u00ad", INVISIBLE),
    Case("zone_prompt", "Wat vind je van ![x](http://e.example/x.png)?", LITERAL),
    Case("zone_prompt", "vraag\x00", CONTROL),
    Case("zone_prompt", "x" * 201, TOO_LONG),
    Case("round_title", "Ronde {1} {{ ronde }}", LITERAL),
    Case("round_title", "\x7f", CONTROL),
    Case("round_title", "x" * 61, TOO_LONG),
    Case("score_comment", "{{ config }} `code`", LITERAL),
    Case("score_comment", "\x00", CONTROL),
    Case("score_comment", "x" * 201, TOO_LONG),
    Case("score_comment", "\u200b \u200c", INVISIBLE),
]

Writer = Callable[[Store, CreatedBoard, Participant, str], str]


def _note(store: Store, created: CreatedBoard, alice: Participant, text: str) -> str:
    zone_id = store.load_snapshot(board_id=created.board.id).zones[0].id
    return store.add_note(
        board_id=created.board.id, participant_id=alice.id, new=NoteCreate(zone_id=zone_id, text=text)
    ).text


def _note_edit(store: Store, created: CreatedBoard, alice: Participant, text: str) -> str:
    note_id = store.notes_of(board_id=created.board.id, participant_id=alice.id)[0].id
    return store.edit_note(note_id=note_id, participant_id=alice.id, edit=NoteEdit(text=text)).text


def _name(store: Store, created: CreatedBoard, alice: Participant, text: str) -> str:
    return store.join(board_id=created.board.id, new=ParticipantCreate(display_name=text)).display_name


def _board_title(store: Store, created: CreatedBoard, alice: Participant, text: str) -> str:
    return store.create_board(first_canvas=default_canvas(), new=BoardCreate(title=text)).board.title


def _custom(store: Store, created: CreatedBoard, title: str, zone: str, prompt: str):
    new = CustomCanvasCreate(title=title, zones=[CustomZoneCreate(title=zone, prompt=prompt)])
    canvas = store.add_custom_canvas(board_id=created.board.id, new=new, facilitator_token=created.facilitator_token)
    (zone_row,) = store.load_snapshot(board_id=created.board.id).zones_of(canvas.id)
    return canvas, zone_row


def _canvas_title(store: Store, created: CreatedBoard, alice: Participant, text: str) -> str:
    return _custom(store, created, text, "Vak", "")[0].title


def _zone_title(store: Store, created: CreatedBoard, alice: Participant, text: str) -> str:
    return _custom(store, created, "Canvas", text, "")[1].title


def _zone_prompt(store: Store, created: CreatedBoard, alice: Participant, text: str) -> str:
    return _custom(store, created, "Canvas", "Vak", text)[1].prompt


def _round_title(store: Store, created: CreatedBoard, alice: Participant, text: str) -> str:
    token = created.facilitator_token
    return store.open_round(board_id=created.board.id, new=RoundCreate(title=text), facilitator_token=token).title


def _score_comment(store: Store, created: CreatedBoard, alice: Participant, text: str) -> str:
    new = ScoreCreate(dimension="goals", level=3, comment=text)
    store.save_score(board_id=created.board.id, participant_id=alice.id, new=new)
    return store.load_snapshot(board_id=created.board.id).scores[0].comment


WRITERS: dict[str, Writer] = {
    "note": _note,
    "note_edit": _note_edit,
    "name": _name,
    "board_title": _board_title,
    "canvas_title": _canvas_title,
    "zone_title": _zone_title,
    "zone_prompt": _zone_prompt,
    "round_title": _round_title,
    "score_comment": _score_comment,
}


def every_row(store: Store) -> dict[str, list[tuple]]:
    with store.engine.connect() as conn:
        return {
            table: [tuple(row) for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1")]
            for table in ("boards", "canvases", "zones", "participants", "notes", "rounds", "scores")
        }


def test_the_catalogue_covers_every_field_with_both_outcomes() -> None:
    assert len(CATALOGUE) >= 40
    for field in WRITERS:
        outcomes = {case.expected == LITERAL for case in CATALOGUE if case.field == field}
        assert outcomes == {True, False}, field


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda c: f"{c.field}-{c.expected}-{c.text[:12]!r}")
def test_bad_input_is_refused_in_words_or_stored_exactly(
    store: Store, created: CreatedBoard, alice: Participant, case: Case
) -> None:
    # A note to edit, a round to score in: so that every field can be tried.
    _note(store, created, alice, "eerste")
    store.open_round(board_id=created.board.id, new=RoundCreate(), facilitator_token=created.facilitator_token)
    write = WRITERS[case.field]
    if case.expected == LITERAL:
        assert write(store, created, alice, case.text) == case.text
        return
    before = every_row(store)
    with pytest.raises(ValidationError) as refused:
        write(store, created, alice, case.text)
    assert every_row(store) == before
    for language in Language:
        message = input_message(refused.value, language)
        assert message == t(case.expected, language, max=message_limit(case))
    assert input_message(refused.value, Language.NL) != input_message(refused.value, Language.EN)


def message_limit(case: Case) -> int:
    return len(case.text) - 1  # the over-limit cases are one character over
