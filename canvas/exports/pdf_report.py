"""PDF: the workshop report a facilitator sends on as it is. A4, in the board's language.

Pages: a cover (title, date, who took part per party, the agenda with page numbers), each canvas drawn
as on the board with what got the most dots (when it was voted on) and all its notes with their group and
dots (``pdf_canvas``), the radar of each scoring round, and the changes between rounds. A new part of the
report is a section in ``SECTIONS``; nothing else needs to change.
"""

from __future__ import annotations

from fpdf.outline import OutlineSection

from canvas.exports.pdf_canvas import canvas_pages
from canvas.exports.pdf_document import CONTENT_WIDTH, MARGIN, ReportDocument
from canvas.exports.pdf_radar import changes_pages, round_pages
from canvas.exports.source import MUTED, PARTY_EDGE, PARTY_PAPER, ROOF_COLOR, ExportSource, hex_rgb
from canvas.i18n import t
from canvas.models import Party


def cover(pdf: ReportDocument) -> None:
    source = pdf.source
    lang = source.lang
    snapshot = source.snapshot
    pdf.new_page()
    pdf.set_fill_color(*hex_rgb(ROOF_COLOR))
    pdf.polygon([(MARGIN, 58), (105, 18), (MARGIN + CONTENT_WIDTH, 58)], style="F")
    pdf.style(13, bold=True, color="#FFFFFF")
    pdf.set_xy(MARGIN, 48)
    pdf.cell(CONTENT_WIDTH, 6, t("export.report_kicker", lang), align="C")
    pdf.set_y(68)
    pdf.heading(source.board.title, 24)
    date = source.exported_at.strftime("%d-%m-%Y")
    pdf.paragraph(t("export.report_meta", lang, code=source.board.code, date=date), 10, color=MUTED, gap=6)

    pdf.heading(t("export.who_took_part", lang), 13)
    counts = source.party_counts()
    anonymous = sum(1 for p in source.joined if not p.display_name)
    pdf.paragraph(t("export.participants_total", lang, count=sum(counts.values()), anonymous=anonymous), 10)
    pdf.style(10)
    for party in Party:
        if not counts[party]:
            continue
        y = pdf.get_y()
        pdf.set_fill_color(*hex_rgb(PARTY_PAPER[party]))
        pdf.rect(MARGIN, y + 0.5, 6, 4.2, style="F")
        pdf.set_fill_color(*hex_rgb(PARTY_EDGE[party]))
        pdf.rect(MARGIN, y + 0.5, 1.3, 4.2, style="F")
        pdf.text(MARGIN + 9, y + 4, f"{source.party(party)}: {counts[party]}")
        pdf.set_y(y + 6)
    pdf.ln(3)
    pdf.paragraph(
        t(
            "export.totals",
            lang,
            notes=len(snapshot.notes),
            canvases=len(snapshot.canvases),
            rounds=len(snapshot.rounds),
        ),
        10,
        gap=6,
    )
    pdf.heading(t("export.agenda", lang), 13)
    entries = len(snapshot.canvases) + len(snapshot.rounds) + 1
    room = (297 - 18 - pdf.get_y()) // 6.5
    extra_pages = 0 if entries <= room else int((entries - room) // 38) + 1
    # fpdf2 types the hook for any FPDF; it calls it with this document, a ReportDocument.
    pdf.insert_toc_placeholder(_agenda, pages=1 + extra_pages)  # type: ignore[arg-type]
    pdf.page_has_content = False  # the placeholder moved on to an empty page: the first canvas starts there


def _agenda(pdf: ReportDocument, outline: list[OutlineSection]) -> None:
    """The agenda with page numbers, filled in when the document is done (fpdf2's table-of-contents hook)."""
    page_word = t("export.page_short", pdf.source.lang)
    for section in outline:
        pdf.style(10.5)
        number = f"{page_word} {section.page_number}"
        width = CONTENT_WIDTH - pdf.get_string_width(number) - 4
        pdf.set_x(MARGIN)
        name = pdf.fit(section.name, width)
        pdf.cell(width, 6.5, name, link=pdf.add_link(page=section.page_number))
        pdf.style(10.5, color=MUTED)
        pdf.cell(CONTENT_WIDTH - width, 6.5, number, align="R", new_x="LMARGIN", new_y="NEXT")


def _canvases(pdf: ReportDocument) -> None:
    for number, canvas in enumerate(pdf.source.snapshot.canvases, start=1):
        canvas_pages(pdf, canvas, number)


def _rounds(pdf: ReportDocument) -> None:
    for round_ in pdf.source.snapshot.rounds:
        round_pages(pdf, round_)
    if len(pdf.source.snapshot.rounds) >= 2:
        changes_pages(pdf)


def _substitutes(pdf: ReportDocument) -> None:
    if pdf.substituted:
        pdf.ln(4)
        pdf.paragraph(t("export.substitutes", pdf.source.lang), 8, color=MUTED)


# The report, in order. Groups and dots are part of each canvas's pages (pdf_canvas).
SECTIONS = (cover, _canvases, _rounds, _substitutes)


def render_pdf(source: ExportSource) -> bytes:
    pdf = ReportDocument(source)
    for section in SECTIONS:
        section(pdf)
    return bytes(pdf.output())
