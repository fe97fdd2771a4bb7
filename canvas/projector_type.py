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


LARGE_ROOM_DISTANCE_MM = 8000
"""The back row of a large room (a hall, a council chamber): 8 m from a projected image 2.5 m wide."""
LARGE_ROOM_IMAGE_WIDTH_MM = 2500
FAA_CHARACTER_RATIO = 1 / 200
"""The FAA's rule of thumb: a capital 1/200 of the viewing distance high (about 17 minutes of arc)."""
FIT_DISTANCES_MM = (8000, 7000, 6000, 5000)
"""The note text's sizes on the presentation, largest first: the size a capital of 1/200 of each distance
needs in the large room. A zone shows its notes at the largest size at which all of them fit; below the last
comes the floor, ``note_text_dense`` (16′ from 3 m on a 75-inch screen), and after that notes fold."""


def large_room_font_px(distance_mm: float) -> int:
    """The font size (px at 1920 wide) whose capital is 1/200 of ``distance_mm`` high on the large room's image."""
    cap_px = distance_mm * FAA_CHARACTER_RATIO * REFERENCE_WIDTH_PX / LARGE_ROOM_IMAGE_WIDTH_MM
    return math.ceil(cap_px / CAP_HEIGHT_EM)


def _fit_levels() -> list[dict[str, int]]:
    floor = PROJECTOR_FONT_PX["note_text_dense"]
    notes = [large_room_font_px(d) for d in FIT_DISTANCES_MM] + [floor]
    # The lines beside the text (author and party, the zone's question) one step smaller, never below the floor.
    return [
        {"note_text": size, "secondary": max(floor, notes[min(i + 1, len(notes) - 1)])} for i, size in enumerate(notes)
    ]


FIT_LEVELS: list[dict[str, int]] = _fit_levels()
"""The presentation's type steps for a zone's notes, largest first (see docs/typography.md, "As the board
fills"): ``note_text`` for the note, ``secondary`` for its author line and the zone's question."""


def css_variables() -> str:
    """The sizes as CSS custom properties (``--sc-fs-note_text: 31;``), unitless: CSS scales them with the
    viewport width (``calc(var(--sc-fs-x) * 100vw / 1920)``)."""
    return " ".join(f"--sc-fs-{name}: {size};" for name, size in PROJECTOR_FONT_PX.items())
