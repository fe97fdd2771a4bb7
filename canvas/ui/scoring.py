"""Scoring on the phone: each dimension 1 to 5 with the rubric's line for every level, or "don't know".

Every choice is saved at once (no save button to forget), so the radar fills up while people score.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from canvas.charts import SECOND_COLOR, RadarLine
from canvas.content import handbook
from canvas.errors import CanvasError
from canvas.i18n import t
from canvas.maturity import of_participant
from canvas.models import SCORE_COMMENT_MAX, Board, BoardSnapshot, Language, Participant, Round, ScoreCreate
from canvas.radar_geometry import AXES
from canvas.radar_view import group_lines, group_radar, lines_table
from canvas.ui.context import get_store
from canvas.ui.errors import input_problem, log_incident
from canvas.ui.flash import FLASH_KEY, flash_slot
from canvas.ui.tables import NO_LEVEL, chart, number_table

DONT_KNOW = "dont_know"


def _level_key(round_: Round, dimension: str) -> str:
    return f"score_{round_.id}_{dimension}"


def _comment_key(round_: Round, dimension: str) -> str:
    return f"comment_{round_.id}_{dimension}"


def _save(board: Board, participant: Participant, round_: Round, dimension: str) -> None:
    """Callback of a level or comment: store both as they are now."""
    level = st.session_state.get(_level_key(round_, dimension))
    if level is None:
        st.session_state[FLASH_KEY] = ("score.level_first", "error")
        return
    try:
        new = ScoreCreate(
            dimension=dimension,
            level=None if level == DONT_KNOW else int(level),
            comment=st.session_state.get(_comment_key(round_, dimension), ""),
        )
        get_store().save_score(board_id=board.id, participant_id=participant.id, new=new)
    except ValidationError as error:
        key, values = input_problem(error, too_long_key="error.comment_too_long")
        st.session_state[FLASH_KEY] = (key, "error", values)
    except CanvasError as error:
        st.session_state[FLASH_KEY] = (error.message_key, "error", error.values)
    except Exception as error:  # a callback's traceback would reach the page: log it, show an incident id
        st.session_state[FLASH_KEY] = ("error.incident", "error", {"incident": log_incident(error)})


def _you_against_the_group(scores: tuple, mine: dict[str, int | None], language: Language) -> None:
    """Your scores over the group's, near the top (not under eight scoring cards, 5,000 px down a phone),
    folded so the form stays first; drawn to fit a phone, with the same numbers as a table."""
    you = RadarLine(t("score.you", language), [mine.get(k) for k in AXES], SECOND_COLOR, "dash", 3)
    with st.expander(t("score.you_vs_group", language), icon=":material/radar:"):
        chart(
            group_radar(scores, language, per_party=False, extra=(you,), phone=True),
            language,
            key="my_radar",
            description=t("score.describe_you", language),
        )
        # Your column first: on a phone the table's last column is off the screen.
        lines = [you, *group_lines(scores, language, per_party=False)]
        frame = lines_table(lines, language).rename(columns={lines[1].name: t("score.group", language)})
        # "Don't know" said in words in your column; a part you have not scored yet stays empty.
        frame[you.name] = pd.array([NO_LEVEL if k in mine and mine[k] is None else mine.get(k) for k in AXES])
        part, group = t("radar.col_dimension", language), t("score.group", language)
        number_table(  # three columns that fit a 390 px phone side by side
            frame,
            language,
            widths={part: 150, you.name: 95, group: 75},
            level_columns=[you.name],
            dont_know=t("score.dont_know", language),
        )


def scoring_section(board: Board, participant: Participant, snapshot: BoardSnapshot, language: Language) -> None:
    round_ = snapshot.open_round
    if round_ is None:
        st.info(t("error.no_open_round", language))
        return
    book = handbook()
    scores = snapshot.scores_in(round_.id)
    mine = of_participant(scores, participant.id)
    comments = {s.dimension: s.comment or "" for s in scores if s.participant_id == participant.id}
    st.subheader(t("score.heading", language), anchor=False)
    flash_slot(language)
    st.caption(t("score.intro", language))
    st.progress(len(mine) / len(AXES), text=t("score.progress", language, done=len(mine), total=len(AXES)))
    if mine:
        _you_against_the_group(scores, mine, language)
    level_names = {level.number: level.name(language) for level in book.rubric.levels}
    for dimension in book.dimensions:
        key = dimension.key
        # Start from what is stored, so a phone that reconnects shows its own earlier answers.
        if _level_key(round_, key) not in st.session_state and key in mine:
            st.session_state[_level_key(round_, key)] = DONT_KNOW if mine[key] is None else mine[key]
        if _comment_key(round_, key) not in st.session_state:
            st.session_state[_comment_key(round_, key)] = comments.get(key, "")

        def describe(option: int | str, dimension_key: str = key) -> str:
            if option == DONT_KNOW:
                return t("score.dont_know", language)
            line = book.rubric.describe(dimension_key, int(option))(language)
            return f"**{option} · {level_names[int(option)]}** — {line}"

        with st.container(border=True):
            st.markdown(f"**{dimension.name(language)}**")
            st.caption(dimension.explanation(language))
            st.radio(
                t("score.level_label", language, dimension=dimension.name(language)),
                [1, 2, 3, 4, 5, DONT_KNOW],
                index=None,
                format_func=describe,
                key=_level_key(round_, key),
                on_change=_save,
                args=(board, participant, round_, key),
                label_visibility="collapsed",
            )
            st.text_input(
                t("score.comment_label", language),
                key=_comment_key(round_, key),
                max_chars=SCORE_COMMENT_MAX,
                placeholder=t("score.comment_placeholder", language),
                on_change=_save,
                args=(board, participant, round_, key),
            )
