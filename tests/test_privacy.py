"""The privacy statement for participants (issue 24, item 4): what is kept, for how long (this host's numbers),
who sees it and who can delete it, in Dutch and English, and linked from the join page."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from canvas.models import CreatedBoard, Language
from canvas.ui import context
from canvas.ui.screens import Screen
from tests.test_app import open_page


def statement_text(at) -> str:  # an AppTest
    texts = [str(element.value) for element in at.markdown]
    return "\n".join(text for text in texts if not text.startswith("<"))  # not the page's style sheet


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (Language.NL, ["briefjes", "naam", "scores", "30 dagen", "6 uur", "elke 12 uur", "Bord verwijderen", "cookie"]),
        (Language.EN, ["notes", "name", "scores", "30 days", "6 hours", "every 12 hours", "Delete board", "cookie"]),
    ],
)
def test_the_statement_says_what_is_kept_for_how_long_and_who_deletes_it(
    app_store, monkeypatch: pytest.MonkeyPatch, language: Language, words: list[str]
) -> None:
    monkeypatch.setenv("CANVAS_BOARD_EXPIRY_DAYS", "30")
    monkeypatch.setenv("CANVAS_DEMO_EXPIRY_HOURS", "6")
    monkeypatch.setenv("CANVAS_PURGE_HOURS", "12")
    context.get_settings.clear()
    at = open_page(Screen.PRIVACY.script, lang=language.value)
    assert not at.exception
    text = statement_text(at)
    assert [word for word in words if word not in text] == []
    assert "CANVAS_" not in text  # no setting's name on a citizen's page
    assert "{" not in text  # every number filled in


def test_without_the_apps_own_purge_the_statement_says_the_host_clears_up(
    app_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANVAS_PURGE_HOURS", "0")
    context.get_settings.clear()
    text = statement_text(open_page(Screen.PRIVACY.script, lang="en"))
    assert "The organisation that runs the app clears such boards away." in text
    assert "every 0 hours" not in text


def links_to_privacy(at) -> list[dict[str, str]]:  # an AppTest
    """The query of every link to the privacy page."""
    return [dict(parse_qsl(link.proto.query_string)) for link in at.get("page_link") if "privacy" in link.proto.page]


def test_the_join_page_links_to_it_before_a_code_and_where_a_name_is_asked(board: CreatedBoard) -> None:
    assert links_to_privacy(open_page(Screen.JOIN.script)) != []
    asked_for_a_name = open_page(Screen.JOIN.script, board=board.board.code)
    assert asked_for_a_name.text_input  # the profile form
    assert {"board": board.board.code, "lang": "nl"} in links_to_privacy(asked_for_a_name)


def test_back_from_the_statement_lands_on_the_same_board(board: CreatedBoard) -> None:
    at = open_page(Screen.PRIVACY.script, board=board.board.code, lang="en")
    assert at.button[0].label == "Back to joining"
    at.button[0].click().run()
    assert not at.exception
    assert at.query_params["board"] == board.board.code
    assert at.text_input  # the join page's profile form, on the same board
