"""User text: what may be stored (checks used by the input models) and how to show it literally."""

from __future__ import annotations

import html
import re
import unicodedata

from pydantic_core import PydanticCustomError

# Error types of the two checks below; canvas/ui/errors.py turns them into messages in the user's language.
CONTROL_CHARACTERS = "text_control_characters"
INVISIBLE_ONLY = "text_invisible_only"

# Bidirectional embeddings, overrides and isolates: they reorder what other people see (a note can be made to
# read backwards, or to look like someone else's). Ordinary right-to-left text needs none of them.
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that draw nothing but are not format characters (fillers used to fake an empty name).
_BLANK_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _refused(ch: str, allowed: str) -> bool:
    category = unicodedata.category(ch)
    if ch in allowed:
        return False
    # Cc: C0/C1 controls, NUL among them (PostgreSQL cannot store it); Cs: lone surrogates (not valid UTF-8).
    return category in ("Cc", "Cs") or ch in _DIRECTION_CONTROLS


def _visible(ch: str) -> bool:
    return not (ch.isspace() or unicodedata.category(ch) in ("Cf", "Mn", "Me") or ch in _BLANK_FILLERS)


def _check(value: str, allowed: str) -> str:
    if any(_refused(ch, allowed) for ch in value):
        raise PydanticCustomError(CONTROL_CHARACTERS, "text contains control or direction characters")
    if value and not any(_visible(ch) for ch in value):
        raise PydanticCustomError(INVISIBLE_ONLY, "text contains only invisible characters")
    return value


def check_one_line_text(value: str) -> str:
    """Refuse control characters (line breaks too), direction overrides, and text that only looks empty."""
    return _check(value, allowed="")


def check_multiline_text(value: str) -> str:
    """As ``check_one_line_text``, but line breaks and tabs may stay (a note may have several lines)."""
    return _check(value, allowed="\n\t\r")


# Every ASCII punctuation mark may start markdown somewhere (emphasis, links, images, headings, lists, tables,
# KaTeX, :material/icons:, HTML, entities); a backslash makes any of them literal in CommonMark.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(text: str) -> str:
    """``text`` as literal characters inside Streamlit markdown (titles, captions, labels, messages).

    A backslash before every ASCII punctuation mark: ``\\&`` keeps ``&lt;`` from being decoded as an entity,
    ``\\:`` keeps ``:material/home:`` and ``:smile:`` from becoming icons, ``\\!\\[`` an image from being fetched.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def literal_html(text: str) -> str:
    """``text`` escaped for a fixed HTML template (st.html): no tag, entity or attribute survives."""
    return html.escape(text, quote=True)
