"""CSV: one row per note and one row per score, every column named in the board's language.

Written as UTF-8 with a byte-order mark, so spreadsheet programs read accents and € correctly. Numbers
carry the language's decimal mark (Babel: "1,5" in Dutch, "1.5" in English); where that mark is a comma the
separator is a semicolon, as Dutch spreadsheet settings expect, else a comma. Both tables travel together
in one ZIP archive.

Dots, in the notes table: "dots (own + group's)" is the number every screen shows on the note, its own dots
plus those put on its group; "dots of the whole group" is the group's number in the ranking (the dots on the
group and on its notes), the same on each of its notes and empty outside a group. Both come from
``canvas.facilitation``, where the screens get theirs.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pandas as pd

from canvas.content import handbook
from canvas.exports.source import ExportSource
from canvas.facilitation import canvas_dots, items
from canvas.i18n import t
from canvas.models import DIMENSION_KEYS, Language
from canvas.numbers import decimal_symbol

# A decimal comma needs another separator: Dutch spreadsheets split on ";" and read "1,5" as a number.
SEPARATOR = {language: ";" if decimal_symbol(language) == "," else "," for language in Language}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(text: str) -> str:
    """Text a spreadsheet shows as text: a leading ' keeps "=..." from running as a formula (CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _time(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC")


def notes_table(source: ExportSource) -> pd.DataFrame:
    lang = source.lang
    snapshot = source.snapshot
    canvases = {c.id: c for c in snapshot.canvases}
    zones = {z.id: z for z in snapshot.zones}
    groups: dict[int | None, str] = {c.id: c.title for c in snapshot.clusters}
    dots = {canvas.id: canvas_dots(snapshot, canvas.id) for canvas in snapshot.canvases}
    group_dots = {
        item.cluster.id: item.votes
        for canvas in snapshot.canvases
        for item in items(snapshot, canvas.id)
        if item.cluster is not None
    }
    rows = []
    for order, note in enumerate(source.notes_in_board_order(), start=1):
        zone = zones[note.zone_id]
        canvas = canvases[zone.canvas_id]
        rows.append(
            {
                t("export.col_number", lang): order,
                t("export.col_canvas", lang): source.canvas_title(canvas),
                t("export.col_zone", lang): source.zone_title(canvas, zone),
                t("export.col_note", lang): cell_text(note.text),
                t("export.col_author", lang): cell_text(source.author(note)),
                t("export.col_party", lang): source.note_party(note),
                t("export.col_pseudonym", lang): source.pseudonyms[note.participant_id],
                t("export.col_position", lang): note.position,
                t("export.col_group", lang): cell_text(groups.get(note.cluster_id, "")),
                t("export.col_votes", lang): dots[canvas.id].on_note(note),
                t("export.col_group_votes", lang): group_dots.get(note.cluster_id) if note.cluster_id else None,
                t("export.col_created", lang): _time(note.created_at),
                t("export.col_updated", lang): _time(note.updated_at),
            }
        )
    columns = [
        t(f"export.{key}", lang)
        for key in (
            "col_number",
            "col_canvas",
            "col_zone",
            "col_note",
            "col_author",
            "col_party",
            "col_pseudonym",
            "col_position",
            "col_group",
            "col_votes",
            "col_group_votes",
            "col_created",
            "col_updated",
        )
    ]
    frame = pd.DataFrame(rows, columns=columns)
    # Whole numbers, with an empty cell outside a group (a plain column would turn them into 3.0 and NaN).
    return frame.astype({t("export.col_group_votes", lang): "Int64"})


def scores_table(source: ExportSource) -> pd.DataFrame:
    """Names appear only when the facilitator shows who scored what; the pseudonym links a person's rows."""
    lang = source.lang
    book = handbook()
    keys = ("col_round", "col_round_title", "col_dimension", "col_level", "col_author", "col_party")
    columns = [t(f"export.{key}", lang) for key in (*keys, "col_pseudonym", "col_comment", "col_updated")]
    rows = []
    for round_ in source.snapshot.rounds:
        scores = sorted(
            source.snapshot.scores_in(round_.id),
            key=lambda s: (int(source.pseudonyms[s.participant_id][1:]), DIMENSION_KEYS.index(s.dimension)),
        )
        for score in scores:
            level = score.level if score.level is not None else t("export.dont_know_short", lang)
            values = (
                round_.number,
                cell_text(round_.title or ""),
                book.dimension(score.dimension).name(lang),
                level,
                cell_text(source.score_author(score)),
                source.party(score.party),
                source.pseudonyms[score.participant_id],
                cell_text(score.comment or ""),
                _time(score.updated_at),
            )
            rows.append(dict(zip(columns, values, strict=True)))
    return pd.DataFrame(rows, columns=columns)


def to_csv(frame: pd.DataFrame, lang: Language) -> bytes:
    text = frame.to_csv(index=False, sep=SEPARATOR[lang], decimal=decimal_symbol(lang), lineterminator="\r\n")
    return text.encode("utf-8-sig")


def render_csv_zip(source: ExportSource) -> bytes:
    lang = source.lang
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{t('export.file_notes', lang)}.csv", to_csv(notes_table(source), lang))
        archive.writestr(f"{t('export.file_scores', lang)}.csv", to_csv(scores_table(source), lang))
    return buffer.getvalue()
