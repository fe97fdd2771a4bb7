"""Maturity scores, summed up: per dimension, per party, per person, and between rounds. Pure code.

"Don't know" (level None) is counted apart and never treated as a zero. A dimension whose scores lie
SPREAD_TO_DISCUSS or more apart is flagged: the group sees it differently, so discuss it first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

from canvas.content import Handbook
from canvas.models import DIMENSION_KEYS, BoardSnapshot, Party, Score

SPREAD_TO_DISCUSS = 2


@dataclass(frozen=True)
class DimensionSummary:
    dimension: str
    respondents: int  # people who gave a level (1-5)
    dont_know: int  # people who answered "don't know"
    mean: float | None
    low: int | None
    high: int | None

    @property
    def spread(self) -> int | None:
        return None if self.low is None or self.high is None else self.high - self.low

    @property
    def discuss_first(self) -> bool:
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
        )
        for key in DIMENSION_KEYS
    }


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
        return None if self.before is None or self.after is None else self.after - self.before


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
