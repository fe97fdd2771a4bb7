"""Domain errors. Each carries an i18n key so every screen can say what went wrong in the user's language."""

from __future__ import annotations


class CanvasError(Exception):
    """Base class: ``message_key`` names the translated message shown to users."""

    message_key = "error.generic"


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
    """The caller lacks the right: someone else's note, or a facilitator-only action without the secret."""

    message_key = "error.not_allowed"


class RoundClosed(CanvasError):
    """There is no open scoring round to score in."""

    message_key = "error.no_open_round"
