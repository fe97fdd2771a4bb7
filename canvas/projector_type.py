"""Type sizes for the presentation, derived from how far away the room sits (see docs/typography.md).

A character is legible when its height subtends a large enough angle at the eye: ISO 9241-3 (and ANSI/HFES
100, NUREG-0700 1.3.1-4) ask for a capital height of at least 16 minutes of arc and prefer 20 to 22 for
reading; the FAA's rule of thumb, 1/200 of the viewing distance, is the same 17 minutes. We design for the
back row at 3 m from a 1920 px wide image 1.66 m wide (a 75-inch 16:9 screen, or a projection that size),
and turn each angle into a CSS font size through the cap height of the font the app draws with.

Pure arithmetic, no Streamlit: the presentation page and the board component take their sizes from here,
and the tests check the rendered sizes against the same numbers.
"""

from __future__ import annotations

import math

VIEWING_DISTANCE_MM = 3000
"""The farthest seat the presentation is designed for."""
IMAGE_WIDTH_MM = 1660
"""Width of the projected image: a 75-inch 16:9 screen (1.66 m × 0.93 m)."""
REFERENCE_WIDTH_PX = 1920
"""The presentation's design width; at other widths every size scales with the viewport width."""
CAP_HEIGHT_EM = 0.66
"""Capital height of Source Sans 3, the app's font (660 of 1000 units; 0.656 measured in Chromium)."""

# Visual angles, in minutes of arc, for each kind of text (see docs/typography.md for the reasoning).
MINIMUM_ARCMIN = 16  # ISO 9241-3 minimum: what must still be read, at its smallest
READING_ARCMIN = 20  # ISO 9241-3 preferred for reading
HEADING_ARCMIN = 22  # top of the preferred range: zone titles
TITLE_ARCMIN = 24  # the board's and the canvas's names
CODE_ARCMIN = 30  # the join code: copied character by character from the back row

PX_PER_MM = REFERENCE_WIDTH_PX / IMAGE_WIDTH_MM


def cap_height_mm(arcmin: float, distance_mm: float = VIEWING_DISTANCE_MM) -> float:
    """The capital height that subtends ``arcmin`` minutes of arc at ``distance_mm``."""
    return 2 * distance_mm * math.tan(math.radians(arcmin / 60) / 2)


def font_px(arcmin: float) -> int:
    """The CSS font size (px at the reference width) whose capitals subtend ``arcmin`` from the back row,
    rounded up so the text is never smaller than the rule asks."""
    return math.ceil(cap_height_mm(arcmin) * PX_PER_MM / CAP_HEIGHT_EM)


PROJECTOR_FONT_PX: dict[str, int] = {
    "note_text": font_px(READING_ARCMIN),
    "note_text_dense": font_px(MINIMUM_ARCMIN),  # a crowded zone, before notes fold into "+ N meer"
    "note_author": font_px(MINIMUM_ARCMIN),  # author and party
    "zone_title": font_px(HEADING_ARCMIN),
    "zone_prompt": font_px(MINIMUM_ARCMIN),  # the zone's question
    "count": font_px(MINIMUM_ARCMIN),  # "12 notities", "+ 7 meer", participants and notes
    "canvas_title": font_px(TITLE_ARCMIN),
    "board_title": font_px(TITLE_ARCMIN),
    "join_address": font_px(MINIMUM_ARCMIN),
    "join_code": font_px(CODE_ARCMIN),
}
"""Font sizes in px at 1920 px width, by what the text is."""


def css_variables() -> str:
    """The sizes as CSS custom properties (``--sc-fs-note_text: 31;``), unitless: CSS scales them with the
    viewport width (``calc(var(--sc-fs-x) * 100vw / 1920)``)."""
    return " ".join(f"--sc-fs-{name}: {size};" for name, size in PROJECTOR_FONT_PX.items())
