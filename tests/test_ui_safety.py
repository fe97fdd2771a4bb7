"""Pages show user text literally and never a traceback (AppTest, on SQLite).

User text (facilitator text included) reaches pages through markdown surfaces: titles, captions, button and
pill labels. Each surface below gets text with a markdown image, a link, an icon and an entity, and must
show the escaped form (tests/test_text.py proves that escaped text renders as exactly its characters).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from canvas.content import default_canvas
from canvas.errors import CanvasError, FacilitatorOnly, NotYourNote
from canvas.i18n import t
from canvas.models import (
    BoardCreate,
    CreatedBoard,
    CustomCanvasCreate,
    CustomZoneCreate,
    Language,
    NoteCreate,
    ParticipantCreate,
    RoundCreate,
)
from canvas.phone_actions import AddNote, perform
from canvas.phone_view import own_part_of, phone_own_parts, phone_room
from canvas.store import Store, viewer_key_for
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.screens import Screen
from tests.test_app import open_page

BOARD = "![b](http://pixel.example/b.png) &amp; Park"
CANVAS = ":material/home: [c](http://pixel.example/c)"
ZONE = "**Vak** ![z](http://pixel.example/z.png)"
PROMPT = "$x$ <img src=x> &lt; :smile:"
NAME = "&copy; :smile: Eve"
NOTE = "![n](http://pixel.example/n.png) **vet**"
ROUND = "[r](http://pixel.example/r) :red[rood]"
# Unescaped markdown that would fetch, link, draw an icon or decode an entity.
ACTIVE = re.compile(r"(?<!\\)(\]\(|:material|:smile|:red\[|&amp;|&lt;|&copy;|<img|\$x)")
# The presentation's own QR image (an <img> so it can carry an alt text): our markup, with no user text in it.
OUR_QR_CODE = re.compile(r"<img class='sc-qr' src='data:image/png;base64,[A-Za-z0-9+/=]+' alt='[^'<>]*'>")


@pytest.fixture
def hostile(app_store: Store) -> tuple[CreatedBoard, str]:
    created = app_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title=BOARD))
    board_id, token = created.board.id, created.facilitator_token
    new = CustomCanvasCreate(title=CANVAS, zones=[CustomZoneCreate(title=ZONE, prompt=PROMPT)])
    canvas = app_store.add_custom_canvas(board_id=board_id, new=new, facilitator_token=token)
    zone_id = app_store.load_snapshot(board_id=board_id).zones_of(canvas.id)[0].id
    person = app_store.join(board_id=board_id, new=ParticipantCreate(display_name=NAME))
    app_store.add_note(board_id=board_id, participant_id=person.id, new=NoteCreate(zone_id=zone_id, text=NOTE))
    app_store.open_round(board_id=board_id, new=RoundCreate(title=ROUND), facilitator_token=token)
    return created, person.id


def markdown_texts(at: AppTest) -> list[str]:
    """Everything AppTest shows that Streamlit renders as markdown."""
    texts = [e.value for kind in (at.title, at.caption, at.markdown, at.subheader, at.header) for e in kind]
    texts += [e.value for kind in (at.error, at.warning, at.info, at.success) for e in kind]
    texts += [w.label for w in at.button]
    texts += [option.content for group in at.get("button_group") for option in group.proto.options]
    return [str(text) for text in texts]


def assert_literal(at: AppTest, *expected: str) -> None:
    assert not at.exception
    texts = markdown_texts(at)
    for text in expected:
        assert any(escape_markdown(text) in shown for shown in texts), text
    assert [shown for shown in texts if ACTIVE.search(shown) and not OUR_QR_CODE.fullmatch(shown)] == []


def test_the_phone_gets_board_name_canvas_zone_question_and_note_as_plain_text(hostile) -> None:
    """The phone sets every text with textContent (phone.js): its message must carry the texts as they were
    typed, not escaped for markdown (which would show backslashes) and not interpreted."""
    created, participant_id = hostile
    at = open_page(Screen.JOIN.script, board=created.board.code, p=participant_id)
    assert not at.exception
    assert_literal(at, BOARD)  # the page's title is still markdown: escaped
    snapshot = context.get_store().load_snapshot(board_id=created.board.id, with_scores=True)
    room = phone_room(snapshot, Language.NL)
    own = own_part_of(phone_own_parts(snapshot), snapshot, participant_id)
    zones = [zone for canvas in room["canvases"] for zone in canvas["zones"]]
    assert room["title"] == BOARD and CANVAS in [canvas["title"] for canvas in room["canvases"]]
    assert (ZONE, PROMPT) in [(zone["title"], zone["prompt"]) for zone in zones]
    assert NOTE in [note["text"] for note in own["notes"]]


def test_the_console_shows_board_and_canvas_names_literally(hostile) -> None:
    created, _ = hostile
    at = open_page(Screen.CONSOLE.script, board=created.board.code, f=created.facilitator_token)
    assert_literal(at, BOARD, CANVAS)


def test_the_presentation_shows_the_board_name_literally(hostile) -> None:
    created, _ = hostile
    at = open_page(Screen.PRESENTATION.script, board=created.board.code, v=viewer_key_for(created.facilitator_token))
    assert_literal(at, BOARD)


def test_the_radar_shows_board_name_and_round_title_literally(hostile) -> None:
    created, _ = hostile
    at = open_page(Screen.RADAR.script, board=created.board.code, f=created.facilitator_token)
    assert_literal(at, BOARD, ROUND)


def test_the_library_shows_the_board_name_literally(hostile) -> None:
    created, _ = hostile
    at = open_page(Screen.LIBRARY.script, tool="values_compass", board=created.board.code, f=created.facilitator_token)
    assert_literal(at, BOARD)


def test_an_unexpected_error_shows_an_incident_id_and_no_details(
    app_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    created = app_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Park"))

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("SELECT facilitator_token_hash FROM boards WHERE id = 'deadbeef'")

    monkeypatch.setattr(Store, "load_snapshot", broken)
    at = open_page(Screen.RADAR.script, board=created.board.code, v=viewer_key_for(created.facilitator_token))
    assert not at.exception
    (shown,) = [e.value for e in at.error]
    incident = re.search(r"[0-9a-f]{8}", shown).group(0)
    assert shown == t("error.incident", Language.NL, incident=incident)
    assert "SELECT" not in " ".join(markdown_texts(at))
    assert any(incident in record.getMessage() and record.exc_info for record in caplog.records)


def test_a_domain_error_on_a_page_is_its_message(
    app_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    created = app_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Park"))

    def refused(*_args: object, **_kwargs: object) -> None:
        raise FacilitatorOnly("no")

    monkeypatch.setattr(Store, "load_snapshot", refused)
    viewer = viewer_key_for(created.facilitator_token)
    at = open_page(Screen.RADAR.script, board=created.board.code, v=viewer, lang="en")
    assert not at.exception
    assert [e.value for e in at.error] == [t("error.facilitator_only", Language.EN)]


@pytest.mark.parametrize("language", list(Language))
def test_not_your_note_and_facilitator_only_say_different_things(language: Language) -> None:
    mine, facilitator, generic = (t(e.message_key, language) for e in (NotYourNote(), FacilitatorOnly(), CanvasError()))
    assert len({mine, facilitator, generic}) == 3
    assert "begeleider" in t("error.facilitator_only", Language.NL)
    assert "facilitator" in t("error.facilitator_only", Language.EN)


def test_streamlit_shows_no_error_details() -> None:
    settings = tomllib.loads((Path(__file__).parent.parent / ".streamlit" / "config.toml").read_text())
    assert settings["client"]["showErrorDetails"] == "none"


def test_the_facilitator_keeps_the_board_past_its_expiry(app_store: Store) -> None:
    created = app_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Park"))
    at = open_page(Screen.CONSOLE.script, board=created.board.code, f=created.facilitator_token)
    keep = at.toggle(key="keep_board")
    assert keep.label == t("console.keep_board", Language.NL, days=90) and not keep.value
    keep.set_value(True).run()
    assert not at.exception
    assert app_store.get_board(board_id=created.board.id).kept
    viewer = open_page(
        Screen.PRESENTATION.script, board=created.board.code, v=viewer_key_for(created.facilitator_token)
    )
    assert viewer.title[0].value == "Park"
    assert [w for w in viewer.toggle if w.key == "keep_board"] == []  # the presentation has no such control


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_nul_in_a_note_gives_a_message_on_both_databases(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    monkeypatch.setenv("CANVAS_DATABASE_URL", request.getfixturevalue(f"{database}_url"))
    context.get_settings.clear()
    context.get_store.clear()
    store = context.get_store()
    try:
        created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Park"))
        person = store.join(board_id=created.board.id, new=ParticipantCreate(display_name="Nul"))
        goals = next(z.id for z in store.load_snapshot(board_id=created.board.id).zones if z.key == "goals")
        action = AddNote(kind="add_note", zone_id=goals, text="samen\x00beslissen")
        outcome = perform(
            store, board_id=created.board.id, participant_id=person.id, action=action, language=Language.NL
        )
        assert (outcome.ok, outcome.message) == (False, t("error.control_characters", Language.NL))
        assert store.load_snapshot(board_id=created.board.id).notes == ()
    finally:
        store.close()
        context.get_settings.clear()
        context.get_store.clear()


def test_an_unexpected_error_in_a_phone_request_answers_with_an_incident_id(
    app_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    created = app_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Park"))
    person = app_store.join(board_id=created.board.id, new=ParticipantCreate())

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("INSERT INTO notes ... parameters: ('secret',)")

    monkeypatch.setattr(Store, "add_note", broken)
    zone = app_store.load_snapshot(board_id=created.board.id).zones[0].id
    action = AddNote(kind="add_note", zone_id=zone, text="Meer bankjes")
    outcome = perform(
        app_store, board_id=created.board.id, participant_id=person.id, action=action, language=Language.NL
    )
    assert not outcome.ok and "secret" not in outcome.message and "INSERT" not in outcome.message
    assert re.fullmatch(
        re.escape(t("error.incident", Language.NL, incident="X")).replace("X", "[0-9a-f]{8}"), outcome.message
    )
