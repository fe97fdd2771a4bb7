"""The export page in the app (AppTest): facilitator only, four lazy download buttons, both languages."""

from __future__ import annotations

import pytest

from canvas.models import CreatedBoard
from canvas.store import Store
from canvas.ui.screens import Screen
from tests.test_app import open_page


def download_buttons(at):
    return at.get("download_button")


@pytest.mark.parametrize(
    ("lang", "title", "pdf_label"),
    [
        ("nl", "Verslag en export: Buurtenergie Noord", "Verslag (PDF)"),
        ("en", "Report and export: Buurtenergie Noord", "Report (PDF)"),
    ],
)
def test_the_facilitator_gets_four_download_buttons(board: CreatedBoard, lang: str, title: str, pdf_label: str) -> None:
    at = open_page(Screen.EXPORT.script, board=board.board.code, f=board.facilitator_token, lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == title
    assert pdf_label in [m.value.strip("*") for m in at.markdown]
    buttons = download_buttons(at)
    assert len(buttons) == 4
    assert len({button.label for button in buttons}) == 4  # each named after its format, not four "Downloaden"
    assert not [text for text in (m.value for m in at.markdown) if "export." in text]


@pytest.mark.parametrize("params", [{}, {"f": "wrong"}, {"f": ""}])
def test_without_the_facilitator_link_nothing_can_be_downloaded(board: CreatedBoard, params: dict) -> None:
    at = open_page(Screen.EXPORT.script, board=board.board.code, **params)
    assert not at.exception
    assert download_buttons(at) == []
    # A viewer sees why (or, where screen links need a key, no board at all): never a download.
    assert [m.value for m in (*at.info, *at.error)]


def test_the_console_leads_to_the_export_page(board: CreatedBoard) -> None:
    at = open_page(Screen.CONSOLE.script, board=board.board.code, f=board.facilitator_token)
    button = next(b for b in at.button if b.label == "Verslag en export")
    button.click().run()
    assert not at.exception
    assert at.title[0].value == "Verslag en export: Buurtenergie Noord"


@pytest.mark.parametrize(
    ("lang", "label"), [("nl", "Verder met een bordbestand"), ("en", "Carry on from a board file")]
)
def test_the_start_page_offers_to_carry_on_from_a_board_file(board: CreatedBoard, lang: str, label: str) -> None:
    at = open_page(Screen.START.script, lang=lang)
    assert not at.exception
    assert label in [expander.label for expander in at.expander]
    assert len(at.get("file_uploader")) == 1  # the upload itself runs in the browser test


def test_the_facilitator_saves_a_snapshot_and_sees_what_changed_since(app_store: Store, board: CreatedBoard) -> None:
    from canvas.models import NoteCreate, ParticipantCreate

    at = open_page(Screen.EXPORT.script, board=board.board.code, f=board.facilitator_token)
    assert "Er is nog geen momentopname bewaard." in [c.value for c in at.caption]
    at.text_input[0].input("Na de eerste sessie")
    next(b for b in at.button if b.label == "Momentopname bewaren").click().run()
    assert not at.exception
    assert "Momentopname 'Na de eerste sessie' is bewaard." in at.success[0].value
    assert [s.name for s in app_store.list_snapshots(board_id=board.board.id)] == ["Na de eerste sessie"]

    person = app_store.join(board_id=board.board.id, new=ParticipantCreate(display_name="Fatima"))
    zone_id = app_store.load_snapshot(board_id=board.board.id).zones[0].id
    app_store.add_note(
        board_id=board.board.id, participant_id=person.id, new=NoteCreate(zone_id=zone_id, text="Nieuw idee")
    )
    at.run()
    added = next(m for m in at.metric if m.label == "Erbij gekomen")
    assert added.value == "1"
    assert any("Nieuw idee" in str(frame.value) for frame in at.dataframe)
