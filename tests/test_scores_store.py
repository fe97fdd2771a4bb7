"""Rounds and scores in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from canvas.errors import NotAllowed, RoundClosed
from canvas.models import CreatedBoard, Participant, RoundCreate, ScoreCreate
from canvas.store import Store


def test_scores_need_an_open_round(store: Store, created: CreatedBoard, alice: Participant) -> None:
    with pytest.raises(RoundClosed):
        store.save_score(
            board_id=created.board.id, participant_id=alice.id, new=ScoreCreate(dimension="goals", level=3)
        )
    assert store.load_snapshot(board_id=created.board.id).scores == ()


def test_only_the_facilitator_opens_and_closes_rounds(store: Store, created: CreatedBoard) -> None:
    with pytest.raises(NotAllowed):
        store.open_round(board_id=created.board.id, new=RoundCreate(), facilitator_token="nope")
    assert store.has_open_round(board_id=created.board.id) is False
    first = store.open_round(
        board_id=created.board.id, new=RoundCreate(title="Start"), facilitator_token=created.facilitator_token
    )
    assert (first.number, first.title, first.is_open) == (1, "Start", True)
    assert store.has_open_round(board_id=created.board.id) is True
    with pytest.raises(NotAllowed):
        store.close_round(board_id=created.board.id, facilitator_token=None)
    # Opening a second round closes the first: one open round at a time.
    second = store.open_round(board_id=created.board.id, new=RoundCreate(), facilitator_token=created.facilitator_token)
    snapshot = store.load_snapshot(board_id=created.board.id)
    assert [(r.number, r.is_open) for r in snapshot.rounds] == [(1, False), (2, True)]
    assert snapshot.open_round.id == second.id
    store.close_round(board_id=created.board.id, facilitator_token=created.facilitator_token)
    assert store.load_snapshot(board_id=created.board.id).open_round is None
    assert store.has_open_round(board_id=created.board.id) is False


def test_a_score_is_replaced_not_added_and_dont_know_is_kept(
    store: Store, created: CreatedBoard, alice: Participant, bob: Participant
) -> None:
    board_id = created.board.id
    round_ = store.open_round(board_id=board_id, new=RoundCreate(), facilitator_token=created.facilitator_token)
    store.save_score(board_id=board_id, participant_id=alice.id, new=ScoreCreate(dimension="legal", level=2))
    store.save_score(
        board_id=board_id,
        participant_id=alice.id,
        new=ScoreCreate(dimension="legal", level=4, comment="Parapluvergunning"),
    )
    store.save_score(board_id=board_id, participant_id=bob.id, new=ScoreCreate(dimension="legal", level=None))
    snapshot = store.load_snapshot(board_id=board_id)
    mine = [(s.author_name, s.party.value, s.level, s.comment) for s in snapshot.scores_in(round_.id)]
    assert sorted(mine, key=str) == sorted(
        [("Alice", "civic", 4, "Parapluvergunning"), ("Bob", "government", None, None)], key=str
    )


def test_score_input_is_validated() -> None:
    for bad in (
        {"dimension": "happiness", "level": 3},
        {"dimension": "goals", "level": 0},
        {"dimension": "goals", "level": 6},
    ):
        with pytest.raises(ValidationError):
            ScoreCreate(**bad)
    with pytest.raises(ValidationError):
        ScoreCreate(dimension="goals", level=3, comment="x" * 201)


def test_closed_rounds_keep_their_scores_and_new_scores_go_to_the_new_round(
    store: Store, created: CreatedBoard, alice: Participant
) -> None:
    board_id, token = created.board.id, created.facilitator_token
    first = store.open_round(board_id=board_id, new=RoundCreate(), facilitator_token=token)
    store.save_score(board_id=board_id, participant_id=alice.id, new=ScoreCreate(dimension="goals", level=2))
    second = store.open_round(board_id=board_id, new=RoundCreate(), facilitator_token=token)
    store.save_score(board_id=board_id, participant_id=alice.id, new=ScoreCreate(dimension="goals", level=4))
    snapshot = store.load_snapshot(board_id=board_id)
    assert [s.level for s in snapshot.scores_in(first.id)] == [2]
    assert [s.level for s in snapshot.scores_in(second.id)] == [4]


def test_showing_names_is_the_facilitators_choice(store: Store, created: CreatedBoard) -> None:
    assert store.get_board(board_id=created.board.id).scores_public is False
    with pytest.raises(NotAllowed):
        store.set_scores_public(board_id=created.board.id, public=True, facilitator_token="nope")
    store.set_scores_public(board_id=created.board.id, public=True, facilitator_token=created.facilitator_token)
    assert store.get_board(board_id=created.board.id).scores_public is True


def test_the_board_can_load_without_scores_but_knows_its_rounds(
    store: Store, created: CreatedBoard, alice: Participant
) -> None:
    store.open_round(board_id=created.board.id, new=RoundCreate(), facilitator_token=created.facilitator_token)
    store.save_score(board_id=created.board.id, participant_id=alice.id, new=ScoreCreate(dimension="goals", level=3))
    light = store.load_snapshot(board_id=created.board.id, with_scores=False)
    full = store.load_snapshot(board_id=created.board.id)
    assert light.scores == () and light.rounds == full.rounds and light.open_round is not None
    assert len(full.rounds) == 1 and len(full.scores) == 1 and light.notes == full.notes
