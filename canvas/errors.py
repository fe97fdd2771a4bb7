"""Domain errors. Each carries an i18n key so every screen can say what went wrong in the user's language."""

from __future__ import annotations


class CanvasError(Exception):
    """Base class: ``message_key`` names the translated message shown to users, ``values`` fills it in."""

    message_key = "error.generic"

    @property
    def values(self) -> dict[str, object]:
        return {}


class BoardNotFound(CanvasError):
    message_key = "error.board_not_found"


class CanvasNotFound(CanvasError):
    message_key = "error.canvas_not_found"


class ZoneNotFound(CanvasError):
    message_key = "error.zone_not_found"


class NoteNotFound(CanvasError):
    message_key = "error.note_not_found"


class ParticipantNotFound(CanvasError):
    message_key = "error.participant_not_found"


class NotAllowed(CanvasError):
    """The caller lacks the right (one of the two kinds below)."""

    message_key = "error.not_allowed"


class NotYourNote(NotAllowed):
    """Someone else's note: only its author may change it."""

    message_key = "error.not_your_note"


class FacilitatorOnly(NotAllowed):
    """A facilitator-only action without the (right) facilitator secret."""

    message_key = "error.facilitator_only"


class RoundClosed(CanvasError):
    """There is no open scoring round to score in."""

    message_key = "error.no_open_round"


class JoinCodeTaken(CanvasError):
    """A fixed join code (the demo board's) is already used by another board."""

    message_key = "error.generic"


class LimitReached(CanvasError):
    """A limit that no real workshop meets (``canvas/settings.py``); ``limit`` is said in the message."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"{type(self).__name__}: limit {limit}")
        self.limit = limit

    @property
    def values(self) -> dict[str, object]:
        return {"limit": self.limit}


class TooManyNotes(LimitReached):
    message_key = "error.too_many_notes"


class NotesTooFast(LimitReached):
    message_key = "error.notes_too_fast"


class TooManyParticipants(LimitReached):
    message_key = "error.too_many_participants"


class TooManyCanvases(LimitReached):
    message_key = "error.too_many_canvases"


class BoardReadOnly(CanvasError):
    """The shared example board: nobody writes to it; visitors make their own copy ("Probeer het uit")."""

    message_key = "hosting.board_read_only"
