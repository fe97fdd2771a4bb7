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


class BoardLocked(CanvasError):
    """The facilitator locked the board: participants can add, change, move or vote nothing for now."""

    message_key = "error.board_locked"


class NotVotingNow(CanvasError):
    """A vote outside the canvas's VOTE phase."""

    message_key = "error.not_voting_now"


class NoDotsLeft(CanvasError):
    """Every dot of this participant on this canvas is used (``limit`` dots)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"NoDotsLeft: {limit}")
        self.limit = limit

    message_key = "error.no_dots_left"

    @property
    def values(self) -> dict[str, object]:
        return {"limit": self.limit}


class AlreadyVoted(CanvasError):
    """A second dot on the same note or cluster where the facilitator allows only one."""

    message_key = "error.already_voted"


class ClusterNotFound(CanvasError):
    message_key = "error.cluster_not_found"


class RecoveryRefused(CanvasError):
    """A join code and recovery code that open no console (either may be wrong: we do not say which)."""

    message_key = "error.recovery_refused"


class BoardReadOnly(CanvasError):
    """The shared example board: nobody writes to it; visitors make their own copy ("Probeer het uit")."""

    message_key = "hosting.board_read_only"
