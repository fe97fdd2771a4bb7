"""Maturity scores, summed up: per dimension, per party, per person, and between rounds. Pure code.

"Don't know" (level None) is counted apart and never treated as a zero. A dimension whose scores lie
SPREAD_TO_DISCUSS or more apart is far apart: the group sees it differently. In a group of five nearly every part
may be far apart, so "discuss first" is a ranking (``discuss_first``): the few parts the group disagrees on most.

Means are shown with MEAN_DIGITS decimals, and a change between rounds is the difference of the means as shown
(``shown_change``): "1,8 → 2,6" changed by "+0,8", never by a "+0,9" from the unrounded means.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean, pstdev

from canvas.content import Handbook
from canvas.models import DIMENSION_KEYS, BoardSnapshot, Party, Score

SPREAD_TO_DISCUSS = 2
DISCUSS_FIRST_SHOWN = 3  # "discuss first" names at most this many parts: a short list to start with
MIN_SCORES_TO_RANK = 3  # fewer levels than this are too few to call a disagreement (unless the round is that small)
MEAN_DIGITS = 1  # decimals of a mean and of a change, wherever they are shown


def shown(value: float | None) -> float | None:
    """A mean as every screen and file shows it: rounded to MEAN_DIGITS decimals."""
    return None if value is None else round(value, MEAN_DIGITS)


def shown_change(before: float | None, after: float | None) -> float | None:
    """The change from ``before`` to ``after`` as the difference of the shown (rounded) means, so the numbers on
    a line add up; None when either is missing. A change of nothing is 0.0 (never -0.0)."""
    old, new = shown(before), shown(after)
    if old is None or new is None:
        return None
    return round(new - old, MEAN_DIGITS) + 0.0


@dataclass(frozen=True)
class DimensionSummary:
    dimension: str
    respondents: int  # people who gave a level (1-5)
    dont_know: int  # people who answered "don't know"
    mean: float | None
    low: int | None
    high: int | None
    deviation: float | None = None  # the levels' standard deviation: how far people are apart on average

    @property
    def spread(self) -> int | None:
        return None if self.low is None or self.high is None else self.high - self.low

    @property
    def far_apart(self) -> bool:
        return self.spread is not None and self.spread >= SPREAD_TO_DISCUSS


def summarize(scores: Iterable[Score]) -> dict[str, DimensionSummary]:
    """One summary per dimension, in radar order; dimensions nobody scored have no mean."""
    levels: dict[str, list[int]] = {key: [] for key in DIMENSION_KEYS}
    unknown = dict.fromkeys(DIMENSION_KEYS, 0)
    for score in scores:
        if score.level is None:
            unknown[score.dimension] += 1
        else:
            levels[score.dimension].append(score.level)
    return {
        key: DimensionSummary(
            dimension=key,
            respondents=len(levels[key]),
            dont_know=unknown[key],
            mean=fmean(levels[key]) if levels[key] else None,
            low=min(levels[key], default=None),
            high=max(levels[key], default=None),
            deviation=pstdev(levels[key]) if levels[key] else None,
        )
        for key in DIMENSION_KEYS
    }


@dataclass(frozen=True)
class DiscussFirst:
    """The parts to discuss first (``top``, most disagreement first) and the others that are far apart too."""

    top: tuple[DimensionSummary, ...]
    also: tuple[DimensionSummary, ...]

    def rank(self, dimension: str) -> int | None:
        """1 for the part to start with, and so on; None for a part not in the top."""
        places = [s.dimension for s in self.top]
        return places.index(dimension) + 1 if dimension in places else None


def discuss_first(summary: dict[str, DimensionSummary], *, limit: int = DISCUSS_FIRST_SHOWN) -> DiscussFirst:
    """Rank the parts that are far apart by how much the group disagrees, and keep the first ``limit``.

    Disagreement is the spread (highest minus lowest level); equal spreads are told apart by the standard
    deviation (more people at the ends), then by more levels given, then by the house's order. A part needs
    MIN_SCORES_TO_RANK levels (or, in a smaller round, as many as the most-scored part has): two people out of
    five who disagree while three say "don't know" are not the group's disagreement.
    """
    most = max((s.respondents for s in summary.values()), default=0)
    needed = min(MIN_SCORES_TO_RANK, most)
    order = {key: place for place, key in enumerate(DIMENSION_KEYS)}
    candidates = [s for s in summary.values() if s.far_apart and s.respondents >= needed]
    ranked = sorted(
        candidates,
        key=lambda s: (-(s.spread or 0), -round(s.deviation or 0.0, 9), -s.respondents, order[s.dimension]),
    )
    return DiscussFirst(top=tuple(ranked[:limit]), also=tuple(ranked[limit:]))


def respondent_count(scores: Iterable[Score]) -> int:
    """How many people scored at least one dimension (a "don't know" counts as taking part)."""
    return len({score.participant_id for score in scores})


def by_party(scores: Iterable[Score]) -> dict[Party, dict[str, DimensionSummary]]:
    """A summary per party that scored, in the order parties are listed in the app."""
    grouped: dict[Party, list[Score]] = {}
    for score in scores:
        grouped.setdefault(score.party, []).append(score)
    return {party: summarize(grouped[party]) for party in Party if party in grouped}


def of_participant(scores: Iterable[Score], participant_id: str) -> dict[str, int | None]:
    """One person's levels by dimension (missing dimensions are absent, "don't know" is None)."""
    return {s.dimension: s.level for s in scores if s.participant_id == participant_id}


@dataclass(frozen=True)
class Change:
    """How the mean of one dimension moved between two rounds, for everyone or for one party."""

    dimension: str
    party: Party | None
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        """The change between the means as shown (see ``shown_change``)."""
        return shown_change(self.before, self.after)


def compare_rounds(before: Iterable[Score], after: Iterable[Score]) -> list[Change]:
    """Changes per dimension for the whole group, then per party that scored in either round."""
    before, after = list(before), list(after)
    changes = [Change(key, None, summarize(before)[key].mean, summarize(after)[key].mean) for key in DIMENSION_KEYS]
    parties_before, parties_after = by_party(before), by_party(after)
    for party in Party:
        if party not in parties_before and party not in parties_after:
            continue
        for key in DIMENSION_KEYS:
            old = parties_before.get(party, {}).get(key)
            new = parties_after.get(party, {}).get(key)
            changes.append(Change(key, party, old.mean if old else None, new.mean if new else None))
    return changes


def notes_per_dimension(snapshot: BoardSnapshot, handbook: Handbook) -> dict[str, int]:
    """Where the group put its attention: notes counted for every dimension their canvas works on.

    A note on the collaboration canvas counts for its zone's dimension; a note on a tool's worksheet
    counts for each dimension that tool touches; notes on custom canvases count for none.
    """
    counts = dict.fromkeys(DIMENSION_KEYS, 0)
    canvas_of_zone = {zone.id: zone for zone in snapshot.zones}
    canvases = {canvas.id: canvas for canvas in snapshot.canvases}
    for note in snapshot.notes:
        zone = canvas_of_zone[note.zone_id]
        canvas = canvases[zone.canvas_id]
        tool = handbook.tool(canvas.template) if canvas.template else None
        if tool is not None:
            for dimension in tool.dimensions:
                counts[dimension] += 1
        elif canvas.template and zone.key in counts:
            counts[zone.key] += 1
    return counts
