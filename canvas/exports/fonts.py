"""The bundled Unicode font (DejaVu Sans, content/fonts, with its licence) and what it can print.

Characters the font has no glyph for (most emoji, Chinese, Japanese, Korean, Indic scripts) are
printed as a visible substitute, so an export never crashes and never silently drops text. The JSON
and CSV exports keep every character.
"""

from __future__ import annotations

from functools import cache

from fontTools.ttLib import TTFont

from canvas.content import CONTENT_DIR

FONT_DIR = CONTENT_DIR / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
SUBSTITUTE = "\u25a1"  # WHITE SQUARE: the conventional sign for "this character cannot be shown here"


@cache
def covered() -> frozenset[int]:
    """Code points both the regular and the bold face can draw."""
    regular = TTFont(REGULAR, lazy=True).getBestCmap()
    bold = TTFont(BOLD, lazy=True).getBestCmap()
    return frozenset(regular) & frozenset(bold)


INVISIBLE = frozenset("\u200d\ufe0e\ufe0f")  # joiners and variation selectors: nothing to draw


def printable(text: str) -> str:
    """``text`` with every character the font cannot draw replaced by SUBSTITUTE (tabs and controls by spaces)."""
    glyphs = covered()
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif ch in INVISIBLE:
            continue
        elif ch < " " or ch == "\x7f":
            out.append(" ")
        else:
            out.append(ch if ord(ch) in glyphs else SUBSTITUTE)
    return "".join(out)


def has_substitutes(text: str) -> bool:
    return printable(text).count(SUBSTITUTE) > text.count(SUBSTITUTE)
