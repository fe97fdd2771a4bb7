"""The board's JSON document (schema version 1): the export contract and the import gate.

An exported file names its format and schema version. Reading one back is strict: unknown fields,
wrong types, dangling or duplicate references, values beyond the app's own limits, an older or newer
version, a foreign file or an oversized one are all refused with an ``ImportRefused`` that carries an
i18n key, before anything touches the database.

Votes and clusters do not exist yet. When they land, add ``votes`` and ``clusters`` lists here, raise
SCHEMA_VERSION, and teach ``parse_document`` to upgrade version 1 files (they simply have none).
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from canvas.content import canvas_templates
from canvas.errors import CanvasError
from canvas.models import (
    BOARD_TITLE_MAX,
    CANVAS_TITLE_MAX,
    CLUSTER_TITLE_MAX,
    DIMENSION_KEYS,
    DISPLAY_NAME_MAX,
    NOTE_TEXT_MAX,
    ROUND_TITLE_MAX,
    SCORE_COMMENT_MAX,
    VOTE_DOTS_MAX,
    ZONE_PROMPT_MAX,
    ZONE_TITLE_MAX,
    Band,
    Language,
    Layout,
    Party,
    Phase,
)

FormatName = Literal["samenwerkingscanvas.board"]
FORMAT: Final[FormatName] = "samenwerkingscanvas.board"
# 2 added facilitation (phases, groups, dots, lock, anonymity); version 1 files read as they are.
SCHEMA_VERSION = 2
OLDEST_READABLE_VERSION = 1
MAX_IMPORT_BYTES = 5_000_000
MAX_CANVASES = 100
MAX_ZONES_PER_CANVAS = 30
MAX_PARTICIPANTS = 5_000
MAX_NOTES = 20_000
MAX_ROUNDS = 100


class ImportRefused(CanvasError):
    """A file that cannot become a board. ``message_key`` says why in words; ``detail`` says where."""

    def __init__(self, message_key: str, detail: str = "") -> None:
        super().__init__(detail or message_key)
        self.message_key = message_key
        self.detail = detail


def _storable(value: str) -> str:
    # PostgreSQL cannot store NUL in text, and lone surrogates cannot be encoded at all.
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValueError("text holds a character that cannot be stored")
    return value


def _length(min_length: int, max_length: int) -> object:
    return Field(min_length=min_length, max_length=max_length)


# A text field of the file: within its length and storable. Written out as ``Annotated[str, ...]`` at each
# field so that type checkers see ``str``.
_STORABLE = AfterValidator(_storable)


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("position must be a finite number")
    # -0.0 as 0.0: SQLite stores a whole REAL as an integer and gives back 0.0, so a file's -0.0 would not
    # survive an import and a second export (found by the property test below in tests/test_import.py).
    return value + 0.0


def _utc(value: datetime) -> datetime:
    # Stored as UTC everywhere (SQLite keeps no offset); a time without an offset is taken as UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Moment = Annotated[datetime, AfterValidator(_utc)]
Ref = Annotated[str, Field(pattern=r"^[a-z]{1,2}[0-9]{1,6}$")]
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocBoard(_Part):
    title: Annotated[str, _length(1, BOARD_TITLE_MAX), _STORABLE]
    language: Language
    scores_public: bool
    active_canvas: Ref | None
    created_at: Moment
    locked: bool = False
    anonymous: bool = False
    vote_dots: int = Field(default=3, ge=1, le=VOTE_DOTS_MAX)
    votes_stack: bool = False


class DocParticipant(_Part):
    """A pseudonym (``ref``), never the secret id; ``name`` is what the person chose to show, or null."""

    ref: Ref
    name: Annotated[str, _length(1, DISPLAY_NAME_MAX), _STORABLE] | None
    party: Party
    joined_at: Moment
    # The facilitator's author row for notes written for the room: its party is a placeholder ("other") that
    # readers should not show as a party (the app's exports say "for the room"); kept so an import restores it.
    facilitator: bool = Field(default=False, description="The facilitator's own notes (for the room)")


class DocZone(_Part):
    ref: Ref
    key: Key
    band: Band | None
    title: Annotated[str, _length(1, ZONE_TITLE_MAX), _STORABLE] | None
    prompt: Annotated[str, _length(0, ZONE_PROMPT_MAX), _STORABLE] | None
    label: str = Field(max_length=500, description="The zone's title as shown, for readers; ignored on import")


class DocCanvas(_Part):
    ref: Ref
    template: Key | None
    title: Annotated[str, _length(1, CANVAS_TITLE_MAX), _STORABLE] | None
    layout: Layout
    label: str = Field(max_length=500, description="The canvas title as shown, for readers; ignored on import")
    zones: tuple[DocZone, ...] = Field(min_length=1, max_length=MAX_ZONES_PER_CANVAS)
    phase: Phase = Phase.OPEN


class DocCluster(_Part):
    ref: Ref
    canvas: Ref
    title: Annotated[str, _length(1, CLUSTER_TITLE_MAX), _STORABLE]


class DocVote(_Part):
    """One dot, on a note or on a cluster."""

    participant: Ref
    note: Ref | None = None
    cluster: Ref | None = None


class DocNote(_Part):
    ref: Ref
    zone: Ref
    author: Ref
    text: Annotated[str, _length(1, NOTE_TEXT_MAX), _STORABLE]
    position: Annotated[float, AfterValidator(_finite)]
    created_at: Moment
    updated_at: Moment
    cluster: Ref | None = None


class DocScore(_Part):
    participant: Ref
    dimension: Literal[DIMENSION_KEYS]  # type: ignore[valid-type]
    level: int | None = Field(ge=1, le=5)
    comment: Annotated[str, _length(1, SCORE_COMMENT_MAX), _STORABLE] | None
    updated_at: Moment


class DocRound(_Part):
    number: int = Field(ge=1, le=10_000)
    title: Annotated[str, _length(1, ROUND_TITLE_MAX), _STORABLE] | None
    opened_at: Moment
    closed_at: Moment | None
    scores: tuple[DocScore, ...] = Field(max_length=MAX_PARTICIPANTS * len(DIMENSION_KEYS))


class BoardDocument(_Part):
    """One whole board. References (``ref``) tie notes to zones and authors inside this file only."""

    format: FormatName
    schema_version: Literal[1, 2]
    exported_at: Moment
    board: DocBoard
    participants: tuple[DocParticipant, ...] = Field(max_length=MAX_PARTICIPANTS)
    canvases: tuple[DocCanvas, ...] = Field(min_length=1, max_length=MAX_CANVASES)
    notes: tuple[DocNote, ...] = Field(max_length=MAX_NOTES)
    rounds: tuple[DocRound, ...] = Field(max_length=MAX_ROUNDS)
    clusters: tuple[DocCluster, ...] = Field(default=(), max_length=MAX_NOTES)
    votes: tuple[DocVote, ...] = Field(default=(), max_length=MAX_PARTICIPANTS * VOTE_DOTS_MAX * MAX_CANVASES)

    @model_validator(mode="after")
    def _references_hold(self) -> BoardDocument:
        people = _unique("participants", [p.ref for p in self.participants])
        canvas_refs = _unique("canvases", [c.ref for c in self.canvases])
        zone_refs = _unique("zones", [z.ref for c in self.canvases for z in c.zones])
        note_refs = _unique("notes", [n.ref for n in self.notes])
        cluster_refs = _unique("clusters", [c.ref for c in self.clusters])
        for cluster in self.clusters:
            if cluster.canvas not in canvas_refs:
                raise ValueError(f"cluster '{cluster.ref}' is on canvas '{cluster.canvas}', not in this file")
        for vote in self.votes:
            if (vote.note is None) == (vote.cluster is None):
                raise ValueError("a vote goes to a note or to a cluster")
            if vote.participant not in people:
                raise ValueError(f"a vote is by '{vote.participant}', who is not in this file")
            if vote.note is not None and vote.note not in note_refs:
                raise ValueError(f"a vote is on note '{vote.note}', which is not in this file")
            if vote.cluster is not None and vote.cluster not in cluster_refs:
                raise ValueError(f"a vote is on cluster '{vote.cluster}', which is not in this file")
        if self.board.active_canvas is not None and self.board.active_canvas not in canvas_refs:
            raise ValueError(f"board.active_canvas '{self.board.active_canvas}' is not a canvas in this file")
        templates = canvas_templates()
        for canvas in self.canvases:
            if canvas.template is not None and canvas.template not in templates:
                raise ValueError(f"canvas '{canvas.ref}' uses template '{canvas.template}', unknown to this app")
            _unique(f"zone keys of canvas '{canvas.ref}'", [z.key for z in canvas.zones])
        for note in self.notes:
            if note.zone not in zone_refs:
                raise ValueError(f"note '{note.ref}' is in zone '{note.zone}', which is not in this file")
            if note.author not in people:
                raise ValueError(f"note '{note.ref}' is by '{note.author}', who is not in this file")
            if note.cluster is not None and note.cluster not in cluster_refs:
                raise ValueError(f"note '{note.ref}' is in cluster '{note.cluster}', which is not in this file")
        _unique("round numbers", [r.number for r in self.rounds])
        if sum(r.closed_at is None for r in self.rounds) > 1:
            raise ValueError("more than one scoring round is open")
        for round_ in self.rounds:
            _unique(f"scores of round {round_.number}", [(s.participant, s.dimension) for s in round_.scores])
            for score in round_.scores:
                if score.participant not in people:
                    raise ValueError(f"a score in round {round_.number} is by '{score.participant}', not in this file")
        return self


def _unique(what: str, values: list) -> set:
    seen = set(values)
    if len(seen) != len(values):
        duplicate = next(v for v in values if values.count(v) > 1)
        raise ValueError(f"{what}: '{duplicate}' appears twice")
    return seen


def parse_document(raw: bytes | str) -> BoardDocument:
    """A board document from a file's bytes.

    Raises:
        ImportRefused: too large, not JSON, not ours, another schema version, or invalid (``detail`` says where).
    """
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportRefused("error.import_too_large", f"{len(raw)} bytes; at most {MAX_IMPORT_BYTES}")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportRefused("error.import_not_json", str(exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused("error.import_foreign", "the file does not say it is a Samenwerkingscanvas board")
    version = data.get("schema_version")
    if type(version) is not int:
        raise ImportRefused("error.import_invalid", "schema_version must be a whole number")
    if version < OLDEST_READABLE_VERSION:
        raise ImportRefused("error.import_too_old", f"schema version {version}")
    if version > SCHEMA_VERSION:
        raise ImportRefused("error.import_unknown_version", f"schema version {version}")
    try:
        # Strict: a number where text belongs (or "3" where a number belongs) is an error, not a guess.
        return BoardDocument.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise ImportRefused("error.import_invalid", _describe(exc)) from exc


def _describe(error: ValidationError) -> str:
    lines = []
    for problem in error.errors()[:5]:
        where = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        lines.append(f"{where}: {problem['msg']}")
    return "; ".join(lines)
