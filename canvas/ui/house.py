"""The house model drawn with buttons: five pillars on a foundation of three. Each part opens the tools
that work on it. Real buttons (not an image map): obvious to tap, keyboard-accessible and testable."""

from __future__ import annotations

import streamlit as st

from canvas.content import handbook
from canvas.i18n import t, tn
from canvas.models import Language
from canvas.ui import context

_HOUSE_CSS = """<style>
.sc-house-roof { clip-path: polygon(50% 0, 100% 100%, 0 100%); background: var(--sc-roof); color: #fff;
  text-align: center; font-weight: 700; font-size: 1.2rem; padding: 2.4rem 15% 0.5rem; margin-bottom: 0.4rem; }
[class*="st-key-house_infrastructure_"] button { min-height: 8.5rem; background: var(--sc-zone-bg);
  border: 2px solid var(--sc-line); border-top: 6px solid var(--sc-roof); white-space: normal; }
[class*="st-key-house_foundation_"] button { min-height: 4.2rem; background: var(--sc-foundation-bg);
  border: 2px solid var(--sc-line); white-space: normal; }
[class*="st-key-house_"] button:hover { border-color: #0072b2; color: #0072b2; }
[class*="st-key-house_"] button p { font-size: 1.05rem; font-weight: 600; }
.sc-house-band { text-align: center; text-transform: uppercase; letter-spacing: 0.12em; font-size: 0.8rem;
  color: var(--sc-muted); border-top: 3px solid var(--sc-roof); padding-top: 0.2rem; margin: 0.3rem 0; }
</style>"""


def house_diagram(language: Language) -> None:
    """Draw the house; a click on a part opens the library filtered on that dimension."""
    st.html(_HOUSE_CSS)
    book = handbook()
    st.html(f"<div class='sc-house-roof'>{t('start.house_roof', language)}</div>")
    _row([d for d in book.dimensions if d.layer == "infrastructure"], language)
    st.html(f"<div class='sc-house-band'>{t('board.foundation', language)}</div>")
    _row([d for d in book.dimensions if d.layer == "foundation"], language)


def _row(dimensions: list, language: Language) -> None:
    for column, dimension in zip(st.columns(len(dimensions), gap="small"), dimensions, strict=True):
        with column:
            count = len(handbook().tools_for(dimension.key))
            if st.button(
                dimension.name(language),
                key=f"house_{dimension.layer}_{dimension.key}",
                help=f"{dimension.explanation(language)} ({tn('start.tools_count', language, count)})",
                width="stretch",
            ):
                context.open_library(language, dimension=dimension.key)
