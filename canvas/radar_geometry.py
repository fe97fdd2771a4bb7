"""One geometry for every radar: the same axis order, the first axis at the top, going clockwise.

Plotly is told the same thing (ROTATION_DEGREES, DIRECTION); drawings of our own (PDF, PNG) use
``axis_point``, so all renderings of a board's radar look alike.
"""

from __future__ import annotations

import math

from canvas.models import DIMENSION_KEYS

AXES = DIMENSION_KEYS
ROTATION_DEGREES = 90  # where the first axis points, counter-clockwise from "east" (90 = straight up)
DIRECTION = "clockwise"
MAX_LEVEL = 5


def axis_angle(index: int, count: int = len(AXES)) -> float:
    """The angle of axis ``index`` in radians, mathematical convention (counter-clockwise from east)."""
    return math.radians(ROTATION_DEGREES - index * 360 / count)


def axis_point(
    index: int, value: float, *, center: tuple[float, float], radius: float, count: int = len(AXES)
) -> tuple[float, float]:
    """Where ``value`` (0..MAX_LEVEL) on axis ``index`` lies on a page whose y axis points down."""
    angle = axis_angle(index, count)
    distance = radius * value / MAX_LEVEL
    return center[0] + distance * math.cos(angle), center[1] - distance * math.sin(angle)
