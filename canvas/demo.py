"""The demo board "Noorderpark (voorbeeld)", built from content/demo/noorderpark.toml.

Two uses:

- Every visitor's own copy (*Probeer het uit* on the start page, ``make_demo_copy``): the demo built once per
  process into a scratch database and kept as an export document (``demo_document``), then imported as a new
  board with a new code and the visitor as facilitator, in one transaction. A copy is deleted
  ``Settings.demo_expiry_hours`` after it was made.
- One board with the fixed code NRDPRK for a host (``python3 -m canvas demo``): it creates the board once and
  finds it again afterwards, so running it twice never makes a second demo board. The whole board is one
  transaction: two clicks at once make one board (the second finds the first's join code taken and reads it).
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from canvas.content import CONTENT_DIR, ContentError, canvas_template, default_canvas, load_toml, parse_content
from canvas.errors import BoardNotFound, JoinCodeTaken
from canvas.exports.json_document import board_document
from canvas.exports.registry import load_source
from canvas.exports.schema import BoardDocument
from canvas.models import (
    DIMENSION_KEYS,
    Board,
    BoardCreate,
    CreatedBoard,
    Language,
    NoteCreate,
    ParticipantCreate,
    Party,
    RoundCreate,
    ScoreCreate,
)
from canvas.settings import Settings
from canvas.store import Store, create_demo_copy, purge_expired_demo_copies

DEMO_FILE = CONTENT_DIR / "demo" / "noorderpark.toml"


class DemoParticipant(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    party: Party


class DemoNote(BaseModel):
    model_config = ConfigDict(extra="forbid")
    canvas: str
    zone: str
    by: int = Field(ge=1)
    text: str


class DemoRound(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    levels: list[list[int]]  # per participant, in DIMENSION_KEYS order; 0 = "don't know"


class DemoBoard(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    title: str
    language: Language
    participants: list[DemoParticipant]
    notes: list[DemoNote]
    rounds: list[DemoRound] = []


def load_demo() -> DemoBoard:
    return parse_content(DemoBoard, DEMO_FILE, load_toml(DEMO_FILE))


def ensure_demo_board(store: Store) -> tuple[Board, str | None]:
    """The demo board, created when missing.

    Returns:
        The board, and its facilitator token when it was created now (None when it already existed).
    """
    demo = load_demo()
    try:
        return store.find_board(code=demo.code), None
    except BoardNotFound:
        pass
    try:
        with store.transaction():
            return _build(store, demo, code=demo.code)
    except JoinCodeTaken:  # another click made it meanwhile
        return store.find_board(code=demo.code), None


@cache
def demo_document() -> BoardDocument:
    """The demo board as an export document, built once per process in a scratch SQLite file."""
    with tempfile.TemporaryDirectory(prefix="canvas-demo-") as folder:
        # Default limits, whatever the host set: the demo must always fit.
        scratch = Store(f"sqlite:///{Path(folder) / 'demo.sqlite3'}", settings=Settings.model_construct())
        try:
            with scratch.transaction():
                board, _token = _build(scratch, load_demo(), code=None)
            return board_document(load_source(scratch, board_id=board.id))
        finally:
            scratch.close()


def make_demo_copy(store: Store, *, language: Language, lifetime: timedelta) -> CreatedBoard:
    """A visitor's own copy of the demo board, its screen in ``language``; expired copies go first."""
    purge_expired_demo_copies(store)
    document = demo_document()
    document = document.model_copy(update={"board": document.board.model_copy(update={"language": language})})
    return create_demo_copy(store, document=document, lifetime=lifetime)


def _build(store: Store, demo: DemoBoard, *, code: str | None) -> tuple[Board, str]:
    created = store.create_board(
        first_canvas=default_canvas(), new=BoardCreate(title=demo.title, language=demo.language), code=code
    )
    board_id, token = created.board.id, created.facilitator_token
    people = [
        store.join(board_id=board_id, new=ParticipantCreate(display_name=p.name, party=p.party))
        for p in demo.participants
    ]
    canvas_ids = {"collaboration": store.load_snapshot(board_id=board_id).canvases[0].id}
    for key in dict.fromkeys(note.canvas for note in demo.notes):
        if key not in canvas_ids:
            canvas_ids[key] = store.add_canvas(
                board_id=board_id, template=canvas_template(key), facilitator_token=token
            ).id
    snapshot = store.load_snapshot(board_id=board_id)
    zone_ids = {(canvas_key, z.key): z.id for canvas_key, cid in canvas_ids.items() for z in snapshot.zones_of(cid)}
    for index, note in enumerate(demo.notes):
        zone_id = zone_ids.get((note.canvas, note.zone))
        if zone_id is None or note.by > len(people):
            raise ContentError(f"{DEMO_FILE}: field 'notes.{index}': unknown canvas, zone or participant")
        store.add_note(
            board_id=board_id, participant_id=people[note.by - 1].id, new=NoteCreate(zone_id=zone_id, text=note.text)
        )
    for round_ in demo.rounds:
        store.open_round(board_id=board_id, new=RoundCreate(title=round_.title), facilitator_token=token)
        for person, levels in zip(people, round_.levels, strict=True):
            for dimension, level in zip(DIMENSION_KEYS, levels, strict=True):
                new = ScoreCreate(dimension=dimension, level=level or None)
                store.save_score(board_id=board_id, participant_id=person.id, new=new)
    # The last round stays open, so visitors can score on their phones too.
    # Open on the house, where a first look makes most sense.
    store.show_canvas(board_id=board_id, canvas_id=canvas_ids["collaboration"], facilitator_token=token)
    return store.get_board(board_id=board_id), token


def main() -> None:
    store = Store(Settings.from_env().database_url)
    board, token = ensure_demo_board(store)
    print(f"Demo board '{board.title}': join code {board.code}")
    if token:
        print(f"Facilitator link (shown once): /console?board={board.code}&f={token}")
    else:
        print("It already existed; nothing was changed.")


if __name__ == "__main__":
    main()
