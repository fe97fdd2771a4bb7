"""Pydantic models: one shape per thing, reused by the store, the screens and every export.

Families follow one pattern: ``XCreate`` is user input (limits live here, in ``Field``), ``X`` is what
the store returns, ``BoardSnapshot`` is the frozen read model that screens and exports draw from.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from canvas.text import check_multiline_text, check_one_line_text

NOTE_TEXT_MAX = 280
BOARD_TITLE_MAX = 80
DISPLAY_NAME_MAX = 40
JOIN_CODE_LENGTH = 6


# The eight dimensions of the house, in the order every radar draws them (clockwise from the top).
DIMENSION_KEYS = ("goals", "values", "language", "governance", "finance", "legal", "embedding", "opentech")
SCORE_COMMENT_MAX = 200
ROUND_TITLE_MAX = 60


class Language(StrEnum):
    NL = "nl"
    EN = "en"


class Party(StrEnum):
    """The kinds of parties in a public-civic collaboration; notes are coloured by party."""

    GOVERNMENT = "government"
    CIVIC = "civic"
    FUNDER = "funder"
    BUSINESS = "business"
    OTHER = "other"


class Band(StrEnum):
    """Where a zone sits in the house drawing: the five pillars on top of the foundation."""

    PILLAR = "pillar"
    FOUNDATION = "foundation"


Layout = Literal["house", "grid"]


def _line(max_length: int, min_length: int = 0) -> object:
    """One line of user text: stripped, within its length, no control or direction characters, not only invisible."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(check_one_line_text),
    ]


# A note may keep its line breaks and tabs; every other rule is the same.
NoteText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=NOTE_TEXT_MAX),
    AfterValidator(check_multiline_text),
]
BoardTitle = _line(BOARD_TITLE_MAX, min_length=1)
DisplayName = _line(DISPLAY_NAME_MAX)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


# --- input models -------------------------------------------------------------------------------


class BoardCreate(BaseModel):
    title: BoardTitle
    language: Language = Language.NL


class ParticipantCreate(BaseModel):
    """Joining a board. An empty display name means anonymous."""

    display_name: DisplayName | None = None
    party: Party = Party.OTHER

    @field_validator("display_name")
    @classmethod
    def _blank_is_anonymous(cls, value: str | None) -> str | None:
        return value or None


CANVAS_TITLE_MAX = 80
ZONE_TITLE_MAX = 60
ZONE_PROMPT_MAX = 200
CUSTOM_ZONES_MAX = 9
CanvasTitle = _line(CANVAS_TITLE_MAX, min_length=1)
ZoneTitle = _line(ZONE_TITLE_MAX, min_length=1)
ZonePrompt = _line(ZONE_PROMPT_MAX)
ScoreComment = _line(SCORE_COMMENT_MAX)
RoundTitle = _line(ROUND_TITLE_MAX)


class CustomZoneCreate(BaseModel):
    title: ZoneTitle
    prompt: ZonePrompt = ""


class CustomCanvasCreate(BaseModel):
    """A canvas a facilitator makes for one board: a title and its zones, in order."""

    title: CanvasTitle
    zones: list[CustomZoneCreate] = Field(min_length=1, max_length=CUSTOM_ZONES_MAX)


class ScoreCreate(BaseModel):
    """One participant's score for one dimension; ``level`` None means "don't know" (not a zero)."""

    dimension: str
    level: int | None = Field(default=None, ge=1, le=5)
    comment: ScoreComment = ""

    @field_validator("dimension")
    @classmethod
    def _known_dimension(cls, value: str) -> str:
        if value not in DIMENSION_KEYS:
            raise ValueError(f"unknown dimension {value!r}")
        return value


class RoundCreate(BaseModel):
    title: RoundTitle = ""


class NoteCreate(BaseModel):
    zone_id: int
    text: NoteText


class NoteEdit(BaseModel):
    text: NoteText


# --- stored models ------------------------------------------------------------------------------


class Board(_Frozen):
    id: int
    code: str
    title: str
    language: Language
    revision: int
    created_at: datetime
    active_canvas_id: int | None = None
    scores_public: bool = False
    kept: bool = False  # kept past its expiry (Settings.board_expiry_days) by the facilitator


class Canvas(_Frozen):
    """One worksheet on a board. ``template`` names its content definition; custom canvases have none."""

    id: int
    board_id: int
    template: str | None
    title: str | None
    layout: Layout
    sort_order: int


class Zone(_Frozen):
    """An area of a canvas where notes go. Template zones are labelled from content by ``key``."""

    id: int
    canvas_id: int
    key: str
    band: Band | None
    title: str | None
    prompt: str | None
    sort_order: int


class Participant(_Frozen):
    id: str
    board_id: int
    display_name: str | None
    party: Party
    created_at: datetime


class Note(_Frozen):
    id: int
    board_id: int
    zone_id: int
    participant_id: str
    author_name: str | None
    party: Party
    text: str
    position: float
    created_at: datetime
    updated_at: datetime


class Round(_Frozen):
    """A scoring round: the facilitator opens it, participants score, the facilitator closes it."""

    id: int
    board_id: int
    number: int
    title: str | None
    opened_at: datetime
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Score(_Frozen):
    round_id: int
    participant_id: str
    author_name: str | None
    party: Party
    dimension: str
    level: int | None
    comment: str | None
    updated_at: datetime


class CreatedBoard(_Frozen):
    """A new board and its facilitator secret; the secret is shown once and stored only as a hash."""

    board: Board
    facilitator_token: str


class BoardSnapshot(_Frozen):
    """Everything on a board at one revision: what screens draw and exports write."""

    board: Board
    canvases: tuple[Canvas, ...]
    zones: tuple[Zone, ...]
    notes: tuple[Note, ...]
    participant_count: int
    rounds: tuple[Round, ...] = ()
    scores: tuple[Score, ...] = ()

    @property
    def revision(self) -> int:
        return self.board.revision

    @property
    def active_canvas(self) -> Canvas:
        """The canvas the facilitator shows now (the first one when none was chosen)."""
        wanted = self.board.active_canvas_id
        return next((c for c in self.canvases if c.id == wanted), self.canvases[0])

    def canvas(self, canvas_id: int | None) -> Canvas:
        """The canvas with this id, or the active one when the id is unknown (a canvas removed meanwhile)."""
        return next((c for c in self.canvases if c.id == canvas_id), self.active_canvas)

    @property
    def open_round(self) -> Round | None:
        return next((r for r in self.rounds if r.is_open), None)

    @property
    def latest_round(self) -> Round | None:
        """The open round, or else the last one closed."""
        return self.open_round or (self.rounds[-1] if self.rounds else None)

    def scores_in(self, round_id: int) -> tuple[Score, ...]:
        return tuple(s for s in self.scores if s.round_id == round_id)

    def zones_of(self, canvas_id: int) -> tuple[Zone, ...]:
        return tuple(z for z in self.zones if z.canvas_id == canvas_id)

    def notes_in(self, zone_id: int) -> tuple[Note, ...]:
        """Notes of one zone in their board order."""
        return tuple(sorted((n for n in self.notes if n.zone_id == zone_id), key=lambda n: (n.position, n.id)))
