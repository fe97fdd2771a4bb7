"""A canvas in the PDF: the board drawn as vectors (zones, sticky notes in party colours), then every note.

Dots are counted as every screen shows them (``facilitation.canvas_dots``): on a note its own dots plus its
group's; a group in "most dots" as the ranking counts it, the dots on the group and on its notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from canvas.exports.layout import CanvasDrawing, ZoneDrawing, canvas_drawing
from canvas.exports.pdf_document import CONTENT_WIDTH, MARGIN, ReportDocument
from canvas.exports.source import (
    DOT,
    FOUNDATION_BG,
    INK,
    LINE_COLOR,
    MUTED,
    ROOF_COLOR,
    ZONE_BG,
    Swatch,
    hex_rgb,
)
from canvas.facilitation import CanvasDots, RankedItem, canvas_dots, ranking
from canvas.i18n import t, tn
from canvas.models import Band, Canvas, Language, Note, Zone

NotesByZone = Mapping[int, Sequence[Note]]
MOST_DOTS_SHOWN = 5


def canvas_pages(pdf: ReportDocument, canvas: Canvas, number: int) -> None:
    """One canvas: a heading, the drawing on its own page, what got the most dots, then the notes zone by zone.

    A canvas without notes takes a short block under what came before instead (``_empty_canvas``).
    """
    source = pdf.source
    snapshot = source.snapshot
    zones = snapshot.zones_of(canvas.id)
    notes_by_zone = {zone.id: snapshot.notes_in(zone.id) for zone in zones}
    count = sum(len(n) for n in notes_by_zone.values())
    if not count:
        _empty_canvas(pdf, canvas, number, zones)
        return
    dots = canvas_dots(snapshot, canvas.id)
    pdf.new_page()
    pdf.heading(f"{number}. {source.canvas_title(canvas)}", section=True)
    pdf.paragraph(t("export.canvas_notes", source.lang, count=count), 9, color=MUTED, gap=2)
    drawing = canvas_drawing(canvas, zones, {z: len(n) for z, n in notes_by_zone.items()})
    top = pdf.get_y()
    _draw(pdf, canvas, drawing, notes_by_zone, dots, top=top)
    pdf.set_y(top + drawing.height + 4)
    _legend(pdf, source.legend(n for notes in notes_by_zone.values() for n in notes))
    if dots.total:
        _most_dots(pdf, canvas, dots)
    _note_list(pdf, canvas, zones, notes_by_zone, dots)


def _empty_canvas(pdf: ReportDocument, canvas: Canvas, number: int, zones: Sequence[Zone]) -> None:
    """A canvas nobody wrote on: its heading, that it has no notes yet and its zones, not a page of empty boxes."""
    source = pdf.source
    if pdf.page_has_content:
        pdf.ln(6)
    else:  # the first thing on a fresh page (the one the cover's agenda left, or after a round)
        pdf.new_page()
    zone_names = ", ".join(source.zone_title(canvas, zone) for zone in zones)
    below = pdf.paragraph_height(t("export.no_notes", source.lang), 10, gap=1)
    pdf.heading(f"{number}. {source.canvas_title(canvas)}", section=True, keep_with=below + 5)
    pdf.paragraph(t("export.no_notes", source.lang), 10, gap=1)
    pdf.paragraph(t("export.empty_canvas_zones", source.lang, zones=zone_names), 8.5, color=MUTED, gap=2)


def _draw(
    pdf: ReportDocument,
    canvas: Canvas,
    drawing: CanvasDrawing,
    notes_by_zone: NotesByZone,
    dots: CanvasDots,
    *,
    top: float,
) -> None:
    lang = pdf.source.lang
    pdf.set_line_width(0.3)
    if drawing.roof:
        roof = drawing.roof
        pdf.set_fill_color(*hex_rgb(ROOF_COLOR))
        pdf.polygon(
            [
                (MARGIN + roof.x, top + roof.y + roof.h),
                (MARGIN + roof.x + roof.w / 2, top + roof.y),
                (MARGIN + roof.x + roof.w, top + roof.y + roof.h),
            ],
            style="F",
        )
        pdf.style(10, bold=True, color="#FFFFFF")
        pdf.set_xy(MARGIN + roof.x, top + roof.y + roof.h - 6)
        pdf.cell(roof.w, 5, pdf.safe(pdf.source.canvas_title(canvas)), align="C")
    for band, box in drawing.band_labels:
        pdf.style(6.5, bold=True, color=MUTED)
        pdf.set_xy(MARGIN + box.x, top + box.y + 0.5)
        label = t("board.pillars" if band == Band.PILLAR else "board.foundation", lang).upper()
        pdf.cell(box.w, 4, label, align="C")
    for zone_drawing in drawing.zones:
        _draw_zone(pdf, canvas, zone_drawing, notes_by_zone[zone_drawing.zone.id], dots, top)


def _draw_zone(
    pdf: ReportDocument, canvas: Canvas, drawn: ZoneDrawing, notes: Sequence[Note], dots: CanvasDots, top: float
) -> None:
    source = pdf.source
    box = drawn.box
    x, y = MARGIN + box.x, top + box.y
    pdf.set_draw_color(*hex_rgb(LINE_COLOR))
    pdf.set_fill_color(*hex_rgb(FOUNDATION_BG if drawn.zone.band == Band.FOUNDATION else ZONE_BG))
    pdf.rect(x, y, box.w, box.h, style="DF", round_corners=True, corner_radius=1.5)
    if drawn.zone.band == Band.PILLAR:
        pdf.set_fill_color(*hex_rgb(ROOF_COLOR))
        pdf.rect(x, y, box.w, 1.2, style="F")
    pdf.style(7, bold=True)
    title = f"{source.zone_title(canvas, drawn.zone)} ({len(notes)})"
    for index, line in enumerate(pdf.wrapped(title, box.w - 3, 2)):
        pdf.text(x + 1.5, y + 4.2 + index * 3.1, line)
    for note, sticky in zip(notes, drawn.stickies, strict=False):
        sx, sy = MARGIN + sticky.x, top + sticky.y
        _paper(pdf, source.swatch(note), sx, sy, sticky.w, sticky.h, edge=1.1)
        pdf.style(5.8)
        for index, line in enumerate(pdf.wrapped(note.text, sticky.w - 2.6, 4)):
            pdf.text(sx + 1.9, sy + 2.6 + index * 2.35, line)
        badge_width = 0.0
        if count := dots.on_note(note):  # the dot badge at the foot, right: "● 3", as on the board
            pdf.style(5.2, bold=True)
            badge = f"{DOT} {count}"
            badge_width = pdf.get_string_width(badge) + 1.0
            pdf.text(sx + sticky.w - badge_width, sy + sticky.h - 1.0, badge)
        pdf.style(4.6, color=MUTED)
        pdf.text(sx + 1.9, sy + sticky.h - 1.0, pdf.fit(source.byline(note), sticky.w - 2.6 - badge_width))
    if drawn.hidden:
        pdf.style(6.5, bold=True, color=MUTED)
        last_y = top + (drawn.stickies[-1].y + drawn.stickies[-1].h if drawn.stickies else box.y + 9)
        pdf.text(x + 2, last_y + 3.6, t("export.more_notes", source.lang, count=drawn.hidden))
    if not notes:
        pdf.style(6.5, color=MUTED)
        pdf.text(x + 1.5, y + box.h - 2.5, pdf.fit(t("board.empty_zone", source.lang), box.w - 3))


def _paper(pdf: ReportDocument, swatch: Swatch, x: float, y: float, w: float, h: float, *, edge: float) -> None:
    """A note's paper with its coloured edge on the left (and a thin outline when the paper is white)."""
    pdf.set_fill_color(*hex_rgb(swatch.paper))
    if swatch.outlined:
        pdf.set_draw_color(*hex_rgb(LINE_COLOR))
        pdf.set_line_width(0.2)
    pdf.rect(x, y, w, h, style="DF" if swatch.outlined else "F")
    pdf.set_fill_color(*hex_rgb(swatch.edge))
    pdf.rect(x, y, edge, h, style="F")


def _legend(pdf: ReportDocument, swatches: Sequence[Swatch]) -> None:
    """Colour is not enough on its own: name each party (and the facilitator's notes) next to its colour."""
    if not swatches:
        return
    pdf.style(7.5)
    x = MARGIN
    for swatch in swatches:
        width = pdf.get_string_width(swatch.label) + 8
        if x + width > MARGIN + CONTENT_WIDTH:
            x = MARGIN
            pdf.ln(5)
        _paper(pdf, swatch, x, pdf.get_y() + 0.6, 4, 3.2, edge=0.9)
        pdf.text(x + 5, pdf.get_y() + 3.4, swatch.label)
        x += width
    pdf.ln(7)


NOTE_COLUMN = 118.0
LINE_HEIGHT = 3.9
CELL_PAD = 1.4


def _note_list(
    pdf: ReportDocument, canvas: Canvas, zones: Sequence[Zone], notes_by_zone: NotesByZone, dots: CanvasDots
) -> None:
    """Every note as text, zone by zone: the note on its party's colour, then author, party, group and dots."""
    source = pdf.source
    if not any(notes_by_zone.values()):
        pdf.paragraph(t("export.no_notes", source.lang), 9, color=MUTED)
        return
    pdf.heading(t("export.notes_heading", source.lang), 12, keep_with=30)
    for zone in zones:
        notes = notes_by_zone[zone.id]
        if notes:
            pdf.heading(f"{source.zone_title(canvas, zone)} ({len(notes)})", 10, keep_with=18)
            _column_heads(pdf)
            for note in notes:
                _note_row(pdf, note, dots)
            pdf.ln(3)


def _column_heads(pdf: ReportDocument) -> None:
    pdf.style(7.5, bold=True, color=MUTED)
    y = pdf.get_y()
    pdf.text(MARGIN + CELL_PAD, y + 3.6, t("export.col_note", pdf.source.lang))
    pdf.text(MARGIN + NOTE_COLUMN + CELL_PAD, y + 3.6, t("export.col_by", pdf.source.lang))
    pdf.set_draw_color(*hex_rgb(LINE_COLOR))
    pdf.set_line_width(0.2)
    pdf.line(MARGIN, y + 5, MARGIN + CONTENT_WIDTH, y + 5)
    pdf.set_y(y + 5)


def _note_row(pdf: ReportDocument, note: Note, dots: CanvasDots) -> None:
    source = pdf.source
    lang = source.lang
    pdf.style(8.5)
    text_lines = pdf.lines(note.text, NOTE_COLUMN - 2 * CELL_PAD - 1.5)
    by_width = CONTENT_WIDTH - NOTE_COLUMN - 2 * CELL_PAD
    by_lines = [pdf.fit(source.author(note), by_width), pdf.fit(source.note_party(note), by_width)]
    group = source.group_title(note)
    if group is not None:
        by_lines.append(pdf.fit(t("facilitation.board_group", lang, name=group), by_width))
    count = dots.on_note(note)
    dot_line = len(by_lines) if count else None
    if count:
        by_lines.append(f"{DOT} {tn('export.dots', lang, count)}")
    height = max(len(text_lines), len(by_lines)) * LINE_HEIGHT + 2 * CELL_PAD
    if pdf.will_page_break(height):
        pdf.add_page()
        _column_heads(pdf)
        pdf.style(8.5)
    y = pdf.get_y()
    _paper(pdf, source.swatch(note), MARGIN, y, NOTE_COLUMN, height, edge=1.1)
    for index, line in enumerate(text_lines):
        pdf.text(MARGIN + CELL_PAD + 1.5, y + CELL_PAD + 2.9 + index * LINE_HEIGHT, line)
    for index, line in enumerate(by_lines):
        if index == dot_line:
            pdf.style(7.5, bold=True)
        else:
            pdf.style(8.5 if index == 0 else 7.5, color=INK if index == 0 else MUTED)
        pdf.text(MARGIN + NOTE_COLUMN + CELL_PAD, y + CELL_PAD + 2.9 + index * LINE_HEIGHT, line)
    pdf.set_draw_color(*hex_rgb(LINE_COLOR))
    pdf.line(MARGIN, y + height, MARGIN + CONTENT_WIDTH, y + height)
    pdf.set_y(y + height)


def _most_dots(pdf: ReportDocument, canvas: Canvas, dots: CanvasDots) -> None:
    """The canvas's few most voted notes and groups, most dots first, as the console's ranking orders them."""
    source = pdf.source
    lang = source.lang
    voted = [item for item in ranking(source.snapshot, canvas.id) if item.votes]
    shown = voted[:MOST_DOTS_SHOWN]
    pdf.heading(t("export.most_dots", lang), 12, keep_with=12 + 9 * len(shown))
    pdf.paragraph(tn("export.most_dots_explained", lang, dots.total), 8, color=MUTED, gap=2)
    badge_column = 16.0
    text_width = CONTENT_WIDTH - badge_column - 8
    rank = 0
    for index, item in enumerate(shown):
        if index == 0 or item.votes != shown[index - 1].votes:
            rank = index + 1  # equal dots share a place: 1, 1, 3
        pdf.style(9.5)
        lines = pdf.wrapped(_item_title(item, lang), text_width, 2)
        pdf.style(7.5)
        detail = pdf.fit(_item_detail(pdf, item), text_width)
        height = len(lines) * 4.2 + 4.2
        if pdf.will_page_break(height):
            pdf.add_page()
        y = pdf.get_y()
        pdf.style(9.5, color=MUTED)
        pdf.text(MARGIN, y + 3.4, f"{rank}.")
        pdf.style(9.5, bold=True)
        pdf.text(MARGIN + 8, y + 3.4, f"{DOT} {item.votes}")
        pdf.style(9.5)
        for number, line in enumerate(lines):
            pdf.text(MARGIN + 8 + badge_column, y + 3.4 + number * 4.2, line)
        pdf.style(7.5, color=MUTED)
        pdf.text(MARGIN + 8 + badge_column, y + 3.4 + len(lines) * 4.2, detail)
        pdf.set_y(y + height + 1.2)
    if len(voted) > len(shown):
        more = len(voted) - len(shown)
        pdf.paragraph(tn("export.most_dots_more", lang, more), 8, color=MUTED, gap=0)
    pdf.ln(4)


def _item_title(item: RankedItem, lang: Language) -> str:
    if item.cluster is not None:
        return t("facilitation.board_group", lang, name=item.cluster.title)
    return item.notes[0].text


def _item_detail(pdf: ReportDocument, item: RankedItem) -> str:
    """Under a group: how many notes and what they say; under a note: its zone and byline."""
    source = pdf.source
    if item.cluster is not None:
        texts = " · ".join(note.text for note in item.notes)
        return f"{tn('export.group_notes', source.lang, len(item.notes))}: {texts}"
    note = item.notes[0]
    zone = next(z for z in source.snapshot.zones if z.id == note.zone_id)
    return f"{source.zone_title(source.snapshot.canvas(zone.canvas_id), zone)} · {source.byline(note)}"
