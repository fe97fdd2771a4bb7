"""Where zones and sticky notes go in a drawing of a canvas, in millimetres. Shared by the PDF and PNG.

The house follows the board: a roof, five pillars on top of three foundation zones. Other canvases are
a grid of zones, in their order. A zone shows as many notes as fit; the rest are counted ("+ 4 more")
and every note is always listed in full as text beside the drawing (PDF) or in the other exports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from canvas.models import Band, Canvas, Zone

WIDTH = 180.0  # the drawing's width: A4 minus 15 mm margins
GAP = 3.0
PAD = 2.0
ZONE_HEADER = 11.0  # a zone's title, up to two lines
STICKY_HEIGHT = 13.5
STICKY_GAP = 1.5
STICKY_MIN_WIDTH = 28.0
ROOF_HEIGHT = 16.0
BAND_LABEL = 6.0
MAX_HEIGHT = 232.0  # what fits on a page under the heading


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class ZoneDrawing:
    zone: Zone
    box: Box
    stickies: tuple[Box, ...]  # the first len(stickies) notes of the zone, in board order
    hidden: int  # notes of the zone that did not fit


@dataclass(frozen=True)
class CanvasDrawing:
    height: float
    roof: Box | None
    band_labels: tuple[tuple[Band, Box], ...]
    zones: tuple[ZoneDrawing, ...]


def _columns(width: float) -> int:
    return max(1, int((width - 2 * PAD + STICKY_GAP) // (STICKY_MIN_WIDTH + STICKY_GAP)))


def _zone_height(note_count: int, width: float, max_rows: int) -> float:
    rows = min(max_rows, math.ceil(note_count / _columns(width)))
    return ZONE_HEADER + rows * (STICKY_HEIGHT + STICKY_GAP) + PAD + (4.0 if rows == 0 else 0.0)


def _place(zone: Zone, box: Box, note_count: int) -> ZoneDrawing:
    columns = _columns(box.w)
    sticky_w = (box.w - 2 * PAD - (columns - 1) * STICKY_GAP) / columns
    rows = max(0, int((box.h - ZONE_HEADER - PAD + STICKY_GAP) // (STICKY_HEIGHT + STICKY_GAP)))
    shown = min(note_count, rows * columns)
    if shown < note_count and shown > 0:
        shown -= 1  # leave the last place for "+ N more"
    stickies = tuple(
        Box(
            box.x + PAD + (i % columns) * (sticky_w + STICKY_GAP),
            box.y + ZONE_HEADER + (i // columns) * (STICKY_HEIGHT + STICKY_GAP),
            sticky_w,
            STICKY_HEIGHT,
        )
        for i in range(shown)
    )
    return ZoneDrawing(zone, box, stickies, note_count - shown)


def _row(zones: list[Zone], counts: dict[int, int], y: float, height: float) -> list[ZoneDrawing]:
    width = (WIDTH - (len(zones) - 1) * GAP) / len(zones)
    return [_place(z, Box(i * (width + GAP), y, width, height), counts.get(z.id, 0)) for i, z in enumerate(zones)]


def _row_height(zones: list[Zone], counts: dict[int, int], width: float, max_rows: int) -> float:
    return max(_zone_height(counts.get(z.id, 0), width, max_rows) for z in zones)


def canvas_drawing(canvas: Canvas, zones: tuple[Zone, ...], counts: dict[int, int]) -> CanvasDrawing:
    """Boxes for one canvas. ``counts`` is the number of notes per zone id."""
    if canvas.layout == "house":
        pillars = [z for z in zones if z.band == Band.PILLAR]
        foundation = [z for z in zones if z.band != Band.PILLAR]
        if pillars and foundation:
            return _house(pillars, foundation, counts)
    return _grid(list(zones), counts)


def _house(pillars: list[Zone], foundation: list[Zone], counts: dict[int, int]) -> CanvasDrawing:
    pillar_w = (WIDTH - (len(pillars) - 1) * GAP) / len(pillars)
    base_w = (WIDTH - (len(foundation) - 1) * GAP) / len(foundation)
    fixed = ROOF_HEIGHT + 2 * BAND_LABEL + 2 * GAP
    for max_rows in range(12, 0, -1):  # the most rows that still fit the page
        pillar_h = max(40.0, _row_height(pillars, counts, pillar_w, max_rows))
        base_h = max(28.0, _row_height(foundation, counts, base_w, max(1, max_rows // 2)))
        if fixed + pillar_h + base_h <= MAX_HEIGHT:
            break
    y = ROOF_HEIGHT + GAP
    labels = [(Band.PILLAR, Box(0, y, WIDTH, BAND_LABEL))]
    drawn = _row(pillars, counts, y + BAND_LABEL, pillar_h)
    y += BAND_LABEL + pillar_h + GAP
    labels.append((Band.FOUNDATION, Box(0, y, WIDTH, BAND_LABEL)))
    drawn += _row(foundation, counts, y + BAND_LABEL, base_h)
    height = y + BAND_LABEL + base_h
    return CanvasDrawing(height, Box(0, 0, WIDTH, ROOF_HEIGHT), tuple(labels), tuple(drawn))


def _grid(zones: list[Zone], counts: dict[int, int]) -> CanvasDrawing:
    per_row = 1 if len(zones) == 1 else 2 if len(zones) in (2, 4) else 3
    rows = [zones[i : i + per_row] for i in range(0, len(zones), per_row)]
    width = (WIDTH - (per_row - 1) * GAP) / per_row
    budget = (MAX_HEIGHT - (len(rows) - 1) * GAP) / len(rows)
    max_rows = max(0, int((budget - ZONE_HEADER - PAD) // (STICKY_HEIGHT + STICKY_GAP)))
    drawn: list[ZoneDrawing] = []
    y = 0.0
    for row in rows:
        height = max(26.0, _row_height(row, counts, width, max_rows))
        row_width = (WIDTH - (len(row) - 1) * GAP) / len(row) if len(row) < per_row else width
        drawn += [
            _place(z, Box(i * (row_width + GAP), y, row_width, height), counts.get(z.id, 0)) for i, z in enumerate(row)
        ]
        y += height + GAP
    return CanvasDrawing(max(0.0, y - GAP), None, (), tuple(drawn))
