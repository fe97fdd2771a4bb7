"""The export page (facilitator only): the board as a PDF report, PNG images, JSON and CSV.

Files are made when their button is pressed, not when the page opens: ``st.download_button`` gets a
callable, which Streamlit runs on another thread. That thread cannot read ``st.session_state``, so
everything the callable needs (the store, the board id, the language, the time) is passed in here.

While a file is made (a PDF takes seconds), Streamlit only greys its button and turns the icon into a small
spinner, without a word. Each row has a status line (``role=status``, so a screen reader says it too) that says
in the page's language that the file is being made, for as long as the button waits.
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
            _making_status(key, language)
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


# Trusted code of our own; the text arrives as data and is set with textContent. Streamlit disables a download
# button while its callable runs and enables it again when the file is there: the line follows that.
_STATUS_CSS = """
.sc-making { margin: .25rem 0 0; font-weight: 600; color: var(--sc-ink); min-height: 0; }
.sc-making:empty { display: none; }
.sc-making::before { content: ""; display: inline-block; width: .9em; height: .9em; margin-right: .45em;
  vertical-align: -.1em; border: .15em solid currentColor; border-right-color: transparent; border-radius: 50%;
  animation: sc-spin .8s linear infinite; }
@keyframes sc-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .sc-making::before { animation: none; } }
"""
_STATUS_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let line = parentElement.querySelector(".sc-making");
  if (!line) {
    line = document.createElement("p");
    line.className = "sc-making";
    line.setAttribute("role", "status");
    parentElement.append(line);
  }
  if (!data) return undefined;
  const button = () => document.querySelector(`.st-key-${data.key} button`);
  const update = () => {
    const busy = Boolean(button()?.disabled);
    const text = busy ? data.text : "";
    if (line.textContent !== text) line.textContent = text;
    line.dataset.busy = String(busy);
  };
  const observer = new MutationObserver(update);
  observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["disabled"] });
  update();
  return () => observer.disconnect();
}
"""
_status = st.components.v2.component("samenwerkingscanvas_making", css=_STATUS_CSS, js=_STATUS_JS, isolate_styles=True)


def _making_status(key: str, language: Language) -> None:
    """The line that says the file of ``key`` is being made, while its button waits for it."""
    _status(
        data={"key": f"export_{key}", "text": t("export.making", language, format=t(f"export.format_{key}", language))},
        key=f"making_{key}",
        height="content",
    )


def _maker(store: Store, board_id: int, key: str, file_language: Language, now: datetime) -> Callable[[], bytes]:
    """What the download button calls, on its own thread, when pressed: read the board now and make the file."""

    def make() -> bytes:
        return export(load_source(store, board_id=board_id, language=file_language, now=now), key)

    return make
