"""The radar page (shared screen or laptop): where the collaboration stands, per party and over time."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from canvas.charts import PROJECTOR_SIZE, SECOND_COLOR, RadarLine, attention_figure, means, radar_figure
from canvas.content import handbook
from canvas.errors import CanvasError
from canvas.i18n import t, tn
from canvas.maturity import compare_rounds, discuss_first, notes_per_dimension, respondent_count, summarize
from canvas.models import ROUND_TITLE_MAX, Board, BoardSnapshot, Language, Round, RoundCreate, Score
from canvas.projector_type import PROJECTOR_FONT_PX, REFERENCE_WIDTH_PX, css_variables
from canvas.radar_geometry import AXES
from canvas.radar_view import axis_labels, group_lines, group_radar, lines_table, summary_table
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.context import (
    BOARD_PARAM,
    LANGUAGE_PARAM,
    PARTIES_PARAM,
    PRESENTATION_VIEW,
    VIEW_PARAM,
    VIEWER_PARAM,
    get_snapshots,
    get_store,
)
from canvas.ui.errors import error_message, input_message
from canvas.ui.screens import Screen
from canvas.ui.tables import NO_LEVEL, chart, number_table

ROUND_KEY = "radar_round"
PER_PARTY_KEY = "radar_per_party"


def round_controls(board: Board, token: str, language: Language) -> None:
    # Two small reads, not a whole snapshot: the live radar below loads the board anyway.
    store = get_store()
    round_open = store.has_open_round(board_id=board.id)
    names_shown = store.get_board(board_id=board.id).scores_public
    with st.expander(t("radar.manage_rounds", language), expanded=not round_open):
        with st.form("open_round", border=False):
            title = st.text_input(
                t("radar.round_title_label", language),
                max_chars=ROUND_TITLE_MAX,
                placeholder=t("radar.round_title_placeholder", language),
            )
            if st.form_submit_button(t("radar.open_round", language), type="primary", icon=":material/play_arrow:"):
                try:
                    get_store().open_round(board_id=board.id, new=RoundCreate(title=title), facilitator_token=token)
                except ValidationError as error:
                    st.error(input_message(error, language))  # and no rerun: the message must stay readable
                except CanvasError as error:
                    st.error(error_message(error, language))
                else:
                    st.session_state.pop(ROUND_KEY, None)
                    st.rerun()
        if round_open and st.button(t("radar.close_round", language), icon=":material/stop:"):
            get_store().close_round(board_id=board.id, facilitator_token=token)
            st.rerun()
        public = st.toggle(t("radar.show_names", language), value=names_shown)
        if public != names_shown:
            get_store().set_scores_public(board_id=board.id, public=public, facilitator_token=token)
            st.rerun()
        st.caption(t("radar.phones_hint", language))


def round_name(round_: Round, language: Language) -> str:
    name = t("radar.round_name", language, number=round_.number)
    if round_.title:
        name += f" · {round_.title}"
    return name + (f" ({t('radar.open', language)})" if round_.is_open else "")


def radar_body(board_id: int, language: Language, *, viewer_key: str) -> None:
    snapshot = get_snapshots().latest(board_id=board_id, with_scores=True).for_viewer(None)
    latest = snapshot.latest_round  # None exactly when there is no round yet
    if latest is None:
        st.info(t("radar.no_rounds", language))
        _attention(snapshot, language)
        return
    rounds = {r.id: r for r in snapshot.rounds}
    if st.session_state.get(ROUND_KEY) not in rounds:
        st.session_state[ROUND_KEY] = latest.id
    chosen = rounds[
        st.segmented_control(
            t("radar.round_label", language),
            list(rounds),
            format_func=lambda rid: escape_markdown(round_name(rounds[rid], language)),  # labels are markdown
            key=ROUND_KEY,
        )
        or latest.id
    ]
    scores = snapshot.scores_in(chosen.id)
    summary = summarize(scores)
    st.subheader(tn("radar.respondents", language, respondent_count(scores)), anchor=False)
    chart_column, side_column = st.columns([3, 2], gap="large")
    with side_column:
        per_party = st.toggle(t("radar.per_party", language), key=PER_PARTY_KEY)
        st.link_button(
            t("radar.to_projector", language),
            presentation_link(snapshot.board, viewer_key, language, per_party=per_party),
            icon=":material/present_to_all:",
            help=t("radar.to_projector_help", language),
        )
        st.subheader(t("radar.discuss_first", language), anchor=False)
        first = discuss_first(summary)
        if first.top:
            st.caption(t("radar.discuss_first_help", language))
            for place, s in enumerate(first.top, start=1):
                line = t(
                    "radar.flag_line",
                    language,
                    dimension=handbook().dimension(s.dimension).name(language),
                    low=s.low,
                    high=s.high,
                )
                st.warning(f"{place}. {line}", icon=":material/forum:")
            if first.also:
                names = ", ".join(handbook().dimension(s.dimension).name(language) for s in first.also)
                st.caption(t("radar.also_far_apart", language, parts=names))
        else:
            st.caption(t("radar.nothing_flagged", language))
        _comments(scores, language)
    with chart_column:
        chart(
            group_radar(scores, language, per_party=per_party),
            language,
            key="group_radar",
            description=t("radar.describe_party" if per_party else "radar.describe_group", language),
        )
    with st.expander(t("radar.as_table", language)):
        number_table(summary_table(summary, language), language)
        if per_party:
            number_table(lines_table(group_lines(scores, language, per_party=True), language), language)
    if snapshot.board.scores_public:
        _who_scored_what(snapshot, chosen, language)
    _attention(snapshot, language)
    if len(snapshot.rounds) >= 2:
        _compare(snapshot, language)


def _comments(scores: tuple[Score, ...], language: Language) -> None:
    """What people wrote with their scores, per part of the house: the reasons behind a spread. Without names
    (scores are anonymous on screens), each with the level it came with."""
    by_dimension: dict[str, list[Score]] = {}
    for score in scores:
        if score.comment:
            by_dimension.setdefault(score.dimension, []).append(score)
    st.markdown(f"#### {t('radar.comments', language)}")
    if not by_dimension:
        st.caption(t("radar.no_comments", language))
        return
    for dimension in AXES:
        written = by_dimension.get(dimension)
        if not written:
            continue
        lines = [
            f"- {escape_markdown(s.comment or '')} ({s.level if s.level else t('score.dont_know', language)})"
            for s in sorted(written, key=lambda s: (s.level or 0, s.comment or ""))
        ]
        st.markdown(f"**{escape_markdown(handbook().dimension(dimension).name(language))}**\n\n" + "\n".join(lines))


def _who_scored_what(snapshot: BoardSnapshot, round_: Round, language: Language) -> None:
    """Only when the facilitator chose to show names, and only for people who gave a name."""
    st.subheader(t("radar.who_scored", language), anchor=False)
    table = who_scored_what(snapshot, round_, language)
    if table is None:
        st.caption(t("radar.nobody_named", language))
        return
    levels = [handbook().dimension(key).name(language) for key in AXES]
    number_table(table, language, level_columns=levels, dont_know=t("score.dont_know", language))


def who_scored_what(snapshot: BoardSnapshot, round_: Round, language: Language) -> pd.DataFrame | None:
    """One row per named person, one number column per part of the house in the house's (radar's) order.
    "Don't know" is ``NO_LEVEL`` (shown in words by ``number_table``) and a part not scored yet stays empty: the
    columns stay whole numbers until they are written out. None when nobody with a name scored."""
    names: dict[str, str] = {}
    levels: dict[str, dict[str, int | None]] = {}
    for score in snapshot.scores_in(round_.id):
        if score.author_name:
            names[score.participant_id] = score.author_name
            levels.setdefault(score.participant_id, {})[score.dimension] = score.level
    if not names:
        return None
    names = dict(sorted(names.items(), key=lambda item: item[1].casefold()))  # rows by name: easy to find someone
    person = t("radar.col_person", language)
    columns = {key: handbook().dimension(key).name(language) for key in AXES}
    frame = pd.DataFrame(
        {person: list(names.values())}
        | {
            title: pd.array([_level(levels[pid], key) for pid in names], dtype="Int64")
            for key, title in columns.items()
        }
    )
    return frame


def _level(levels: dict[str, int | None], dimension: str) -> int | None:
    """A person's level, ``NO_LEVEL`` for "don't know", None for a part not scored (yet)."""
    if dimension not in levels:
        return None
    level = levels[dimension]
    return NO_LEVEL if level is None else level


def _attention(snapshot: BoardSnapshot, language: Language) -> None:
    counts = notes_per_dimension(snapshot, handbook())
    labels = axis_labels(language)
    st.subheader(t("radar.attention", language), anchor=False)
    st.caption(t("radar.attention_help", language))
    chart(
        attention_figure(labels, [counts[k] for k in AXES], axis_title=t("radar.notes_axis", language)),
        language,
        key="attention",
        description=t("radar.describe_attention", language),
    )
    with st.expander(t("radar.as_table", language)):
        names = [handbook().dimension(key).name(language) for key in AXES]
        table = {t("radar.col_dimension", language): names, t("radar.notes_axis", language): [counts[k] for k in AXES]}
        number_table(pd.DataFrame(table), language)


def _compare(snapshot: BoardSnapshot, language: Language) -> None:
    st.subheader(t("radar.compare", language), anchor=False)
    rounds = {r.id: r for r in snapshot.rounds}
    ids = list(rounds)
    before_column, after_column = st.columns(2)
    with before_column:
        before = st.selectbox(
            t("radar.before", language), ids, index=len(ids) - 2, format_func=lambda r: round_name(rounds[r], language)
        )
    with after_column:
        after = st.selectbox(
            t("radar.after", language), ids, index=len(ids) - 1, format_func=lambda r: round_name(rounds[r], language)
        )
    old, new = snapshot.scores_in(before), snapshot.scores_in(after)
    lines = [
        RadarLine(round_name(rounds[before], language), means(summarize(old)), "#6B6B6B", "dash", 3),
        RadarLine(round_name(rounds[after], language), means(summarize(new)), SECOND_COLOR, "solid", 4),
    ]
    chart(
        radar_figure(axis_labels(language), lines),
        language,
        key="compare_radar",
        description=t("radar.describe_compare", language),
    )
    everyone = t("radar.everyone", language)
    table = pd.DataFrame(
        [
            {
                t("radar.col_dimension", language): handbook().dimension(c.dimension).name(language),
                t("radar.col_party", language): t(f"party.{c.party.value}", language) if c.party else everyone,
                t("radar.before", language): c.before,
                t("radar.after", language): c.after,
                t("radar.col_change", language): c.delta,
            }
            for c in compare_rounds(old, new)
        ]
    )
    number_table(table, language, signed_columns=[t("radar.col_change", language)])


# The radar's presentation view (the projector): no controls, no secrets, the chart large and every text at the
# projector's sizes (docs/typography.md). Views/radar.py draws it when the link says view=presentation.


def is_presentation() -> bool:
    return st.query_params.get(VIEW_PARAM) == PRESENTATION_VIEW


def presentation_link(board: Board, viewer_key: str, language: Language, *, per_party: bool) -> str:
    """The radar for the projector, with the viewer key (never the facilitator's secret), per party or not."""
    return context.page_link(
        Screen.RADAR.url_path,
        **{
            BOARD_PARAM: board.code,
            VIEWER_PARAM: viewer_key,
            LANGUAGE_PARAM: language.value,
            VIEW_PARAM: PRESENTATION_VIEW,
            PARTIES_PARAM: "1" if per_party else "",
        },
    )


def presentation_per_party() -> bool:
    return st.query_params.get(PARTIES_PARAM) == "1"


def presentation_style() -> None:
    """The projector's page: no Streamlit header or toolbar, type in px at 1920 scaled with the screen's width
    (like the presentation), and the chart, drawn at its size for 1920 px, scaled by the same factor: CSS
    ``zoom`` by 100vw / 1920px (``tan(atan2(a, b))`` is a / b as a plain number)."""
    unit = f"(100vw / {REFERENCE_WIDTH_PX})"
    size = PROJECTOR_FONT_PX
    chart_width, chart_height = PROJECTOR_SIZE
    st.markdown(
        f"""<style>
        :root {{ {css_variables()} }}
        [data-testid=stHeader], [data-testid=stToolbar], [data-testid=stDecoration],
        [data-testid=stStatusWidget] {{ display: none; }}
        .stMainBlockContainer {{ padding: calc(12 * {unit}) calc(24 * {unit}) 0; max-width: 100%; }}
        .stMainBlockContainer h1 {{ font-size: max(1.6rem, calc({size["board_title"]} * {unit})); padding: 0; }}
        .st-key-radar_round p {{ font-size: max(1rem, calc({size["count"]} * {unit})); }}
        .st-key-radar_first h3 {{ font-size: max(1.3rem, calc({size["zone_title"]} * {unit}));
                                  font-weight: 700; padding: 0 0 calc(8 * {unit}); }}
        .st-key-radar_first p, .st-key-radar_first li {{ font-size: max(1rem, calc({size["count"]} * {unit})); }}
        .st-key-radar_first li {{ font-size: max(1.1rem, calc({size["note_text"]} * {unit})); font-weight: 600; }}
        /* Plotly lays the chart out at its width at 1920 px (Streamlit gives it no more than its box is wide on the
           screen, so the box keeps that width), then it is scaled to the screen; the space it frees below goes. */
        .st-key-radar_chart {{ --sc-scale: tan(atan2(100vw, {REFERENCE_WIDTH_PX}px)); width: {chart_width}px;
            max-width: none;
            margin-bottom: calc({chart_height}px * (var(--sc-scale) - 1)); }}
        .st-key-radar_chart [data-testid=stPlotlyChart] > .js-plotly-plot {{
            transform: scale(var(--sc-scale)); transform-origin: 0 0; }}
        /* The page's invisible parts (these styles, the live listener) take no row. */
        [data-testid=stMainBlockContainer] > [data-testid=stVerticalBlock] > [data-testid=stElementContainer],
        [data-testid=stMainBlockContainer] > div > [data-testid=stVerticalBlock] > [data-testid=stElementContainer] {{
            position: absolute; }}
        .sc-sr-only {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
                       clip: rect(0 0 0 0); white-space: nowrap; border: 0; }}
        </style>""",
        unsafe_allow_html=True,
    )


def presentation_body(board_id: int, language: Language, *, per_party: bool) -> None:
    """The latest round on the projector: who scored, the radar, and what to discuss first."""
    snapshot = get_snapshots().latest(board_id=board_id, with_scores=True).for_viewer(None)
    latest = snapshot.latest_round
    with st.container(key="radar_round"):
        st.title(t("radar.title", language, board=escape_markdown(snapshot.board.title)), anchor=False)
        if latest is None:
            st.markdown(t("radar.no_rounds", language))
            return
        scores = snapshot.scores_in(latest.id)
        respondents = tn("radar.respondents", language, respondent_count(scores))
        st.markdown(f"{escape_markdown(round_name(latest, language))} · {respondents}")
    summary = summarize(scores)
    chart_column, side_column = st.columns([3, 2], gap="large")
    with chart_column, st.container(key="radar_chart"):
        chart(
            group_radar(scores, language, per_party=per_party, projector=True),
            language,
            key="presentation_radar",
            description=t("radar.describe_party" if per_party else "radar.describe_group", language),
            projector=True,
        )
    with side_column, st.container(key="radar_first"):
        st.subheader(t("radar.discuss_first", language), anchor=False)
        first = discuss_first(summary)
        if not first.top:
            st.markdown(t("radar.nothing_flagged", language))
            return
        st.markdown(t("radar.discuss_first_help", language))
        lines = [
            t(
                "radar.flag_line",
                language,
                dimension=escape_markdown(handbook().dimension(s.dimension).name(language)),
                low=s.low,
                high=s.high,
            )
            for s in first.top
        ]
        st.markdown("\n".join(f"{place}. {line}" for place, line in enumerate(lines, start=1)))
        if first.also:
            names = ", ".join(escape_markdown(handbook().dimension(s.dimension).name(language)) for s in first.also)
            st.markdown(t("radar.also_far_apart", language, parts=names))
