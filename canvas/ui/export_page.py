"""The export page (facilitator only): the board as a PDF report, PNG images, JSON and CSV.

Files are made when their button is pressed, not when the page opens: ``st.download_button`` gets a
callable, which Streamlit runs on another thread. That thread cannot read ``st.session_state``, so
everything the callable needs (the store, the board id, the language, the time) is passed in here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import streamlit as st

from canvas.exports.registry import FORMATS, export, file_name, load_source
from canvas.i18n import t
from canvas.models import Board, Language
from canvas.store import Store
from canvas.ui.context import get_store

FILE_LANGUAGE_KEY = "export_language"
ORDER = ("pdf", "png", "csv", "json")
ICONS = {
    "pdf": ":material/picture_as_pdf:",
    "png": ":material/image:",
    "csv": ":material/table:",
    "json": ":material/data_object:",
}


def format_row(board: Board, key: str, file_language: Language, now: datetime, language: Language) -> None:
    fmt = FORMATS[key]
    with st.container(border=True):
        text, button = st.columns([3, 1], vertical_alignment="center")
        with text:
            st.markdown(f"**{t(f'export.format_{key}', language)}**")
            st.caption(t(f"export.format_{key}_help", language))
        with button:
            st.download_button(
                t("export.download", language, format=key.upper()),  # four buttons, four names
                data=_maker(get_store(), board.id, key, file_language, now),
                file_name=file_name(board.title, now, key),
                mime=fmt.media_type,
                icon=ICONS[key],
                key=f"export_{key}",
                on_click="ignore",
                width="stretch",
                type="primary" if key == "pdf" else "secondary",
            )


def _maker(store: Store, board_id: int, key: str, file_language: Language, now: datetime) -> Callable[[], bytes]:
    """What the download button calls, on its own thread, when pressed: read the board now and make the file."""

    def make() -> bytes:
        return export(load_source(store, board_id=board_id, language=file_language, now=now), key)

    return make
