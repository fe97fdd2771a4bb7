"""The start page for visitors of a hosted instance: "Probeer het uit" makes a private demo copy, and board
creation is limited per client with a message in the user's language (AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from canvas.demo import load_demo
from canvas.exports.json_document import render_json
from canvas.exports.registry import load_source
from canvas.i18n import t
from canvas.models import Language
from canvas.settings import Settings
from canvas.store import Store, demo_copy_expires_at
from canvas.ui import context
from canvas.ui.board_limits import LOCAL_CLIENT, client_key
from tests.test_app import APP, TIMEOUT, visible_texts


def start_page(language: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if language:
        at.query_params["lang"] = language
    return at.run()


def press(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def create_board(at: AppTest, title: str) -> AppTest:
    at.text_input[1].input(title)
    return press(at, "Bord maken" if at.query_params.get("lang") != "en" else "Create board")


def test_try_it_out_makes_a_private_copy_with_both_roles_at_hand(app_store: Store) -> None:
    at = press(start_page(), "Probeer het uit")
    boards = app_store.list_boards()
    assert len(boards) == 1
    copy = boards[0]
    assert copy.code != load_demo().code and copy.title == load_demo().title
    assert demo_copy_expires_at(app_store, board_id=copy.id) is not None
    ready = " ".join(s.value for s in at.success)
    assert copy.code in ready and "24 uur" in ready
    # A second tab as participant, and a QR code for one's own phone: both point at the copy's join page.
    join = next(b for b in at.get("link_button") if b.proto.label == "Doe ook mee als deelnemer (nieuw tabblad)")
    assert f"/join?board={copy.code}" in join.proto.url
    assert len(at.image) == 1
    assert "Probeer het uit" not in [b.label for b in at.button]  # one copy per visit

    # Opening it lands on the copy's console, as its facilitator.
    press(at, "Open je bord als begeleider")
    assert at.query_params["board"] == copy.code
    assert app_store.is_facilitator(board_id=copy.id, token=at.query_params["f"])
    # From there the visitor opens the copy's radar, with the demo's two scoring rounds.
    press(at, t("console.to_radar", Language.NL))
    assert at.query_params["board"] == copy.code
    assert any("Radar: Noorderpark" in text for text in visible_texts(at))
    compared = " ".join(option for box in at.selectbox for option in box.options)  # the rounds to compare
    assert all(round_.title in compared for round_ in load_demo().rounds)


def test_two_visitors_get_two_copies(app_store: Store) -> None:
    press(start_page(), "Probeer het uit")
    press(start_page("en"), "Try it out")
    copies = app_store.list_boards()
    assert len({b.code for b in copies}) == 2
    assert {b.language for b in copies} == {Language.NL, Language.EN}


def in_order(node: object) -> list[tuple[str, str]]:
    """Every element under ``node`` in the order the page shows them: (type, label or text)."""
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        return [item for child in children.values() for item in in_order(child)]
    kind = getattr(node, "type", "")
    return [(kind, str(getattr(node, "label", None) or getattr(node, "value", "")))]


def just_above(at: AppTest, button_label: str) -> str:
    """The text of the element right above the button (where a refusal must be, not below the fold)."""
    shown = in_order(at.main)
    place = next(i for i, (kind, label) in enumerate(shown) if label == button_label and "button" in kind)
    return shown[place - 1][1]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (None, "Vanaf één adres kunnen hoogstens 2 borden per uur worden gemaakt"),
        ("en", "At most 2 boards an hour can be made from one address"),
    ],
)
def test_the_board_after_the_limit_is_refused_with_a_message_above_its_button(
    app_store: Store, monkeypatch: pytest.MonkeyPatch, language: str | None, expected: str
) -> None:
    monkeypatch.setenv("CANVAS_BOARDS_PER_HOUR", "2")
    context.get_settings.clear()
    create_board(start_page(language), "Eerste")
    create_board(start_page(language), "Tweede")
    assert len(app_store.list_boards()) == 2

    at = create_board(start_page(language), "Derde")
    assert expected in " ".join(e.value for e in at.error)
    assert expected in just_above(at, "Create board" if language else "Bord maken")
    assert len(app_store.list_boards()) == 2  # nothing made


@pytest.mark.parametrize(
    ("language", "expected", "button"),
    [
        (None, "Vanaf één adres kunnen hoogstens 2 voorbeeldborden per uur worden gemaakt", "Probeer het uit"),
        ("en", "At most 2 demo boards an hour can be made from one address", "Try it out"),
    ],
)
def test_demo_copies_are_counted_apart_from_real_boards(
    app_store: Store, monkeypatch: pytest.MonkeyPatch, language: str | None, expected: str, button: str
) -> None:
    """A room trying the demo on one Wi-Fi (one address) never stops its facilitator making the real board."""
    monkeypatch.setenv("CANVAS_BOARDS_PER_HOUR", "1")
    monkeypatch.setenv("CANVAS_DEMOS_PER_HOUR", "2")
    context.get_settings.clear()
    press(start_page(language), button)
    press(start_page(language), button)
    assert len(app_store.list_boards()) == 2

    at = press(start_page(language), button)
    assert expected in " ".join(e.value for e in at.error)
    assert expected in just_above(at, button)  # beside the button pressed
    assert len(app_store.list_boards()) == 2

    create_board(start_page(language), "De echte sessie")  # the demos used none of the real boards
    assert "De echte sessie" in [b.title for b in app_store.list_boards()]


def test_an_imported_file_counts_as_a_board(app_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANVAS_BOARDS_PER_HOUR", "1")
    context.get_settings.clear()
    create_board(start_page(), "Eerste")
    document = render_json(load_source(app_store, board_id=app_store.list_boards()[0].id))
    at = start_page()
    at.file_uploader(key="import_board_file").set_value(("board.json", document, "application/json")).run()
    at = press(at, "Nieuw bord maken uit dit bestand")
    expected = "Vanaf één adres kunnen hoogstens 1 borden per uur worden gemaakt"
    assert expected in " ".join(e.value for e in at.error)
    assert expected in just_above(at, "Nieuw bord maken uit dit bestand")
    assert len(app_store.list_boards()) == 1


def test_the_defaults_leave_room_for_a_venue() -> None:
    defaults = Settings()
    assert (defaults.boards_per_hour, defaults.demos_per_hour) == (10, 30)


def test_the_client_is_counted_by_its_address_or_as_this_machine() -> None:
    assert client_key("203.0.113.9") == "203.0.113.9"
    assert client_key(None) == client_key("") == LOCAL_CLIENT
