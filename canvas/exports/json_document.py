"""JSON: the whole board as one document (see ``schema.py``), the one export that loads again."""

from __future__ import annotations

from canvas.exports.schema import (
    FORMAT,
    SCHEMA_VERSION,
    BoardDocument,
    DocBoard,
    DocCanvas,
    DocNote,
    DocParticipant,
    DocRound,
    DocScore,
    DocZone,
)
from canvas.exports.source import ExportSource
from canvas.models import DIMENSION_KEYS


def board_document(source: ExportSource) -> BoardDocument:
    """The board as a document: participants as pseudonyms, everything else as it is on the board."""
    snapshot = source.snapshot
    pseudonym = source.pseudonyms
    canvas_ref = {canvas.id: f"c{index + 1}" for index, canvas in enumerate(snapshot.canvases)}
    zone_ref = {zone.id: f"z{index + 1}" for index, zone in enumerate(snapshot.zones)}
    people = sorted(source.people.values(), key=lambda p: int(pseudonym[p.id][1:]))
    return BoardDocument(
        format=FORMAT,
        schema_version=SCHEMA_VERSION,
        exported_at=source.exported_at,
        board=DocBoard(
            title=source.board.title,
            language=source.board.language,
            scores_public=source.board.scores_public,
            active_canvas=canvas_ref.get(source.board.active_canvas_id),
            created_at=source.board.created_at,
        ),
        participants=tuple(
            DocParticipant(ref=pseudonym[p.id], name=p.display_name, party=p.party, joined_at=p.created_at)
            for p in people
        ),
        canvases=tuple(
            DocCanvas(
                ref=canvas_ref[canvas.id],
                template=canvas.template,
                title=canvas.title,
                layout=canvas.layout,
                label=source.canvas_title(canvas),
                zones=tuple(
                    DocZone(
                        ref=zone_ref[zone.id],
                        key=zone.key,
                        band=zone.band,
                        title=zone.title,
                        prompt=zone.prompt,
                        label=source.zone_title(canvas, zone),
                    )
                    for zone in snapshot.zones_of(canvas.id)
                ),
            )
            for canvas in snapshot.canvases
        ),
        notes=tuple(
            DocNote(
                ref=f"n{index + 1}",
                zone=zone_ref[note.zone_id],
                author=pseudonym[note.participant_id],
                text=note.text,
                position=note.position,
                created_at=note.created_at,
                updated_at=note.updated_at,
            )
            for index, note in enumerate(source.notes_in_board_order())
        ),
        rounds=tuple(
            DocRound(
                number=round_.number,
                title=round_.title,
                opened_at=round_.opened_at,
                closed_at=round_.closed_at,
                scores=tuple(
                    DocScore(
                        participant=pseudonym[s.participant_id],
                        dimension=s.dimension,
                        level=s.level,
                        comment=s.comment,
                        updated_at=s.updated_at,
                    )
                    for s in sorted(
                        snapshot.scores_in(round_.id),
                        key=lambda s: (int(pseudonym[s.participant_id][1:]), DIMENSION_KEYS.index(s.dimension)),
                    )
                ),
            )
            for round_ in snapshot.rounds
        ),
    )


def render_json(source: ExportSource) -> bytes:
    return board_document(source).model_dump_json(indent=2).encode("utf-8")
