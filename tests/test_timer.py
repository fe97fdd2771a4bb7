"""canvas/ui/timer.py's text, as the server says it at a given moment (the browser counts on from there)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from canvas.models import Language, Timer
from canvas.ui.timer import timer_text

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("timer", "nl", "en"),
    [
        (Timer(total_seconds=300, ends_at=NOW + timedelta(seconds=245)), "Nog 4:05", "4:05 left"),
        (Timer(total_seconds=300, ends_at=NOW + timedelta(seconds=244.2)), "Nog 4:05", "4:05 left"),
        (Timer(total_seconds=300, seconds_left=245), "Nog 4:05 (pauze)", "4:05 left (paused)"),
        (Timer(total_seconds=300, ends_at=NOW - timedelta(seconds=3)), "De tijd is om", "Time is up"),
        (Timer(total_seconds=300, seconds_left=0), "De tijd is om", "Time is up"),
    ],
)
def test_timer_text(timer: Timer, nl: str, en: str) -> None:
    assert timer_text(timer, Language.NL, now=NOW) == nl
    assert timer_text(timer, Language.EN, now=NOW) == en
