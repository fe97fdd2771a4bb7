"""What a participant does on their phone, as one small request: add, edit, move or delete a note, place or take
back a dot, score a part of the house.

Every request is validated by the same pydantic models as the pages' forms and runs the same store method; the
answer is an ``Outcome`` with a message in the participant's language. Nothing is sent back but the outcome: the
live channel carries the change to every screen and phone (the sender's included). A refused request changes
nothing. Pure code: no Streamlit, no HTTP (canvas/web/actions.py serves it).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from canvas.errors import CanvasError
from canvas.i18n import t
from canvas.input_problems import NOTE_TEXT_KEYS, input_problem
from canvas.models import Language, NoteCreate, NoteEdit, ScoreCreate
from canvas.store import Store

log = logging.getLogger(__name__)


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AddNote(_Action):
    kind: Literal["add_note"]
    zone_id: int
    text: str


class EditNote(_Action):
    kind: Literal["edit_note"]
    note_id: int
    text: str


class MoveNote(_Action):
    kind: Literal["move_note"]
    note_id: int
    zone_id: int


class DeleteNote(_Action):
    kind: Literal["delete_note"]
    note_id: int


class Vote(_Action):
    """One dot on (``add``) or off a note or a group: exactly one of ``note_id`` and ``cluster_id``."""

    kind: Literal["vote"]
    add: bool
    note_id: int | None = None
    cluster_id: int | None = None


class Score(_Action):
    """A part of the house scored 1 to 5, or "don't know" (``level`` None), with an optional comment."""

    kind: Literal["score"]
    dimension: str
    level: int | None
    comment: str = ""


PhoneAction = Annotated[AddNote | EditNote | MoveNote | DeleteNote | Vote | Score, Field(discriminator="kind")]


class PhoneRequest(_Action):
    """The body of a phone's request: who (the participant id, a secret), in which language, and what."""

    p: str = Field(min_length=1, max_length=64)
    lang: str = "nl"
    action: PhoneAction


@dataclass(frozen=True)
class Outcome:
    """The answer to a phone: done or not, what to say, and whether the text typed stays (it always does on
    a refusal: the phone keeps it in the box)."""

    ok: bool
    message: str
    revision: int | None = None

    def as_json(self) -> dict:
        return {"ok": self.ok, "message": self.message, "rev": self.revision}


def _refused(key: str, language: Language, **values: object) -> Outcome:
    return Outcome(False, t(key, language, **values))


def perform(store: Store, *, board_id: int, participant_id: str, action: PhoneAction, language: Language) -> Outcome:
    """Run one action of a participant on their board, and say how it went in ``language``."""
    try:
        key = _run(store, board_id=board_id, participant_id=participant_id, action=action)
    except ValidationError as error:
        keys = {"too_long_key": "error.comment_too_long"} if isinstance(action, Score) else NOTE_TEXT_KEYS
        problem, values = input_problem(error, **keys)
        return _refused(problem, language, **values)
    except CanvasError as error:
        return _refused(error.message_key, language, **error.values)
    except Exception as error:  # no traceback reaches a phone: log it, answer with an incident id
        incident = secrets.token_hex(4)
        log.error("incident %s: %s", incident, type(error).__name__, exc_info=error)
        return _refused("error.incident", language, incident=incident)
    return Outcome(True, t(key, language), store.get_revision(board_id=board_id))


def _run(store: Store, *, board_id: int, participant_id: str, action: PhoneAction) -> str:
    """Do it; return the i18n key of what to say. Raises what the models and the store raise."""
    if isinstance(action, AddNote):
        new = NoteCreate(zone_id=action.zone_id, text=action.text)
        store.add_note(board_id=board_id, participant_id=participant_id, new=new)
        return "join.note_added"
    # The note's author is checked by the store (a note of someone else, or of another board, is refused).
    if isinstance(action, EditNote):
        store.edit_note(note_id=action.note_id, participant_id=participant_id, edit=NoteEdit(text=action.text))
        return "join.note_saved"
    if isinstance(action, MoveNote):
        store.move_note(note_id=action.note_id, zone_id=action.zone_id, participant_id=participant_id)
        return "facilitation.note_moved"
    if isinstance(action, DeleteNote):
        store.delete_note(note_id=action.note_id, participant_id=participant_id)
        return "join.note_deleted"
    if isinstance(action, Vote):
        if (action.note_id is None) == (action.cluster_id is None):
            raise CanvasError  # the generic message: a phone of ours never sends this
        change = store.cast_vote if action.add else store.withdraw_vote
        change(board_id=board_id, participant_id=participant_id, note_id=action.note_id, cluster_id=action.cluster_id)
        return "join.dot_placed" if action.add else "join.dot_taken_back"
    new_score = ScoreCreate(dimension=action.dimension, level=action.level, comment=action.comment)
    store.save_score(board_id=board_id, participant_id=participant_id, new=new_score)
    return "join.score_saved"
