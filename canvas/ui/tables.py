"""Charts and tables the way every page shows them (issue #12): a chart without plotly's toolbar (3 to 8 tab
stops that add nothing here) and with a sentence saying what it shows; numbers in the language's own notation
(a decimal comma in Dutch), aligned right.

A table's numbers are handed to ``st.dataframe`` as the text shown ("3,7"), not as numbers with a display format:
the table a screen reader reads (the grid's hidden HTML table) holds the cell's value, and read
"3.6666666666666665" where the screen showed "3,7" (issue #23). The tables here are a few rows long, so sorting
them as text costs little."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from canvas.models import Language
from canvas.numbers import chart_separators, decimal, signed_decimal
from canvas.text import literal_html

# No mode bar: zooming or saving a radar is not what a workshop needs, and each button is a tab stop.
CHART_CONFIG = {"displayModeBar": False}


def chart(figure: go.Figure, language: Language, *, key: str, description: str, projector: bool = False) -> None:
    """A plotly chart and its text alternative, said right under it (screen readers skip the drawing); its
    numbers (hover texts, axes) in the language's notation. ``projector``: the figure keeps its own size (the
    page scales it) and the text alternative is for screen readers only (a caption is too small for the room)."""
    figure.update_layout(separators=chart_separators(language))
    st.plotly_chart(figure, key=key, width="content" if projector else "stretch", config=CHART_CONFIG)
    if projector:
        st.html(f"<p class='sc-sr-only'>{literal_html(description)}</p>")
    else:
        st.caption(description)


# "Don't know" in a column of levels (1 to 5): 0, no level, written in words. An empty cell cannot say it:
# Streamlit shows every empty cell of a table as the same placeholder, and "not scored yet" needs that one.
NO_LEVEL = 0


def styled_numbers(
    frame: pd.DataFrame, language: Language, *, level_columns: Sequence[str] = (), dont_know: str = ""
) -> pd.io.formats.style.Styler:
    """The frame with its number columns written in ``language`` (at most one decimal); in ``level_columns``
    ``NO_LEVEL`` is written as ``dont_know``. The data underneath stays numbers. For a file or a printout: on a
    page use ``written_numbers`` (a screen reader reads a styler's data, not its text)."""
    numeric = [column for column in frame.select_dtypes("number").columns if column not in level_columns]
    styled = frame.style.format(lambda value: decimal(value, language), subset=numeric, na_rep="")
    if level_columns:
        styled = styled.format(
            lambda value: dont_know if value == NO_LEVEL else decimal(value, language),
            subset=list(level_columns),
            na_rep="",
        )
    return styled


def written_numbers(
    frame: pd.DataFrame,
    language: Language,
    *,
    level_columns: Sequence[str] = (),
    dont_know: str = "",
    signed_columns: Sequence[str] = (),
) -> tuple[pd.DataFrame, list[str]]:
    """The frame with every number column written as ``language`` writes it (at most one decimal; "" for no
    number): what the screen shows is what a screen reader reads. In ``level_columns`` ``NO_LEVEL`` is written as
    ``dont_know``; ``signed_columns`` are changes, with their sign ("+0,8", "±0"). Returns the frame and the names
    of the columns that held numbers (to align right)."""
    written = frame.copy()
    numeric = [column for column in frame.columns if pd.api.types.is_numeric_dtype(frame[column])]
    for column in numeric:
        values = frame[column].astype(object).where(frame[column].notna(), None)
        if column in level_columns:
            text = [dont_know if v == NO_LEVEL else decimal(v, language) for v in values]
        elif column in signed_columns:
            text = [signed_decimal(v, language) for v in values]
        else:
            text = [decimal(v, language) for v in values]
        written[column] = pd.array(text, dtype="string")
    return written, numeric


def number_table(
    frame: pd.DataFrame,
    language: Language,
    *,
    widths: dict[str, int] | None = None,
    signed_columns: Sequence[str] = (),
    **levels: Any,
) -> None:
    """A table of numbers in the language's notation, written out (see the module); an empty cell stays empty
    (not Streamlit's "None").

    Args:
        widths: pixels per column, for a table that must fit a phone without scrolling sideways.
        signed_columns: columns of changes, written with their sign.
        levels: ``level_columns`` and ``dont_know``, as for ``written_numbers``.
    """
    written, numeric = written_numbers(frame, language, signed_columns=signed_columns, **levels)
    config = {
        name: st.column_config.Column(width=(widths or {}).get(name), alignment="right" if name in numeric else None)
        for name in {*numeric, *(widths or {})}
    }
    st.dataframe(written, hide_index=True, width="stretch", placeholder="", column_config=config)
