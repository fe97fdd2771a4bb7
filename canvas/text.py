"""Small text helpers for showing user-written text safely."""

from __future__ import annotations

import re

# Characters that Streamlit's markdown would turn into formatting, links or HTML-ish structure.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def escape_markdown(text: str) -> str:
    """``text`` as literal characters inside Streamlit markdown (titles, captions, messages)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
