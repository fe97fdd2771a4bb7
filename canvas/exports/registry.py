"""The export formats by key: adding a format is one module and one line in ``FORMATS``.

Each renderer takes an ``ExportSource`` and returns the file's bytes. Formats that make several files
(a PNG per canvas and radar, a CSV for notes and one for scores) return a ZIP archive.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from canvas.exports.source import ExportSource
from canvas.models import Language

if TYPE_CHECKING:
    from canvas.store import Store


@dataclass(frozen=True)
class ExportFormat:
    key: str
    extension: str
    media_type: str
    render: Callable[[ExportSource], bytes]


def _pdf(source: ExportSource) -> bytes:
    from canvas.exports.pdf_report import render_pdf  # imported when used: fpdf2 and fonts load on demand

    return render_pdf(source)


def _png(source: ExportSource) -> bytes:
    from canvas.exports.png_images import render_png_zip

    return render_png_zip(source)


def _json(source: ExportSource) -> bytes:
    from canvas.exports.json_document import render_json

    return render_json(source)


def _csv(source: ExportSource) -> bytes:
    from canvas.exports.csv_tables import render_csv_zip

    return render_csv_zip(source)


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("pdf", "pdf", "application/pdf", _pdf),
        ExportFormat("png", "zip", "application/zip", _png),
        ExportFormat("json", "json", "application/json", _json),
        ExportFormat("csv", "zip", "application/zip", _csv),
    )
}


def load_source(
    store: Store, *, board_id: int, language: Language | None = None, now: datetime | None = None
) -> ExportSource:
    """Read a board for exporting: its snapshot with rounds and scores, and its participants."""
    # Notes still private (their canvas in the WRITE phase) stay out of every file, as they stay off screens.
    snapshot = store.load_snapshot(board_id=board_id, with_scores=True).for_viewer(None)
    people = tuple(store.participants_of(board_id=board_id))
    return ExportSource(snapshot, people, now or datetime.now(UTC), language)


def export(source: ExportSource, format_key: str) -> bytes:
    """The file's bytes. Raises KeyError for an unknown format."""
    return FORMATS[format_key].render(source)


def slugify(text: str, fallback: str = "board") -> str:
    """A file-name-safe version of a title: ASCII letters and digits joined by dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or fallback


def file_name(title: str, when: datetime, format_key: str) -> str:
    """``<title>-<date>.<ext>``, e.g. ``noorderpark-voorbeeld-2026-11-28.pdf`` (ZIPs say what they hold)."""
    fmt = FORMATS[format_key]
    suffix = "" if fmt.extension == format_key else f"-{format_key}"
    return f"{slugify(title)}-{when:%Y-%m-%d}{suffix}.{fmt.extension}"
