"""Page flows that had no test: the "board gone" message and comparing two scoring rounds on the radar page."""

from __future__ import annotations

import pytest

from canvas.i18n import t
from canvas.models import CreatedBoard, Language, ParticipantCreate, Party, RoundCreate, ScoreCreate
from canvas.store import Store
from canvas.ui.screens import Screen
from tests.test_app import open_page, viewer_params


def _texts(at) -> list[str]:
    return [str(e.value) for kind in (at.markdown, at.error, at.title, at.subheader) for e in kind]


@pytest.mark.parametrize("language", list(Language))
def test_a_board_deleted_while_open_says_it_is_gone(app_store: Store, board: CreatedBoard, language: Language) -> None:
    screen = open_page(Screen.PRESENTATION.script, **viewer_params(board), lang=language.value)
    assert screen.title[0].value == "Buurtenergie Noord"
    app_store.delete_board(board_id=board.board.id, facilitator_token=board.facilitator_token)
    screen.run()  # the same session, the board now gone: not the "unknown link" message
    assert not screen.exception
    assert t("board.gone", language) in _texts(screen)
    assert t("error.board_link", language) not in _texts(screen)


def test_a_link_to_a_board_never_seen_does_not_say_gone(app_store: Store, board: CreatedBoard) -> None:
    params = viewer_params(board)
    app_store.delete_board(board_id=board.board.id, facilitator_token=board.facilitator_token)
    screen = open_page(Screen.PRESENTATION.script, **params)  # a new session: it never saw the board
    assert t("error.board_link", Language.NL) in _texts(screen)
    assert t("board.gone", Language.NL) not in _texts(screen)


def _two_rounds(store: Store, board: CreatedBoard) -> None:
    """Round "Voor": legal scored 1 and 3; round "Na": legal scored 4 and 5 by the same two people."""
    people = [
        store.join(board_id=board.board.id, new=ParticipantCreate(display_name=name, party=party))
        for name, party in (("An", Party.CIVIC), ("Bo", Party.GOVERNMENT))
    ]
    for title, levels in (("Voor", (1, 3)), ("Na", (4, 5))):
        store.open_round(
            board_id=board.board.id, new=RoundCreate(title=title), facilitator_token=board.facilitator_token
        )
        for person, level in zip(people, levels, strict=True):
            store.save_score(
                board_id=board.board.id, participant_id=person.id, new=ScoreCreate(dimension="legal", level=level)
            )
        store.close_round(board_id=board.board.id, facilitator_token=board.facilitator_token)


def test_the_radar_page_compares_two_rounds(app_store: Store, board: CreatedBoard) -> None:
    at = open_page(Screen.RADAR.script, **viewer_params(board))
    assert t("radar.compare", Language.NL) not in _texts(at)  # no rounds, nothing to compare
    _two_rounds(app_store, board)
    at = open_page(Screen.RADAR.script, **viewer_params(board))
    assert not at.exception
    assert t("radar.compare", Language.NL) in _texts(at)
    before = t("radar.before", Language.NL)
    table = next(frame.value for frame in at.dataframe if t("radar.col_change", Language.NL) in frame.value.columns)
    everyone = t("radar.everyone", Language.NL)
    legal = table[(table[t("radar.col_dimension", Language.NL)] == "Juridische kaders")]
    group = legal[legal[t("radar.col_party", Language.NL)] == everyone].iloc[0]
    # The table holds the text shown (#23: a screen reader read "3.6666666666666665" where the screen said 3,7).
    assert (group[before], group[t("radar.after", Language.NL)], group[t("radar.col_change", Language.NL)]) == (
        "2",
        "4,5",
        "+2,5",
    )
