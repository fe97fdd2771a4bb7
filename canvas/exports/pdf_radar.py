"""The maturity radar in the PDF: one page per round drawn as vectors, then the changes between rounds.

The drawing uses ``canvas.radar_geometry`` (axis order, first axis on top, clockwise), so it looks like
the radar in the app. Scoring comments are shown with the commenter's party; names only when the
facilitator chose to show who scored what, as on the radar page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from canvas import palette
from canvas.content import handbook
from canvas.exports.pdf_document import CONTENT_WIDTH, MARGIN, ReportDocument
from canvas.exports.source import INK, MUTED, PARTY_DASH, PARTY_EDGE, hex_rgb
from canvas.i18n import t, tn
from canvas.maturity import (
    Change,
    DimensionSummary,
    by_party,
    compare_rounds,
    discuss_first,
    respondent_count,
    summarize,
)
from canvas.models import Language, Round, Score
from canvas.numbers import decimal, signed_decimal
from canvas.radar_geometry import AXES, MAX_LEVEL, axis_point

BAND_FILL = "#EAE0DD"  # the app's band colour (roof brown at 16 %) on white paper
GRID = palette.LINE
SECOND = "#D55E00"


def dimension_name(key: str, lang: Language) -> str:
    return handbook().dimension(key).name(lang)


# One outline: a value per axis (None: nobody scored it), its colour, line width (mm) and dash pattern (mm).
RadarOutline = tuple[Sequence[float | None], str, float, tuple[float, float]]
# The lowest-to-highest band: the lows and the highs per axis.
RadarBand = tuple[Sequence[float | None], Sequence[float | None]]


def radar_drawing(
    pdf: ReportDocument,
    lines: Sequence[RadarOutline],
    *,
    center: tuple[float, float],
    radius: float,
    band: RadarBand | None = None,
) -> None:
    """Rings, axes with labels, an optional low-high band, and ``lines``: (values, colour, width, dash)."""
    lang = pdf.source.lang
    if band:
        lows, highs = band
        pdf.set_fill_color(*hex_rgb(BAND_FILL))
        pdf.polygon([axis_point(i, v or 0, center=center, radius=radius) for i, v in enumerate(highs)], style="F")
        pdf.set_fill_color(255, 255, 255)
        pdf.polygon([axis_point(i, v or 0, center=center, radius=radius) for i, v in enumerate(lows)], style="F")
    pdf.set_draw_color(*hex_rgb(GRID))
    pdf.set_line_width(0.2)
    for level in range(1, MAX_LEVEL + 1):
        pdf.polygon([axis_point(i, level, center=center, radius=radius) for i in range(len(AXES))], style="D")
        x, y = axis_point(0, level, center=center, radius=radius)
        pdf.style(5.5, color=MUTED)
        pdf.text(x + 0.8, y - 0.6, str(level))
    for index, key in enumerate(AXES):
        pdf.line(*center, *axis_point(index, MAX_LEVEL, center=center, radius=radius))
        x, y = axis_point(index, MAX_LEVEL + 0.55, center=center, radius=radius)
        pdf.style(7.5, bold=True)
        label = pdf.safe(dimension_name(key, lang))
        width = pdf.get_string_width(label)
        # Labels on the left end at their point, on the right start there, at the top and bottom centre.
        dx = x - center[0]
        left = x - width / 2 if abs(dx) < 1 else (x if dx > 0 else x - width)
        pdf.text(left, y + 1.2, label)
    for values, color, width, dash in lines:
        pdf.set_draw_color(*hex_rgb(color))
        pdf.set_line_width(width)
        pdf.set_dash_pattern(*dash)
        points = [
            axis_point(i, v, center=center, radius=radius) if v is not None else None for i, v in enumerate(values)
        ]
        for index, point in enumerate(points):  # a dimension nobody scored leaves a gap, as in the app
            following = points[(index + 1) % len(points)]
            if point and following:
                pdf.line(*point, *following)
        pdf.set_dash_pattern()
        pdf.set_fill_color(*hex_rgb(color))
        for point in points:
            if point and width >= 0.6:
                pdf.circle(point[0], point[1], 0.9, style="F")


def _legend(pdf: ReportDocument, entries: Sequence[tuple[str, str, float, tuple[float, float]]]) -> None:
    pdf.style(7.5)
    x = MARGIN
    y = pdf.get_y()
    for label, color, width, dash in entries:
        label = pdf.safe(label)
        span = pdf.get_string_width(label) + 14
        if x + span > MARGIN + CONTENT_WIDTH:
            x, y = MARGIN, y + 5
        pdf.set_draw_color(*hex_rgb(color))
        pdf.set_line_width(width)
        pdf.set_dash_pattern(*dash)
        if color == BAND_FILL:
            pdf.set_fill_color(*hex_rgb(BAND_FILL))
            pdf.rect(x, y + 0.8, 8, 3, style="F")
        else:
            pdf.line(x, y + 2.3, x + 8, y + 2.3)
        pdf.set_dash_pattern()
        pdf.text(x + 10, y + 3.3, label)
        x += span
    pdf.set_y(y + 7)


RADIUS = 52.0  # mm: the radar of a round, when the page has room for it and all that follows
SMALLEST_RADIUS = 36.0  # mm: as small as it goes to keep the round on one page (the labels keep their size)


def round_pages(pdf: ReportDocument, round_: Round) -> None:
    """A round: its radar, then the legend, the table, "discuss first", who scored what and the comments.

    The radar takes what room the rest leaves on the page, between ``SMALLEST_RADIUS`` and ``RADIUS``, so a
    round with few comments stays on one page rather than leaving its last lines on a page of their own.
    When the rest cannot fit even so, the radar keeps its size; each table moves whole to the next page
    where it would be split, and the comments' heading goes with its first comment.
    """
    source = pdf.source
    lang = source.lang
    scores = source.snapshot.scores_in(round_.id)
    pdf.new_page()
    pdf.heading(t("export.radar_heading", lang, round=source.round_name(round_)), section=True)
    status = t("radar.open", lang) if round_.is_open else ""
    opened = round_.opened_at.strftime("%d-%m-%Y")
    pdf.paragraph(
        f"{tn('radar.respondents', lang, respondent_count(scores))} · {opened} {status}".strip(), 9, color=MUTED
    )
    summary = summarize(scores)
    parties = by_party(scores)
    legend: list[tuple[str, str, float, tuple[float, float]]] = [
        (t("radar.group_mean", lang), INK, 0.9, (0, 0)),
        (t("radar.band", lang), BAND_FILL, 0.3, (0, 0)),
    ]
    legend += [(source.party(p), PARTY_EDGE[p], 0.45, PARTY_DASH[p]) for p in parties]
    kept: list[Callable[[ReportDocument], None]] = [  # each drawn whole on one page where it fits one
        lambda doc: _legend(doc, legend),
        lambda doc: _summary_table(doc, summary),
        lambda doc: _discuss_first(doc, summary),
    ]
    if source.board.scores_public:
        kept.append(lambda doc: _who_scored_what(doc, scores))
    heights = [pdf.measure(part) for part in kept]
    rest = sum(heights) + pdf.measure(lambda doc: _comments(doc, scores))
    radius = _radius(pdf.page_break_trigger - pdf.get_y() - rest)
    center = (MARGIN + CONTENT_WIDTH / 2, pdf.get_y() + radius + 12)
    lines = [([s[k].mean for k in AXES], PARTY_EDGE[party], 0.45, PARTY_DASH[party]) for party, s in parties.items()]
    lines.append(([summary[k].mean for k in AXES], INK, 0.9, (0, 0)))
    band = ([summary[k].low for k in AXES], [summary[k].high for k in AXES])
    radar_drawing(pdf, lines, center=center, radius=radius, band=band)
    pdf.set_y(center[1] + radius + 10)
    for part, height in zip(kept, heights, strict=True):
        pdf.keep(height)
        part(pdf)
    _comments(pdf, scores)


def _radius(room: float) -> float:
    """The radar's radius when ``room`` mm are left for it: its block is the circle and 22 mm of labels."""
    fitting = (room - 22) / 2
    return RADIUS if fitting < SMALLEST_RADIUS else min(RADIUS, fitting)


def _number(value: float | None, lang: Language | str) -> str:
    return "–" if value is None else decimal(value, Language(lang))


def _summary_table(pdf: ReportDocument, summary: dict[str, DimensionSummary]) -> None:
    lang = pdf.source.lang
    headings = ("col_dimension", "col_mean", "col_low", "col_high", "col_dont_know", "col_discuss")
    first = discuss_first(summary)
    rows = [
        [
            dimension_name(key, lang),
            _number(summary[key].mean, lang),
            "–" if summary[key].low is None else str(summary[key].low),
            "–" if summary[key].high is None else str(summary[key].high),
            str(summary[key].dont_know),
            str(first.rank(key) or ""),
        ]
        for key in AXES
    ]
    pdf.grid([t(f"radar.{key}", lang) for key in headings], rows, [56, 24, 24, 24, 26, 26], right={1, 2, 3, 4})
    pdf.ln(4)


def _discuss_first(pdf: ReportDocument, summary: dict[str, DimensionSummary]) -> None:
    lang = pdf.source.lang
    pdf.heading(t("radar.discuss_first", lang), 11)
    first = discuss_first(summary)
    if not first.top:
        pdf.paragraph(t("radar.nothing_flagged", lang), 9)
        pdf.ln(2)
        return
    pdf.paragraph(t("radar.discuss_first_help", lang), 9, color=MUTED)
    for place, s in enumerate(first.top, start=1):
        line = t("radar.flag_line", lang, dimension=dimension_name(s.dimension, lang), low=s.low, high=s.high)
        pdf.paragraph(f"{place}. {line}", 9)
    if first.also:
        names = ", ".join(dimension_name(s.dimension, lang) for s in first.also)
        pdf.paragraph(t("radar.also_far_apart", lang, parts=names), 9, color=MUTED)
    pdf.ln(2)


def _who_scored_what(pdf: ReportDocument, scores: Sequence[Score]) -> None:
    """As on the radar page: only when the facilitator shows names, and only people who gave a name."""
    source = pdf.source
    lang = source.lang
    named: dict[str, dict[str, str]] = {}
    for score in scores:
        if score.author_name:
            level = str(score.level) if score.level else "?"
            named.setdefault(score.participant_id, {})[score.dimension] = level
    pdf.heading(t("radar.who_scored", lang), 11, keep_with=30)
    if not named:
        pdf.paragraph(t("radar.nobody_named", lang), 9, color=MUTED)
        return
    people = sorted(named, key=lambda pid: int(source.pseudonyms[pid][1:]))
    rows = [[source.people[pid].display_name or "", *(named[pid].get(key, "–") for key in AXES)] for pid in people]
    headings = [t("radar.col_person", lang), *(dimension_name(key, lang) for key in AXES)]
    pdf.grid(headings, rows, [36, *([(CONTENT_WIDTH - 36) / len(AXES)] * len(AXES))])
    pdf.ln(4)


def _comments(pdf: ReportDocument, scores: Sequence[Score]) -> None:
    """The scoring comments part by part; a heading never stays behind at a page's foot without its first comment."""
    lang = pdf.source.lang
    commented = [s for s in scores if s.comment]
    by_part = [
        (dimension_name(key, lang), _comment_texts(pdf, [s for s in commented if s.dimension == key])) for key in AXES
    ]
    by_part = [(name, texts) for name, texts in by_part if texts]
    first = _comment_height(pdf, by_part[0][0], by_part[0][1][0]) if by_part else 9.0
    pdf.heading(t("export.comments", lang), 11, keep_with=first)
    if not by_part:
        pdf.paragraph(t("export.no_comments", lang), 9, color=MUTED)
        return
    for name, texts in by_part:
        for index, text in enumerate(texts):  # each comment whole on a page, the part's name with the first
            shown = name if index == 0 else None
            pdf.keep(_comment_height(pdf, shown, text))
            if shown is not None:
                pdf.paragraph(shown, 9.5, bold=True, gap=0.5)
            pdf.paragraph(text, 9, gap=0.8)
        pdf.ln(1)


def _comment_texts(pdf: ReportDocument, scores: Sequence[Score]) -> list[str]:
    source = pdf.source
    texts = []
    for score in scores:
        level = str(score.level) if score.level else t("export.dont_know_short", source.lang)
        who = f"{source.score_author(score)}, {source.party(score.party)}, {level}"
        texts.append(f"“{score.comment}” ({who})")
    return texts


def _comment_height(pdf: ReportDocument, name: str | None, text: str) -> float:
    """How tall a comment is drawn, with its part's name above it when ``name`` is given."""
    height = pdf.paragraph_height(text, 9, gap=0.8)
    return height + pdf.paragraph_height(name, 9.5, bold=True, gap=0.5) if name is not None else height


def changes_pages(pdf: ReportDocument) -> None:
    """Round by round: how each dimension's mean moved, for everyone and per party."""
    source = pdf.source
    lang = source.lang
    rounds = source.snapshot.rounds
    pdf.new_page()
    pdf.heading(t("radar.compare", lang), section=True)
    pdf.paragraph(t("export.changes_explained", lang), 9, color=MUTED, gap=3)
    for before, after in pairwise(rounds):
        old, new = source.snapshot.scores_in(before.id), source.snapshot.scores_in(after.id)
        if pdf.will_page_break(150):
            pdf.add_page()
        pdf.heading(f"{source.round_name(before)} → {source.round_name(after)}", 11)
        radius = 38.0
        center = (MARGIN + CONTENT_WIDTH / 2, pdf.get_y() + radius + 9)
        old_means, new_means = summarize(old), summarize(new)
        radar_drawing(
            pdf,
            [
                ([old_means[k].mean for k in AXES], "#6B6B6B", 0.6, (1.6, 0.9)),
                ([new_means[k].mean for k in AXES], SECOND, 0.9, (0, 0)),
            ],
            center=center,
            radius=radius,
        )
        pdf.set_y(center[1] + radius + 8)
        _legend(
            pdf,
            [(source.round_name(before), "#6B6B6B", 0.6, (1.6, 0.9)), (source.round_name(after), SECOND, 0.9, (0, 0))],
        )
        _changes_table(pdf, compare_rounds(old, new))


def _changes_table(pdf: ReportDocument, changes: Sequence[Change]) -> None:
    lang = pdf.source.lang
    parties = list(dict.fromkeys(c.party for c in changes if c.party is not None))
    everyone = {c.dimension: c for c in changes if c.party is None}
    by_party = {(c.dimension, c.party): c for c in changes if c.party is not None}
    headings = [t(f"radar.{key}", lang) for key in ("col_dimension", "before", "after", "col_change")]
    headings += [pdf.source.party(p) for p in parties]
    rows = [
        [
            dimension_name(key, lang),
            _number(everyone[key].before, lang),
            _number(everyone[key].after, lang),
            _signed(everyone[key].delta, lang),
            *(_signed(by_party[(key, p)].delta, lang) for p in parties),
        ]
        for key in AXES
    ]
    party_width = (CONTENT_WIDTH - 44 - 17 - 17 - 22) / max(1, len(parties))
    widths = [44, 17, 17, 22, *([party_width] * len(parties))]
    pdf.grid(headings, rows, widths, right=set(range(1, len(widths))))
    pdf.ln(5)


def _signed(value: float | None, lang: Language | str) -> str:
    return "–" if value is None else signed_decimal(value, Language(lang))
