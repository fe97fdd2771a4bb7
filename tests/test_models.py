"""Input limits live on the models: what the phone page enforces is what the store accepts."""

import pytest
from pydantic import ValidationError

from canvas.models import (
    BOARD_TITLE_MAX,
    DISPLAY_NAME_MAX,
    NOTE_TEXT_MAX,
    BoardCreate,
    Language,
    NoteCreate,
    NoteEdit,
    ParticipantCreate,
    Party,
)


def test_note_text_is_stripped() -> None:
    assert NoteCreate(zone_id=1, text="  meer groen  ").text == "meer groen"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_note_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        NoteCreate(zone_id=1, text=text)


def test_note_length_limit_is_inclusive() -> None:
    assert len(NoteCreate(zone_id=1, text="x" * NOTE_TEXT_MAX).text) == NOTE_TEXT_MAX
    with pytest.raises(ValidationError):
        NoteCreate(zone_id=1, text="x" * (NOTE_TEXT_MAX + 1))
    with pytest.raises(ValidationError):
        NoteEdit(text="x" * (NOTE_TEXT_MAX + 1))


def test_board_title_limits_and_default_language() -> None:
    board = BoardCreate(title=" Buurtenergie ")
    assert (board.title, board.language) == ("Buurtenergie", Language.NL)
    with pytest.raises(ValidationError):
        BoardCreate(title=" ")
    with pytest.raises(ValidationError):
        BoardCreate(title="x" * (BOARD_TITLE_MAX + 1))
    with pytest.raises(ValidationError):
        BoardCreate(title="ok", language="de")


def test_blank_display_name_means_anonymous() -> None:
    assert ParticipantCreate(display_name="  ", party=Party.FUNDER).display_name is None
    assert ParticipantCreate().party is Party.OTHER
    with pytest.raises(ValidationError):
        ParticipantCreate(display_name="x" * (DISPLAY_NAME_MAX + 1))
    with pytest.raises(ValidationError):
        ParticipantCreate(party="alien")


def test_custom_canvas_rows_skip_empty_lines_and_keep_questions() -> None:
    import pandas as pd

    from canvas.ui.custom_canvas import zones_from_rows

    rows = pd.DataFrame(
        {"zone": ["Wat gaat goed", None, "  ", "Wat kan beter"], "question": ["Eén ding", "x", None, None]}
    )
    zones = zones_from_rows(rows)
    assert [(z.title, z.prompt) for z in zones] == [("Wat gaat goed", "Eén ding"), ("Wat kan beter", "")]
