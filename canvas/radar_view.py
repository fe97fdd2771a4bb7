"""Building the radar and its table for a round: shared by the radar page and the phone."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from canvas.charts import (
    GROUP_COLOR,
    PARTY_COLORS,
    PARTY_DASH,
    PHONE_LABEL_WIDTH,
    RadarLine,
    means,
    radar_figure,
    wrap_label,
)
from canvas.content import handbook
from canvas.i18n import t
from canvas.maturity import DimensionSummary, by_party, discuss_first, summarize
from canvas.models import Language, Score
from canvas.radar_geometry import AXES


def axis_labels(language: Language, *, phone: bool = False) -> list[str]:
    width = PHONE_LABEL_WIDTH if phone else 13
    return [wrap_label(handbook().dimension(key).name(language), width) for key in AXES]


def group_lines(
    scores: tuple[Score, ...], language: Language, *, per_party: bool, extra: tuple[RadarLine, ...] = ()
) -> list[RadarLine]:
    """The outlines of the group radar: the group's mean, optionally one per party, then ``extra``."""
    lines = [RadarLine(t("radar.group_mean", language), means(summarize(scores)), GROUP_COLOR, width=4)]
    if per_party:
        for party, party_summary in by_party(scores).items():
            lines.append(
                RadarLine(
                    t(f"party.{party.value}", language),
                    means(party_summary),
                    PARTY_COLORS[party],
                    PARTY_DASH[party],
                    2.5,
                )
            )
    lines.extend(extra)
    return lines


def group_radar(
    scores: tuple[Score, ...],
    language: Language,
    *,
    per_party: bool,
    extra: tuple[RadarLine, ...] = (),
    phone: bool = False,
    projector: bool = False,
) -> go.Figure:
    """The group's mean with its lowest-to-highest band, and optionally one outline per party; ``projector``:
    drawn for the radar's presentation view (``charts.radar_figure``)."""
    summary = summarize(scores)
    lines = group_lines(scores, language, per_party=per_party, extra=extra)
    band = ([summary[k].low for k in AXES], [summary[k].high for k in AXES])
    return radar_figure(
        axis_labels(language, phone=phone),
        lines,
        band=band,
        band_name=t("radar.band", language),
        height=440 if phone else 520,
        phone=phone,
        projector=projector,
    )


def lines_table(lines: list[RadarLine], language: Language) -> pd.DataFrame:
    """A radar's outlines as a table: one row per part of the house (in the radar's order), one column per
    outline. The text alternative of every radar, the per-party and "you against the group" ones too."""
    rows = {t("radar.col_dimension", language): [handbook().dimension(key).name(language) for key in AXES]}
    for line in lines:
        rows[line.name] = pd.array(line.values, dtype="Float64")
    return pd.DataFrame(rows)


def summary_table(summary: dict[str, DimensionSummary], language: Language) -> pd.DataFrame:
    """The radar's numbers as a table: the accessible alternative to the chart. "Discuss first" holds a part's
    place in that list (1 to start with), empty for the others."""
    first = discuss_first(summary)
    return pd.DataFrame(
        [
            {
                t("radar.col_dimension", language): handbook().dimension(key).name(language),
                t("radar.col_mean", language): s.mean,
                t("radar.col_low", language): s.low,
                t("radar.col_high", language): s.high,
                t("radar.col_spread", language): s.spread,
                t("radar.col_respondents", language): s.respondents,
                t("radar.col_dont_know", language): s.dont_know,
                t("radar.col_discuss", language): first.rank(key),
            }
            for key, s in summary.items()
        ]
    ).astype({t("radar.col_discuss", language): "Int64"})
