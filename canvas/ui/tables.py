"""Charts and tables the way every page shows them (issue #12): a chart without plotly's toolbar (3 to 8 tab
stops that add nothing here) and with a sentence saying what it shows; numbers in the language's own notation
(a decimal comma in Dutch) while their columns stay numeric, so they sort as numbers and align right."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from canvas.models import Language
from canvas.numbers import decimal

# No mode bar: zooming or saving a radar is not what a workshop needs, and each button is a tab stop.
CHART_CONFIG = {"displayModeBar": False}


def chart(figure: go.Figure, *, key: str, description: str) -> None:
    """A plotly chart and its text alternative, said right under it (screen readers skip the drawing)."""
    st.plotly_chart(figure, key=key, width="stretch", config=CHART_CONFIG)
    st.caption(description)


def styled_numbers(frame: pd.DataFrame, language: Language, *, missing: str = "") -> pd.io.formats.style.Styler:
    """The frame with its number columns written in ``language`` (at most one decimal); an empty number shows
    as ``missing``. The data underneath stays numbers."""
    numeric = list(frame.select_dtypes("number").columns)
    return frame.style.format(lambda value: decimal(value, language), subset=numeric, na_rep=missing)


def number_table(frame: pd.DataFrame, language: Language, *, missing: str = "") -> None:
    st.dataframe(styled_numbers(frame, language, missing=missing), hide_index=True, width="stretch")
