"""Charts and tables the way every page shows them (issue #12): a chart without plotly's toolbar (3 to 8 tab
stops that add nothing here) and with a sentence saying what it shows; numbers in the language's own notation
(a decimal comma in Dutch) while their columns stay numeric, so they sort as numbers and align right."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from canvas.models import Language
from canvas.numbers import chart_separators, decimal

# No mode bar: zooming or saving a radar is not what a workshop needs, and each button is a tab stop.
CHART_CONFIG = {"displayModeBar": False}


def chart(figure: go.Figure, language: Language, *, key: str, description: str) -> None:
    """A plotly chart and its text alternative, said right under it (screen readers skip the drawing); its
    numbers (hover texts, axes) in the language's notation."""
    figure.update_layout(separators=chart_separators(language))
    st.plotly_chart(figure, key=key, width="stretch", config=CHART_CONFIG)
    st.caption(description)


# "Don't know" in a column of levels (1 to 5): 0, no level, written in words. An empty cell cannot say it:
# Streamlit shows every empty cell of a table as the same placeholder, and "not scored yet" needs that one.
NO_LEVEL = 0


def styled_numbers(
    frame: pd.DataFrame, language: Language, *, level_columns: Sequence[str] = (), dont_know: str = ""
) -> pd.io.formats.style.Styler:
    """The frame with its number columns written in ``language`` (at most one decimal); in ``level_columns``
    ``NO_LEVEL`` is written as ``dont_know``. The data underneath stays numbers (they sort and align as numbers).
    Empty cells are left to ``st.dataframe``'s placeholder: Streamlit does not show a styler's text for them."""
    numeric = [column for column in frame.select_dtypes("number").columns if column not in level_columns]
    styled = frame.style.format(lambda value: decimal(value, language), subset=numeric, na_rep="")
    if level_columns:
        styled = styled.format(
            lambda value: dont_know if value == NO_LEVEL else decimal(value, language),
            subset=list(level_columns),
            na_rep="",
        )
    return styled


def number_table(
    frame: pd.DataFrame, language: Language, *, widths: dict[str, int] | None = None, **levels: Any
) -> None:
    """A table of numbers in the language's notation; an empty cell stays empty (not Streamlit's "None").

    Args:
        widths: pixels per column, for a table that must fit a phone without scrolling sideways.
    """
    config = {name: st.column_config.Column(width=pixels) for name, pixels in (widths or {}).items()}
    styled = styled_numbers(frame, language, **levels)
    st.dataframe(styled, hide_index=True, width="stretch", placeholder="", column_config=config)
