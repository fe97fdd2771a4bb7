"""Scoring logic with hand-computed cases."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from canvas.charts import RadarLine, attention_figure, radar_figure
from canvas.content import canvas_template, default_canvas
from canvas.maturity import (
    by_party,
    compare_rounds,
    discuss_first,
    notes_per_dimension,
    of_participant,
    respondent_count,
    shown_change,
    summarize,
)
from canvas.models import DIMENSION_KEYS, BoardCreate, NoteCreate, ParticipantCreate, Party, Score
from canvas.radar_geometry import AXES, axis_point

NOW = datetime(2026, 11, 27, tzinfo=UTC)


def score(who: str, dimension: str, level: int | None, party: Party = Party.CIVIC, round_id: int = 1) -> Score:
    return Score(
        round_id=round_id,
        participant_id=who,
        author_name=who,
        party=party,
        dimension=dimension,
        level=level,
        comment=None,
        updated_at=NOW,
    )


def test_mean_min_max_and_spread_with_dont_know_left_out() -> None:
    summary = summarize(
        [score("a", "goals", 2), score("b", "goals", 4), score("c", "goals", 5), score("d", "goals", None)]
    )
    goals = summary["goals"]
    assert (goals.respondents, goals.dont_know) == (3, 1)
    assert goals.mean == pytest.approx(11 / 3)  # (2 + 4 + 5) / 3, not / 4: "don't know" is no zero
    assert (goals.low, goals.high, goals.spread, goals.far_apart) == (2, 5, 3, True)
    # Nobody scored values: no mean, no spread, nothing to flag.
    assert (summary["values"].mean, summary["values"].spread, summary["values"].far_apart) == (None, None, False)
    assert list(summary) == list(DIMENSION_KEYS)


def test_one_participant_has_no_spread() -> None:
    summary = summarize([score("a", key, 3) for key in DIMENSION_KEYS])
    assert all(s.mean == 3 and s.spread == 0 and not s.far_apart for s in summary.values())
    assert respondent_count([score("a", "goals", 3), score("a", "legal", None)]) == 1


def test_a_spread_of_exactly_two_is_flagged_and_one_is_not() -> None:
    summary = summarize(
        [score("a", "legal", 2), score("b", "legal", 4), score("a", "finance", 3), score("b", "finance", 4)]
    )
    assert summary["legal"].far_apart and summary["legal"].spread == 2
    assert not summary["finance"].far_apart


def test_only_dont_know_answers() -> None:
    summary = summarize([score("a", "opentech", None), score("b", "opentech", None)])
    assert (summary["opentech"].respondents, summary["opentech"].dont_know, summary["opentech"].mean) == (0, 2, None)
    assert respondent_count([score("a", "opentech", None), score("b", "opentech", None)]) == 2


def test_per_party_summaries_for_every_party() -> None:
    scores = [
        score("g1", "governance", 4, Party.GOVERNMENT),
        score("g2", "governance", 5, Party.GOVERNMENT),
        score("c1", "governance", 2, Party.CIVIC),
        score("f1", "governance", 3, Party.FUNDER),
        score("b1", "governance", 1, Party.BUSINESS),
        score("o1", "governance", None, Party.OTHER),
    ]
    parties = by_party(scores)
    assert list(parties) == [Party.GOVERNMENT, Party.CIVIC, Party.FUNDER, Party.BUSINESS, Party.OTHER]
    assert parties[Party.GOVERNMENT]["governance"].mean == 4.5
    assert parties[Party.CIVIC]["governance"].mean == 2
    assert parties[Party.OTHER]["governance"].mean is None and parties[Party.OTHER]["governance"].dont_know == 1
    assert summarize(scores)["governance"].mean == pytest.approx((4 + 5 + 2 + 3 + 1) / 5)


def test_own_scores_against_the_group() -> None:
    scores = [score("me", "goals", 2), score("me", "values", None), score("you", "goals", 4)]
    assert of_participant(scores, "me") == {"goals": 2, "values": None}


def test_ties_between_rounds_give_zero_change_and_missing_rounds_give_none() -> None:
    before = [
        score("a", "goals", 2, round_id=1),
        score("b", "goals", 4, round_id=1),
        score("a", "legal", 3, round_id=1),
    ]
    after = [
        score("a", "goals", 3, round_id=2),
        score("b", "goals", 3, round_id=2),
        score("a", "finance", 4, round_id=2),
    ]
    changes = {(c.dimension, c.party): c for c in compare_rounds(before, after)}
    assert changes[("goals", None)].delta == 0  # 3.0 -> 3.0: a tie
    assert changes[("legal", None)].delta is None  # not scored after
    assert changes[("finance", None)].before is None and changes[("finance", None)].after == 4
    assert changes[("goals", Party.CIVIC)].before == 3 and changes[("goals", Party.CIVIC)].after == 3


def test_party_changes_between_rounds() -> None:
    before = [score("g", "finance", 1, Party.GOVERNMENT, 1), score("c", "finance", 2, Party.CIVIC, 1)]
    after = [score("g", "finance", 3, Party.GOVERNMENT, 2), score("c", "finance", 2, Party.CIVIC, 2)]
    changes = {(c.dimension, c.party): c.delta for c in compare_rounds(before, after)}
    assert changes[("finance", Party.GOVERNMENT)] == 2
    assert changes[("finance", Party.CIVIC)] == 0
    assert changes[("finance", None)] == pytest.approx(2.5 - 1.5)


def test_a_change_is_the_difference_of_the_means_as_shown() -> None:
    # Issue #23: 1.75 and 2.6 were shown as "1,8 → 2,6: +0,9" (0.85 rounded). The shown means give +0.8.
    before = [score(who, "goals", level, round_id=1) for who, level in (("a", 1), ("b", 2), ("c", 2), ("d", 2))]
    after = [
        score(who, "goals", level, round_id=2) for who, level in (("a", 2), ("b", 3), ("c", 3), ("d", 2), ("e", 3))
    ]
    goals = next(c for c in compare_rounds(before, after) if c.dimension == "goals" and c.party is None)
    assert (goals.before, goals.after) == (1.75, 2.6)
    assert goals.delta == 0.8
    assert shown_change(3.04, 2.96) == 0.0 and str(shown_change(3.04, 2.96)) == "0.0"  # the same shown: no "-0"
    assert shown_change(None, 3.0) is None


def five_people(levels_by_part: dict[str, tuple[int | None, ...]]) -> list:
    return [
        score(f"p{person}", part, level)
        for part, levels in levels_by_part.items()
        for person, level in enumerate(levels)
    ]


def test_discuss_first_ranks_the_biggest_disagreements_and_names_three() -> None:
    # Issue #23: in a group of five, seven of the eight parts were two or more apart and all were "discuss first".
    summary = summarize(
        five_people(
            {
                "goals": (1, 5, 3, 3, 3),  # spread 4
                "values": (1, 5, 1, 5, 3),  # spread 4, more people at the ends: before goals
                "language": (2, 4, 3, 3, 3),  # spread 2
                "governance": (2, 5, 3, 3, 3),  # spread 3
                "finance": (2, 4, 2, 4, 3),  # spread 2
                "legal": (3, 5, 4, 4, 4),  # spread 2
                "embedding": (3, 5, 3, 5, 4),  # spread 2
                "opentech": (3, 4, 3, 4, 3),  # spread 1: not far apart
            }
        )
    )
    assert sum(s.far_apart for s in summary.values()) == 7
    first = discuss_first(summary)
    assert [s.dimension for s in first.top] == ["values", "goals", "governance"]
    assert [first.rank(key) for key in ("values", "goals", "governance", "finance")] == [1, 2, 3, None]
    # The rest that are far apart, most disagreement first: finance and embedding have people at both ends.
    assert [s.dimension for s in first.also] == ["finance", "embedding", "language", "legal"]


def test_discuss_first_breaks_full_ties_in_the_houses_order_and_skips_parts_with_too_few_scores() -> None:
    same = (1, 5, 3, 3, 3)
    summary = summarize(
        five_people({"embedding": same, "goals": same, "legal": same, "values": same})
        # Two who differ while three do not know: too few scores to call it the group's disagreement.
        + five_people({"finance": (1, 5, None, None, None)})
    )
    first = discuss_first(summary)
    assert [s.dimension for s in first.top] == ["goals", "values", "legal"]  # DIMENSION_KEYS order
    assert [s.dimension for s in first.also] == ["embedding"]
    assert "finance" not in {s.dimension for s in first.top + first.also}


def test_in_a_round_of_two_their_disagreement_counts() -> None:
    summary = summarize(
        [score("a", "legal", 1), score("b", "legal", 4), score("a", "goals", 2), score("b", "goals", 3)]
    )
    assert [s.dimension for s in discuss_first(summary).top] == ["legal"]
    assert discuss_first(summarize([])).top == ()


def test_notes_count_for_the_dimensions_of_their_canvas(sqlite_url: str) -> None:
    from canvas.content import handbook
    from canvas.models import CustomCanvasCreate, CustomZoneCreate
    from canvas.store import Store

    store = Store(sqlite_url)
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Aandacht"))
    board_id, token = created.board.id, created.facilitator_token
    person = store.join(board_id=board_id, new=ParticipantCreate())
    house = store.load_snapshot(board_id=board_id).zones
    legal_zone = next(z.id for z in house if z.key == "legal")
    tool_canvas = store.add_canvas(board_id=board_id, template=canvas_template("value_flows"), facilitator_token=token)
    custom = store.add_custom_canvas(
        board_id=board_id,
        new=CustomCanvasCreate(title="Eigen", zones=[CustomZoneCreate(title="x")]),
        facilitator_token=token,
    )
    snapshot = store.load_snapshot(board_id=board_id)
    for zone_id in (
        legal_zone,
        legal_zone,
        snapshot.zones_of(tool_canvas.id)[0].id,
        snapshot.zones_of(custom.id)[0].id,
    ):
        store.add_note(board_id=board_id, participant_id=person.id, new=NoteCreate(zone_id=zone_id, text="n"))
    counts = notes_per_dimension(store.load_snapshot(board_id=board_id), handbook())
    value_flows = handbook().tool("value_flows").dimensions  # finance, goals, legal
    expected = dict.fromkeys(DIMENSION_KEYS, 0)
    expected["legal"] += 2
    for dimension in value_flows:
        expected[dimension] += 1
    assert counts == expected
    store.close()


def test_one_geometry_first_axis_on_top_then_clockwise() -> None:
    center, radius = (100.0, 100.0), 50.0
    top = axis_point(0, 5, center=center, radius=radius)
    right = axis_point(2, 5, center=center, radius=radius)  # a quarter turn clockwise of 8 axes
    bottom = axis_point(4, 5, center=center, radius=radius)
    assert top == pytest.approx((100, 50))
    assert right == pytest.approx((150, 100))
    assert bottom == pytest.approx((100, 150))
    assert axis_point(1, 2.5, center=center, radius=radius) == pytest.approx(
        (100 + 25 * math.cos(math.radians(45)), 100 - 25 * math.sin(math.radians(45)))
    )


def test_the_plotly_radar_uses_the_same_geometry() -> None:
    labels = [key.upper() for key in AXES]
    figure = radar_figure(labels, [RadarLine("Groep", [3, 4, None, 2, 5, 1, 2, 3], "#000")], band=([1] * 8, [5] * 8))
    polar = figure.layout.polar
    assert (polar.angularaxis.rotation, polar.angularaxis.direction) == (90, "clockwise")
    assert list(polar.angularaxis.categoryarray) == labels
    group = figure.data[-1]
    assert list(group.theta) == [*labels, labels[0]] and list(group.r)[:8] == [3, 4, None, 2, 5, 1, 2, 3]
    band = figure.data[0]
    assert band.fill == "toself" and len(band.r) == 18


def test_attention_chart_lists_every_dimension() -> None:
    figure = attention_figure(["a", "b"], [3, 0], axis_title="notes")
    assert list(figure.data[0].x) == [3, 0] and list(figure.data[0].y) == ["a", "b"]


def test_long_axis_labels_wrap_for_phones() -> None:
    from canvas.charts import wrap_label

    assert wrap_label("Finance and resources") == "Finance and<br>resources"
    assert wrap_label("Governance") == "Governance"
    assert wrap_label("Financiën en middelen") == "Financiën en<br>middelen"
