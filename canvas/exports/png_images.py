"""PNG: each canvas and each round's radar drawn with Pillow (no browser), in one ZIP archive.

The drawings follow the PDF's: the same layout (``layout.py``), the same party colours, and the radar
geometry of the app (``radar_geometry.py``).
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Sequence
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from canvas import palette
from canvas.content import handbook
from canvas.exports import fonts
from canvas.exports.layout import WIDTH, canvas_drawing
from canvas.exports.registry import slugify
from canvas.exports.source import (
    DOT,
    FOUNDATION_BG,
    INK,
    LINE_COLOR,
    MUTED,
    PARTY_DASH,
    PARTY_EDGE,
    ROOF_COLOR,
    ZONE_BG,
    ExportSource,
    Swatch,
)
from canvas.facilitation import canvas_dots
from canvas.i18n import t, tn
from canvas.maturity import by_party, respondent_count, summarize
from canvas.models import Band, Canvas, Round
from canvas.radar_geometry import AXES, MAX_LEVEL, axis_point

SCALE = 8.0  # pixels per millimetre of the shared layout: a canvas is 1,440 px wide plus margins
MARGIN = 12 * SCALE
BAND_FILL = "#EAE0DD"
GRID = palette.LINE


@cache
def font(size_pt: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    pixels = round(size_pt * 0.3528 * SCALE)
    return ImageFont.truetype(str(fonts.BOLD if bold else fonts.REGULAR), pixels)


def _fit(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: float) -> str:
    text = fonts.printable(text).replace("\n", " ")
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: float, max_lines: int
) -> list[str]:
    words = fonts.printable(text).replace("\n", " ").split(" ")
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if draw.textlength(candidate, font=face) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
        if len(lines) == max_lines:
            break
    if len(lines) < max_lines and line:
        lines.append(line)
    used = " ".join(lines)
    if len(used) < len(" ".join(words)):
        lines[-1] = _fit(draw, lines[-1] + " …", face, width)
    return [_fit(draw, line, face, width) for line in lines]


def canvas_png(source: ExportSource, canvas: Canvas) -> bytes:
    snapshot = source.snapshot
    zones = snapshot.zones_of(canvas.id)
    notes_by_zone = {zone.id: snapshot.notes_in(zone.id) for zone in zones}
    dots = canvas_dots(snapshot, canvas.id)
    drawing = canvas_drawing(canvas, zones, {z: len(n) for z, n in notes_by_zone.items()})
    title_height = 14 * SCALE
    size = (int(WIDTH * SCALE + 2 * MARGIN), int(drawing.height * SCALE + 2 * MARGIN + title_height + 10 * SCALE))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)

    def px(x: float, y: float) -> tuple[float, float]:
        return MARGIN + x * SCALE, MARGIN + title_height + y * SCALE

    draw.text((MARGIN, MARGIN), fonts.printable(source.canvas_title(canvas)), font=font(16, True), fill=INK)
    draw.text((MARGIN, MARGIN + 8 * SCALE), fonts.printable(source.board.title), font=font(9), fill=MUTED)
    if drawing.roof:
        roof = drawing.roof
        draw.polygon([px(roof.x, roof.h), px(roof.x + roof.w / 2, 0), px(roof.x + roof.w, roof.h)], fill=ROOF_COLOR)
        label = fonts.printable(source.canvas_title(canvas))
        draw.text(px(roof.w / 2, roof.h - 1.5), label, font=font(10, True), fill="white", anchor="ms")
    for band, box in drawing.band_labels:
        label = t("board.pillars" if band == Band.PILLAR else "board.foundation", source.lang).upper()
        draw.text(px(box.x + box.w / 2, box.y + 3.6), label, font=font(6.5, True), fill=MUTED, anchor="ms")
    for drawn in drawing.zones:
        box = drawn.box
        notes = notes_by_zone[drawn.zone.id]
        fill = FOUNDATION_BG if drawn.zone.band == Band.FOUNDATION else ZONE_BG
        draw.rounded_rectangle(
            [px(box.x, box.y), px(box.x + box.w, box.y + box.h)], 12, fill=fill, outline=LINE_COLOR, width=2
        )
        if drawn.zone.band == Band.PILLAR:
            draw.rectangle([px(box.x, box.y), px(box.x + box.w, box.y + 1.2)], fill=ROOF_COLOR)
        title = f"{source.zone_title(canvas, drawn.zone)} ({len(notes)})"
        for index, line in enumerate(_wrap(draw, title, font(7, True), (box.w - 3) * SCALE, 2)):
            draw.text(px(box.x + 1.5, box.y + 4.2 + index * 3.1), line, font=font(7, True), fill=INK, anchor="ls")
        for note, sticky in zip(notes, drawn.stickies, strict=False):
            _paper(draw, source.swatch(note), px(sticky.x, sticky.y), px(sticky.x + sticky.w, sticky.y + sticky.h), 1.1)
            text_width = (sticky.w - 2.6) * SCALE
            for index, line in enumerate(_wrap(draw, note.text, font(5.8), text_width, 4)):
                draw.text(
                    px(sticky.x + 1.9, sticky.y + 2.6 + index * 2.35), line, font=font(5.8), fill=INK, anchor="ls"
                )
            badge_width = 0.0
            if count := dots.on_note(note):  # the dot badge, as in the PDF and on the board
                badge = f"{DOT} {count}"
                badge_width = draw.textlength(badge, font=font(5.2, True)) + 1.0 * SCALE
                foot = px(sticky.x + sticky.w - 1.0, sticky.y + sticky.h - 1.0)
                draw.text(foot, badge, font=font(5.2, True), fill=INK, anchor="rs")
            byline = _fit(draw, source.byline(note), font(4.6), text_width - badge_width)
            draw.text(px(sticky.x + 1.9, sticky.y + sticky.h - 1.0), byline, font=font(4.6), fill=MUTED, anchor="ls")
        if drawn.hidden:
            last = drawn.stickies[-1] if drawn.stickies else None
            y = last.y + last.h + 3.6 if last else box.y + 12
            more = t("export.more_notes", source.lang, count=drawn.hidden)
            draw.text(px(box.x + 2, y), more, font=font(6.5, True), fill=MUTED, anchor="ls")
        if not notes:
            empty = t("board.empty_zone", source.lang)
            draw.text(px(box.x + 1.5, box.y + box.h - 2.5), empty, font=font(6.5), fill=MUTED, anchor="ls")
    _legend(draw, source.legend(n for notes in notes_by_zone.values() for n in notes), px(0, drawing.height + 4))
    return _png(image)


def _paper(
    draw: ImageDraw.ImageDraw,
    swatch: Swatch,
    top_left: tuple[float, float],
    bottom_right: tuple[float, float],
    edge: float,
) -> None:
    """A note's paper with its coloured edge (and a thin outline when the paper is white), as in the PDF."""
    draw.rectangle(
        [top_left, bottom_right], fill=swatch.paper, outline=LINE_COLOR if swatch.outlined else None, width=2
    )
    draw.rectangle([top_left, (top_left[0] + edge * SCALE, bottom_right[1])], fill=swatch.edge)


def _legend(draw: ImageDraw.ImageDraw, swatches: Sequence[Swatch], at: tuple[float, float]) -> None:
    x, y = at
    face = font(7.5)
    for swatch in swatches:
        _paper(draw, swatch, (x, y), (x + 4 * SCALE, y + 3.2 * SCALE), 0.9)
        draw.text((x + 5 * SCALE, y + 2.8 * SCALE), swatch.label, font=face, fill=INK, anchor="ls")
        x += draw.textlength(swatch.label, font=face) + 9 * SCALE


def radar_png(source: ExportSource, round_: Round) -> bytes:
    lang = source.lang
    scores = source.snapshot.scores_in(round_.id)
    summary = summarize(scores)
    size = (int(200 * SCALE), int(182 * SCALE))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.text(
        (MARGIN, MARGIN),
        fonts.printable(t("export.radar_heading", lang, round=source.round_name(round_))),
        font=font(14, True),
        fill=INK,
    )
    caption = f"{fonts.printable(source.board.title)} · {tn('radar.respondents', lang, respondent_count(scores))}"
    draw.text((MARGIN, MARGIN + 7 * SCALE), caption, font=font(8), fill=MUTED)
    center = (size[0] / 2, 92 * SCALE)
    radius = 52 * SCALE

    def point(index: int, value: float) -> tuple[float, float]:
        return axis_point(index, value, center=center, radius=radius)

    draw.polygon([point(i, summary[k].high or 0) for i, k in enumerate(AXES)], fill=BAND_FILL)
    draw.polygon([point(i, summary[k].low or 0) for i, k in enumerate(AXES)], fill="white")
    for level in range(1, MAX_LEVEL + 1):
        draw.polygon([point(i, level) for i in range(len(AXES))], outline=GRID, width=2)
        draw.text(point(0, level), f" {level}", font=font(5.5), fill=MUTED, anchor="lb")
    for index, key in enumerate(AXES):
        draw.line([center, point(index, MAX_LEVEL)], fill=GRID, width=2)
        x, y = point(index, MAX_LEVEL + 0.55)
        anchor = "mm" if abs(x - center[0]) < SCALE else ("lm" if x > center[0] else "rm")
        label = fonts.printable(handbook().dimension(key).name(lang))
        draw.text((x, y), label, font=font(7.5, True), fill=INK, anchor=anchor)
    parties = by_party(scores)
    lines = [([s[k].mean for k in AXES], PARTY_EDGE[party], 4, PARTY_DASH[party]) for party, s in parties.items()]
    lines.append(([summary[k].mean for k in AXES], INK, 8, (0, 0)))
    for values, color, width, dash in lines:
        points = [None if v is None else point(i, v) for i, v in enumerate(values)]
        for index, here in enumerate(points):
            following = points[(index + 1) % len(points)]
            if here and following:
                _line(draw, here, following, color, width, dash)
    for index, key in enumerate(AXES):
        mean = summary[key].mean
        if mean is not None:
            x, y = point(index, mean)
            draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=INK)
    legend: list[tuple[str, str, tuple[float, float]]] = [
        (t("radar.group_mean", lang), INK, (0, 0)),
        (t("radar.band", lang), BAND_FILL, (0, 0)),
    ]
    legend += [(source.party(p), PARTY_EDGE[p], PARTY_DASH[p]) for p in parties]
    x, y = MARGIN, 160 * SCALE
    for label, color, dash in legend:
        if x + draw.textlength(label, font=font(7.5)) + 10 * SCALE > size[0] - MARGIN:
            x, y = MARGIN, y + 7 * SCALE
        _line(draw, (x, y), (x + 8 * SCALE, y), color, 6 if color != BAND_FILL else 22, dash)
        draw.text((x + 10 * SCALE, y), label, font=font(7.5), fill=INK, anchor="lm")
        x += draw.textlength(label, font=font(7.5)) + 16 * SCALE
    return _png(image)


def _line(
    draw: ImageDraw.ImageDraw,
    start: tuple[float, float],
    end: tuple[float, float],
    color: str,
    width: int,
    dash: tuple[float, float],
) -> None:
    """A line, dashed as the PDF and the app draw this party's outline (Pillow has no dash of its own)."""
    on, off = dash[0] * SCALE, dash[1] * SCALE
    if not on:
        draw.line([start, end], fill=color, width=width)
        return
    length = math.dist(start, end)
    if length == 0:
        return
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    travelled = 0.0
    while travelled < length:
        stop = min(travelled + on, length)
        draw.line(
            [(start[0] + ux * travelled, start[1] + uy * travelled), (start[0] + ux * stop, start[1] + uy * stop)],
            fill=color,
            width=width,
        )
        travelled = stop + off


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def png_files(source: ExportSource) -> dict[str, bytes]:
    """File name -> PNG bytes: each canvas in order, then the radar of each round."""
    files = {}
    for number, canvas in enumerate(source.snapshot.canvases, start=1):
        files[f"{number:02d}-{slugify(source.canvas_title(canvas), 'canvas')}.png"] = canvas_png(source, canvas)
    for round_ in source.snapshot.rounds:
        files[f"radar-{round_.number:02d}.png"] = radar_png(source, round_)
    return files


def render_png_zip(source: ExportSource) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PNG is compressed already
        for name, data in png_files(source).items():
            archive.writestr(name, data)
    return buffer.getvalue()
