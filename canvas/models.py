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


class Phase(StrEnum):
    """Where a canvas (a step of the workshop) stands. ``OPEN`` is free writing with every note shown at once;
    the facilitated flow is WRITE (private) -> REVEAL -> VOTE -> DISCUSS."""

    OPEN = "open"
    WRITE = "write"
    REVEAL = "reveal"
    VOTE = "vote"
    DISCUSS = "discuss"

    @property
    def is_private(self) -> bool:
        return self is Phase.WRITE

    @property
    def shows_votes(self) -> bool:
        return self in (Phase.VOTE, Phase.DISCUSS)


# The facilitated flow in order; "next step" walks it, OPEN is outside it (the default of a new canvas).
PHASE_FLOW = (Phase.WRITE, Phase.REVEAL, Phase.VOTE, Phase.DISCUSS)
VOTE_DOTS_MAX = 10
TIMER_SECONDS_MAX = 2 * 60 * 60
CLUSTER_TITLE_MAX = 60


def _line(max_length: int, min_length: int = 0) -> StringConstraints:
    """The length rule of one line of user text (stripped first); ``_ONE_LINE`` adds the character rules."""
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)


# One line of user text: no control or direction characters, not only invisible. The aliases below spell out
# ``Annotated[str, ...]`` so that type checkers see them as ``str``.
_ONE_LINE = AfterValidator(check_one_line_text)


# A note may keep its line breaks and tabs; every other rule is the same.
NoteText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=NOTE_TEXT_MAX),
    AfterValidator(check_multiline_text),
]
BoardTitle = Annotated[str, _line(BOARD_TITLE_MAX, min_length=1), _ONE_LINE]
DisplayName = Annotated[str, _line(DISPLAY_NAME_MAX), _ONE_LINE]


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
CanvasTitle = Annotated[str, _line(CANVAS_TITLE_MAX, min_length=1), _ONE_LINE]
ZoneTitle = Annotated[str, _line(ZONE_TITLE_MAX, min_length=1), _ONE_LINE]
ZonePrompt = Annotated[str, _line(ZONE_PROMPT_MAX), _ONE_LINE]
ScoreComment = Annotated[str, _line(SCORE_COMMENT_MAX), _ONE_LINE]
RoundTitle = Annotated[str, _line(ROUND_TITLE_MAX), _ONE_LINE]


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


ClusterTitle = Annotated[str, _line(CLUSTER_TITLE_MAX, min_length=1), _ONE_LINE]


class ClusterCreate(BaseModel):
    """A named group of notes on one canvas, made by the facilitator."""

    title: ClusterTitle
    note_ids: list[int] = Field(min_length=1)


class FacilitationChange(BaseModel):
    """The facilitator's board-wide switches; a field left None stays as it is."""

    locked: bool | None = None
    anonymous: bool | None = None
    vote_dots: int | None = Field(default=None, ge=1, le=VOTE_DOTS_MAX)
    votes_stack: bool | None = None  # more than one dot on the same note or cluster


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
    locked: bool = False  # participants can add, change, move or vote nothing
    anonymous: bool = False  # names are hidden everywhere (screens, phones, exports)
    vote_dots: int = 3  # dots per participant per canvas
    votes_stack: bool = False
    has_recovery_code: bool = False


class Timer(_Frozen):
    """A step's countdown. Running: ``ends_at`` is set. Paused or not started: ``seconds_left`` is."""

    total_seconds: int
    ends_at: datetime | None = None
    seconds_left: int | None = None

    @property
    def running(self) -> bool:
        return self.ends_at is not None

    def left_at(self, now: datetime) -> int:
        """Whole seconds left at ``now`` (0 when it ran out)."""
        if self.ends_at is None:
            return max(0, self.seconds_left or 0)
        return max(0, int((self.ends_at - now).total_seconds() + 0.999))


class Canvas(_Frozen):
    """One worksheet on a board. ``template`` names its content definition; custom canvases have none."""

    id: int
    board_id: int
    template: str | None
    title: str | None
    layout: Layout
    sort_order: int
    phase: Phase = Phase.OPEN
    timer: Timer | None = None


class Zone(_Frozen):
    """An area of a canvas where notes go. Template zones are labelled from content by ``key``."""

    id: int
    canvas_id: int
    key: str
    band: Band | None
    title: str | None
    prompt: str | None
    sort_order: int
    opened: bool = False  # "+ N meer" opened by the facilitator: every screen shows the zone's notes


class Participant(_Frozen):
    id: str
    board_id: int
    display_name: str | None
    party: Party
    created_at: datetime
    # The facilitator's own author identity: notes written on behalf of the room. Never counted as a participant.
    is_facilitator: bool = False


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
    cluster_id: int | None = None
    by_facilitator: bool = False


class Cluster(_Frozen):
    id: int
    board_id: int
    canvas_id: int
    title: str


class Vote(_Frozen):
    """One dot: on a note or on a cluster (exactly one of the two)."""

    id: int
    canvas_id: int
    participant_id: str
    note_id: int | None
    cluster_id: int | None


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
    # Written down at creation: re-opens the console when its link is lost. Stored only as a hash.
    recovery_code: str | None = None


class BoardSnapshot(_Frozen):
    """Everything on a board at one revision: what screens draw and exports write."""

    board: Board
    canvases: tuple[Canvas, ...]
    zones: tuple[Zone, ...]
    notes: tuple[Note, ...]
    participant_count: int
    rounds: tuple[Round, ...] = ()
    scores: tuple[Score, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    votes: tuple[Vote, ...] = ()
    # Notes still private (their canvas is in the WRITE phase) that this snapshot leaves out: zone id -> count.
    private_counts: dict[int, int] = Field(default_factory=dict)

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

    def phase_of(self, canvas_id: int) -> Phase:
        return next((c.phase for c in self.canvases if c.id == canvas_id), Phase.OPEN)

    def for_viewer(self, participant_id: str | None) -> BoardSnapshot:
        """What one viewer may see: on a canvas in the WRITE phase only their own notes (a screen, the console
        and exports: none), with the others counted per zone in ``private_counts``. Votes of others are kept
        (screens show counts) but a caller that sends votes to phones sends only counts."""
        private_canvases = {c.id for c in self.canvases if c.phase.is_private}
        if not private_canvases:
            return self
        private_zones = {z.id for z in self.zones if z.canvas_id in private_canvases}
        shown, counts = [], dict(self.private_counts)
        for note in self.notes:
            if note.zone_id in private_zones and note.participant_id != participant_id:
                counts[note.zone_id] = counts.get(note.zone_id, 0) + 1
            else:
                shown.append(note)
        return self.model_copy(update={"notes": tuple(shown), "private_counts": counts})

    def votes_for(self, *, note_id: int | None = None, cluster_id: int | None = None) -> int:
        return sum(1 for v in self.votes if v.note_id == note_id and v.cluster_id == cluster_id)

    def clusters_of(self, canvas_id: int) -> tuple[Cluster, ...]:
        return tuple(c for c in self.clusters if c.canvas_id == canvas_id)
