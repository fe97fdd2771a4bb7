"""Plotly figures for the maturity radar and the attention chart. No Streamlit: pages show them.

Colours: Okabe-Ito hues, distinguishable with the common forms of colour-blindness, the same as the
parties' sticky notes on the board; lines also differ in dash so print and greyscale still work.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from canvas import palette
from canvas.maturity import DimensionSummary
from canvas.models import Party
from canvas.projector_type import MINIMUM_ARCMIN, READING_ARCMIN, font_px
from canvas.radar_geometry import AXES, DIRECTION, MAX_LEVEL, ROTATION_DEGREES

PARTY_COLORS = {
    Party.GOVERNMENT: "#0072B2",
    Party.CIVIC: "#E69F00",
    Party.FUNDER: "#009E73",
    Party.BUSINESS: "#CC79A7",
    Party.OTHER: "#6B6B6B",
}
PARTY_DASH = {
    Party.GOVERNMENT: "solid",
    Party.CIVIC: "dash",
    Party.FUNDER: "dot",
    Party.BUSINESS: "dashdot",
    Party.OTHER: "longdash",
}
GROUP_COLOR = palette.INK
BAND_COLOR = "rgba(122, 59, 46, 0.16)"
SECOND_COLOR = "#D55E00"
# Axis text: dark and large enough to read from the back of a room (plotly's default is 12 px light grey).
TEXT_COLOR = palette.INK
LABEL_SIZE = 17
# On a phone (about 350 px for the chart) the labels are smaller and break sooner, and the margins hold them.
PHONE_LABEL_SIZE = 13
PHONE_LABEL_WIDTH = 11
# The radar keeps this share of its plot area free below the circle for the bottom axis label (two lines), and
# the legend starts under that: placed at a fixed distance under the circle, a legend of three rows (the
# per-party view) covered the label's second line (issue #23, "Financiën en middelen").
LABEL_ROOM = 0.17
PHONE_LABEL_ROOM = 0.15
# On the projector (the radar's presentation view) the sizes are docs/typography.md's, in px at 1920 wide (the
# page scales the whole chart with the screen's width): the axis labels, what the room reads, at 20′ (31 px), the
# legend and the levels at the 16′ minimum (25 px). The chart has a fixed size at 1920 px, made to fit 1080 px.
PROJECTOR_LABEL_SIZE = font_px(READING_ARCMIN)
PROJECTOR_SMALL_SIZE = font_px(MINIMUM_ARCMIN)
PROJECTOR_LABEL_ROOM = 0.16
PROJECTOR_LEGEND_ROW = 38
PROJECTOR_SIZE = (1080, 950)


@dataclass(frozen=True)
class RadarLine:
    name: str
    values: list[float | None]  # in AXES order
    color: str
    dash: str = "solid"
    width: float = 3


def wrap_label(text: str, width: int = 13) -> str:
    """Break a long axis label over lines (plotly's <br>), so it fits beside a radar on a phone."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def means(summaries: dict[str, DimensionSummary]) -> list[float | None]:
    return [summaries[key].mean for key in AXES]


def _closed(values: list, labels: list[str]) -> tuple[list, list[str]]:
    # Repeat the first point so the outline closes at the top.
    return [*values, values[0]], [*labels, labels[0]]


def radar_figure(
    labels: list[str],
    lines: list[RadarLine],
    *,
    band: tuple[list[int | None], list[int | None]] | None = None,
    band_name: str = "",
    height: int = 520,
    phone: bool = False,
    projector: bool = False,
) -> go.Figure:
    """A radar with one outline per line and, optionally, the lowest-to-highest band behind them.

    Args:
        phone: drawn for a phone's width: smaller labels and margins that keep them inside 390 px (the
            labels should come wrapped at ``PHONE_LABEL_WIDTH``).
        projector: drawn for the back row, ``PROJECTOR_SIZE`` at 1920 px wide, with the projector's type sizes
            (``height`` is then ignored).
    """
    label_size = PHONE_LABEL_SIZE if phone else LABEL_SIZE
    tick_size, legend_size = label_size - 3, label_size - 1
    label_room = PHONE_LABEL_ROOM if phone else LABEL_ROOM
    margin = {"l": 62, "r": 62, "t": 40, "b": 40} if phone else {"l": 110, "r": 110, "t": 64, "b": 90}
    size: dict[str, int] = {"height": height}
    if projector:
        label_size, tick_size, legend_size = PROJECTOR_LABEL_SIZE, PROJECTOR_SMALL_SIZE, PROJECTOR_SMALL_SIZE
        label_room = PROJECTOR_LABEL_ROOM
        # The legend sits under the plot, two entries a row at most (plotly lines wrapped entries up in
        # columns as wide as the widest, "Van laagste tot hoogste score"): the bottom margin holds its rows.
        entries = len(lines) + (band is not None)
        margin = {"l": 180, "r": 180, "t": 96, "b": 24 + PROJECTOR_LEGEND_ROW * math.ceil(entries / 2)}
        size = {"width": PROJECTOR_SIZE[0], "height": PROJECTOR_SIZE[1]}
    figure = go.Figure()
    if band is not None and all(v is not None for v in band[0] + band[1]):
        low, high = band
        # Around the outside clockwise, back along the inside: a ring, filled between low and high.
        ring_r = [*high, high[0], low[0], *reversed(low)]
        ring_theta = [*labels, labels[0], labels[0], *reversed(labels)]
        figure.add_trace(
            go.Scatterpolar(
                r=ring_r,
                theta=ring_theta,
                mode="lines",
                fill="toself",
                fillcolor=BAND_COLOR,
                line={"width": 0},
                name=band_name,
                hoverinfo="skip",
            )
        )
    for line in lines:
        r, theta = _closed(line.values, labels)
        figure.add_trace(
            go.Scatterpolar(
                r=r,
                theta=theta,
                name=line.name,
                mode="lines+markers",
                connectgaps=False,
                line={"color": line.color, "dash": line.dash, "width": line.width},
                marker={"size": 7, "color": line.color},
                hovertemplate="%{theta}: %{r:.1f}<extra>" + line.name + "</extra>",
            )
        )
    figure.update_layout(
        polar={
            "radialaxis": {
                "range": [0, MAX_LEVEL],
                "tickvals": [1, 2, 3, 4, 5],
                "angle": 90,
                "tickfont": {"size": tick_size, "color": TEXT_COLOR},
            },
            "domain": {"x": [0, 1], "y": [label_room, 1]},
            "angularaxis": {
                "rotation": ROTATION_DEGREES,
                "direction": DIRECTION,
                "categoryorder": "array",
                "categoryarray": labels,
                "tickfont": {"size": label_size, "color": TEXT_COLOR},
            },
        },
        showlegend=True,
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": 0,
            "x": 0.5,
            "xanchor": "center",
            "font": {"size": legend_size, "color": TEXT_COLOR},
        },
        margin=margin,
        **size,
        font={"family": "Source Sans, sans-serif", "color": TEXT_COLOR},
    )
    return figure


def attention_figure(labels: list[str], counts: list[int], *, axis_title: str, height: int = 360) -> go.Figure:
    """Horizontal bars: how many notes the board holds per dimension, in radar order from the top."""
    figure = go.Figure(
        go.Bar(
            x=counts,
            y=labels,
            orientation="h",
            marker_color=palette.ROOF,
            text=counts,
            textposition="outside",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_layout(
        yaxis={"autorange": "reversed", "tickfont": {"size": LABEL_SIZE - 1, "color": TEXT_COLOR}},
        xaxis={"title": axis_title, "rangemode": "tozero", "dtick": 1 if max(counts, default=0) < 10 else None},
        margin={"l": 10, "r": 30, "t": 10, "b": 40},
        height=height,
        font={"family": "Source Sans, sans-serif", "color": TEXT_COLOR},
    )
    return figure
