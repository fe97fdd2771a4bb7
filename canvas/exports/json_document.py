"""JSON: the whole board as one document (see ``schema.py``), the one export that loads again."""

from __future__ import annotations

from canvas.exports.schema import (
    FORMAT,
    SCHEMA_VERSION,
    BoardDocument,
    DocBoard,
    DocCanvas,
    DocCluster,
    DocNote,
    DocParticipant,
    DocRound,
    DocScore,
    DocVote,
    DocZone,
)
from canvas.exports.source import ExportSource
from canvas.models import DIMENSION_KEYS


def board_document(source: ExportSource) -> BoardDocument:
    """The board as a document: participants as pseudonyms, everything else as it is on the board."""
    snapshot = source.snapshot
    pseudonym = source.pseudonyms
    canvas_ref: dict[int | None, str] = {canvas.id: f"c{index + 1}" for index, canvas in enumerate(snapshot.canvases)}
    zone_ref = {zone.id: f"z{index + 1}" for index, zone in enumerate(snapshot.zones)}
    people = sorted(source.people.values(), key=lambda p: int(pseudonym[p.id][1:]))
    ordered_notes = source.notes_in_board_order()
    note_ref = {note.id: f"n{index + 1}" for index, note in enumerate(ordered_notes)}
    cluster_ref = {cluster.id: f"g{index + 1}" for index, cluster in enumerate(snapshot.clusters)}
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
            locked=source.board.locked,
            anonymous=source.board.anonymous,
            vote_dots=source.board.vote_dots,
            votes_stack=source.board.votes_stack,
        ),
        participants=tuple(
            DocParticipant(
                ref=pseudonym[p.id],
                name=p.display_name,
                party=p.party,
                joined_at=p.created_at,
                facilitator=p.is_facilitator,
            )
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
                phase=canvas.phase,
            )
            for canvas in snapshot.canvases
        ),
        notes=tuple(
            DocNote(
                ref=note_ref[note.id],
                zone=zone_ref[note.zone_id],
                author=pseudonym[note.participant_id],
                text=note.text,
                position=note.position,
                created_at=note.created_at,
                updated_at=note.updated_at,
                cluster=cluster_ref.get(note.cluster_id) if note.cluster_id is not None else None,
            )
            for note in ordered_notes
        ),
        clusters=tuple(
            DocCluster(ref=cluster_ref[c.id], canvas=canvas_ref[c.canvas_id], title=c.title) for c in snapshot.clusters
        ),
        # Dots on notes the file holds (a note still private is in no file, nor are its dots).
        votes=tuple(
            DocVote(
                participant=pseudonym[v.participant_id],
                note=note_ref[v.note_id] if v.note_id is not None else None,
                cluster=cluster_ref[v.cluster_id] if v.cluster_id is not None else None,
            )
            for v in snapshot.votes
            if (v.note_id in note_ref if v.note_id is not None else v.cluster_id in cluster_ref)
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
