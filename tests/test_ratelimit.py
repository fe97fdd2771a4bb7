"""The in-process rate limiter, with a hand-driven clock."""

import pytest

from canvas.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_up_to_the_limit_then_refuses() -> None:
    limiter = RateLimiter(limit=3, per_seconds=10, clock=Clock())
    assert [limiter.allow("a") for _ in range(5)] == [True, True, True, False, False]


def test_keys_are_counted_apart() -> None:
    limiter = RateLimiter(limit=1, per_seconds=10, clock=Clock())
    assert limiter.allow("a") and limiter.allow("b")
    assert not limiter.allow("a")


def test_the_window_slides() -> None:
    clock = Clock()
    limiter = RateLimiter(limit=2, per_seconds=10, clock=clock)
    assert limiter.allow("a") and limiter.allow("a")
    clock.now += 9.9
    assert not limiter.allow("a")
    clock.now += 0.2  # the first two attempts are now older than the window
    assert limiter.allow("a")


def test_idle_keys_are_forgotten() -> None:
    clock = Clock()
    limiter = RateLimiter(limit=1, per_seconds=1, clock=clock)
    for index in range(10_001):
        limiter.allow(f"guess-{index}")
    clock.now += 5
    limiter.allow("late")
    assert len(limiter._attempts) == 1


@pytest.mark.parametrize(("limit", "per_seconds"), [(0, 1), (1, 0)])
def test_nonsense_limits_are_refused(limit: int, per_seconds: float) -> None:
    with pytest.raises(ValueError):
        RateLimiter(limit=limit, per_seconds=per_seconds)


def test_looking_does_not_count() -> None:
    clock = Clock()
    limiter = RateLimiter(limit=2, per_seconds=10, clock=clock)
    assert not limiter.is_limited("a")
    limiter.allow("a")
    assert not any(limiter.is_limited("a") for _ in range(5))
    limiter.allow("a")
    assert limiter.is_limited("a")
    clock.now += 11
    assert not limiter.is_limited("a")
