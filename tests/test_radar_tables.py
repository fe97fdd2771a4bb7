"""The radar's tables (issue #12): numbers written the way the language writes them while their columns stay
numeric, "who scored what" in the house's order with "don't know" in words, and a table for every radar."""

from __future__ import annotations

import pandas as pd

from canvas.charts import RadarLine
from canvas.content import handbook
from canvas.models import CreatedBoard, Language, ParticipantCreate, Party, RoundCreate, ScoreCreate
from canvas.radar_geometry import AXES
from canvas.radar_view import lines_table
from canvas.store import Store
from canvas.ui.radar_page import who_scored_what
from canvas.ui.tables import NO_LEVEL, styled_numbers, written_numbers


def test_numbers_get_a_decimal_comma_in_dutch_and_stay_numbers() -> None:
    frame = pd.DataFrame({"Onderdeel": ["Governance", "Taal"], "Gemiddelde": [8 / 3, None]})
    dutch = styled_numbers(frame, Language.NL).to_string()
    english = styled_numbers(frame, Language.EN).to_string()
    assert "2,7" in dutch and "2.7" not in dutch and "NaN" not in dutch and "None" not in dutch
    assert "2.7" in english
    assert frame["Gemiddelde"].dtype.kind == "f"


def test_who_scored_what_keeps_the_house_order_and_says_dont_know(app_store: Store, board: CreatedBoard) -> None:
    code, token = board.board.id, board.facilitator_token
    app_store.open_round(board_id=code, new=RoundCreate(title="Start"), facilitator_token=token)
    an = app_store.join(board_id=code, new=ParticipantCreate(display_name="An", party=Party.CIVIC))
    bo = app_store.join(board_id=code, new=ParticipantCreate(display_name="Bo", party=Party.FUNDER))
    anonymous = app_store.join(board_id=code, new=ParticipantCreate(party=Party.OTHER))
    # Scored out of the house's order, one "don't know", and Bo scores only one part.
    for dimension, level in (("legal", 4), ("goals", None), ("finance", 2)):
        app_store.save_score(board_id=code, participant_id=an.id, new=ScoreCreate(dimension=dimension, level=level))
    app_store.save_score(board_id=code, participant_id=bo.id, new=ScoreCreate(dimension="goals", level=5))
    app_store.save_score(board_id=code, participant_id=anonymous.id, new=ScoreCreate(dimension="goals", level=3))
    snapshot = app_store.load_snapshot(board_id=code)

    frame = who_scored_what(snapshot, snapshot.open_round, Language.NL)

    dimensions = [handbook().dimension(key).name(Language.NL) for key in AXES]
    assert list(frame.columns) == ["Naam", *dimensions]
    assert list(frame["Naam"]) == ["An", "Bo"]  # nobody without a name
    assert all(str(frame[column].dtype) == "Int64" for column in dimensions)  # whole numbers, no "?" among them
    goals, values = dimensions[AXES.index("goals")], dimensions[AXES.index("values")]
    assert frame.loc[0, goals] == NO_LEVEL  # An: "don't know", a value (Streamlit shows no text for an empty cell)
    assert pd.isna(frame.loc[1, values])  # Bo did not score it: empty
    shown, _ = written_numbers(frame, Language.NL, level_columns=dimensions, dont_know="Weet ik niet")
    assert shown.loc[0, goals] == "Weet ik niet"  # An's "don't know" on goals, also for a screen reader
    assert shown.loc[1, values] == ""  # Bo did not score the other parts: empty, not "don't know"
    assert shown.loc[1, goals] == "5"


def test_a_table_hands_the_screen_its_numbers_as_written() -> None:
    # Issue #23: a screen reader read "3.6666666666666665" where the screen showed "3,7" (the grid's hidden table
    # holds each cell's value, not its display format). The cells are the text shown; a change has its sign.
    frame = pd.DataFrame(
        {"Onderdeel": ["Doelen", "Taal", "Waarden"], "Eerder": [11 / 3, 3.0, None], "Verandering": [0.8, 0.0, None]}
    )
    dutch, numeric = written_numbers(frame, Language.NL, signed_columns=["Verandering"])
    assert numeric == ["Eerder", "Verandering"]
    assert list(dutch["Eerder"]) == ["3,7", "3", ""]
    assert list(dutch["Verandering"]) == ["+0,8", "±0", ""]
    english, _ = written_numbers(frame, Language.EN, signed_columns=["Verandering"])
    assert list(english["Eerder"]) == ["3.7", "3", ""]


def test_every_radar_outline_becomes_a_column_in_the_radars_order() -> None:
    lines = [RadarLine("Jij", [1, None, 3, 4, 5, 2, 1, 3], "#000"), RadarLine("Groep", [2.5] * 8, "#111")]
    table = lines_table(lines, Language.NL)
    assert list(table.columns) == ["Onderdeel", "Jij", "Groep"]
    assert list(table["Onderdeel"]) == [handbook().dimension(key).name(Language.NL) for key in AXES]
    assert table["Jij"].isna().tolist()[1] and table["Groep"].dtype.kind == "f"


def test_radar_axis_labels_read_from_the_back_of_a_room_and_fit_a_phone() -> None:
    from canvas.charts import TEXT_COLOR, radar_figure
    from canvas.radar_view import axis_labels

    projector = radar_figure(axis_labels(Language.NL), [])
    assert projector.layout.polar.angularaxis.tickfont.size >= 16
    assert projector.layout.polar.angularaxis.tickfont.color == TEXT_COLOR  # not plotly's light grey
    assert projector.layout.polar.radialaxis.tickfont.color == TEXT_COLOR
    phone_labels = axis_labels(Language.NL, phone=True)
    phone = radar_figure(phone_labels, [], phone=True)
    # The longest label line at the phone's font size fits in the side margin (about 0.55 em per character).
    longest = max(len(line) for label in phone_labels for line in label.split("<br>"))
    assert longest * 0.55 * phone.layout.polar.angularaxis.tickfont.size <= phone.layout.margin.l + 40


def test_the_pdf_report_writes_numbers_the_way_its_language_does() -> None:
    from canvas.exports import pdf_radar

    assert pdf_radar._number(8 / 3, "nl") == "2,7" and pdf_radar._number(8 / 3, "en") == "2.7"
    assert pdf_radar._signed(0.5, "nl") == "+0,5" and pdf_radar._number(None, "nl") == "–"
    assert pdf_radar._signed(0.0, "nl") == "±0" and pdf_radar._signed(-0.04, "en") == "±0"  # never empty or "-0"
