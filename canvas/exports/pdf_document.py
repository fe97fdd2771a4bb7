"""The PDF page machinery: A4, the bundled font, every text made printable, footer with page numbers."""

from __future__ import annotations

from collections.abc import Callable, Set

from fpdf import FPDF
from fpdf.fonts import TTFFont

from canvas import palette
from canvas.exports import fonts
from canvas.exports.source import INK, MUTED, ExportSource, hex_rgb
from canvas.i18n import t

FONT = "DejaVu"
MARGIN = 15.0
RULE = palette.LINE
CONTENT_WIDTH = 210.0 - 2 * MARGIN
HEAD_SIZE = 6.8  # a table's headings (pt, bold)
HEAD_LINES = 4  # a heading longer than this many lines is cut with "…" (no real heading comes close)
CELL_SIZE = 8.5
MEASURING_HEIGHT = 5000.0  # mm: the scratch page ``measure`` draws on, tall enough that nothing breaks


class ReportDocument(FPDF):
    """An A4 document in the board's language; ``write`` and ``line_text`` never fail on a character."""

    def __init__(self, source: ExportSource, *, scratch_of: ReportDocument | None = None) -> None:
        super().__init__(orientation="P", unit="mm", format=(210.0, MEASURING_HEIGHT) if scratch_of else "A4")
        self.source = source
        self.substituted = False  # whether any character was shown as fonts.SUBSTITUTE
        self._scratch: ReportDocument | None = None
        if scratch_of:  # a scratch document for ``measure``: the report's own fonts, not loaded again
            self.fonts.update(scratch_of.fonts)
        else:
            self.add_font(FONT, "", str(fonts.REGULAR))
            self.add_font(FONT, "B", str(fonts.BOLD))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(fonts.printable(source.board.title))
        self.set_creator("Samenwerkingscanvas")
        self.set_lang(source.lang.value)
        self.set_font(FONT, size=10)
        self.page_has_content = False

    def safe(self, text: str) -> str:
        printable = fonts.printable(text)
        if printable.count(fonts.SUBSTITUTE) > text.count(fonts.SUBSTITUTE):
            self.substituted = True
        return printable

    def style(self, size: float, *, bold: bool = False, color: str = INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*hex_rgb(color))

    def paragraph(self, text: str, size: float = 10, *, bold: bool = False, color: str = INK, gap: float = 1.5) -> None:
        """A block of wrapped text across the page (our own wrap: see ``lines``)."""
        self.style(size, bold=bold, color=color)
        line_height = size * 0.5
        for line in self.lines(text, CONTENT_WIDTH):
            if self.will_page_break(line_height):
                self.add_page()
                self.style(size, bold=bold, color=color)
            self.text(self.l_margin, self.get_y() + line_height * 0.78, line)
            self.set_y(self.get_y() + line_height)
        self.ln(gap)

    def paragraph_height(self, text: str, size: float = 10, *, bold: bool = False, gap: float = 1.5) -> float:
        """How tall ``paragraph`` draws ``text`` when no page breaks in it."""
        self.style(size, bold=bold)
        return len(self.lines(text, CONTENT_WIDTH)) * size * 0.5 + gap

    def grid(
        self, headings: list[str], rows: list[list[str]], widths: list[float], right: Set[int] = frozenset()
    ) -> None:
        """A plain table: headings wrapped at spaces, then one line per row, cells cut to fit.

        ``widths`` are wishes: a column whose heading has a word wider than it takes room from columns that
        do not use theirs (``fit_widths``), so no heading is cut or broken inside a word; only a word that
        cannot fit at all is broken, with a hyphen. Drawn by hand rather than with fpdf2's ``table()``, which
        wraps every cell and is slow.
        """
        widths = self.fit_widths(headings, rows, widths, right)
        self.style(HEAD_SIZE, bold=True, color=MUTED)
        wrapped = [
            self.wrapped(h, w - _padding(i, right), HEAD_LINES, hyphenate=True)
            for i, (h, w) in enumerate(zip(headings, widths, strict=True))
        ]
        head_height = 2.2 + 2.8 * max(len(w) for w in wrapped)
        if self.will_page_break(head_height + 5 * min(len(rows), 3)):
            self.add_page()
        y = self.get_y()
        self.set_draw_color(*hex_rgb(RULE))
        self.set_line_width(0.2)
        x = self.l_margin
        for index, (lines, width) in enumerate(zip(wrapped, widths, strict=True)):
            for row, line in enumerate(lines):
                offset = width - 3 - self.get_string_width(line) if index in right else 1
                self.text(x + offset, y + 3 + row * 2.8, line)
            x += width
        self.line(self.l_margin, y + head_height, self.l_margin + sum(widths), y + head_height)
        y += head_height
        for cells in rows:
            if self.will_page_break(5):
                self.add_page()
                y = self.get_y()
            self.style(CELL_SIZE)
            x = self.l_margin
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
                text = self.fit(cell, width - _padding(index, right))
                offset = width - 3 - self.get_string_width(text) if index in right else 1
                self.text(x + offset, y + 3.5, text)
                x += width
            self.line(self.l_margin, y + 5, self.l_margin + sum(widths), y + 5)
            y += 5
        self.set_y(y)

    def fit_widths(
        self, headings: list[str], rows: list[list[str]], widths: list[float], right: Set[int] = frozenset()
    ) -> list[float]:
        """``widths`` moved about so that each heading's longest word fits its column, where the table allows.

        A column short of room for its longest word takes it from the others' spare room: what neither their
        own longest heading word nor their widest cell uses. When there is not spare room enough, each short
        column gets its share of what there is (and ``grid`` breaks the word with a hyphen). The total stays.
        """
        self.style(HEAD_SIZE, bold=True)
        needs = [
            max(self.get_string_width(self.safe(word)) for word in (heading.split() or [""])) + _padding(i, right)
            for i, heading in enumerate(headings)
        ]
        self.style(CELL_SIZE)
        cells = [
            max((self.get_string_width(self.safe(row[i])) for row in rows), default=0.0) + _padding(i, right)
            for i in range(len(widths))
        ]
        short = [max(0.0, need - width) for need, width in zip(needs, widths, strict=True)]
        spare = [
            max(0.0, width - max(need, min(cell, width)))
            for need, cell, width in zip(needs, cells, widths, strict=True)
        ]
        wanted, offered = sum(short), sum(spare)
        if not wanted or not offered:
            return list(widths)
        moved = min(wanted, offered)
        return [
            width + lack * moved / wanted - room * moved / offered
            for width, lack, room in zip(widths, short, spare, strict=True)
        ]

    def heading(self, text: str, size: float = 15, *, section: bool = False, keep_with: float = 14) -> None:
        """A bold heading, moved to the next page when ``keep_with`` mm of what follows would not fit under it."""
        self.style(size, bold=True)
        self.keep(len(self.lines(text, CONTENT_WIDTH)) * size * 0.5 + 2 + keep_with)
        if section:
            self.start_section(self.safe(text))
        self.paragraph(text, size, bold=True, gap=2)

    def keep(self, height: float) -> None:
        """A new page when ``height`` mm will not fit under what this page holds but would fit on a page."""
        if (
            self.get_y() > self.t_margin + 1
            and self.will_page_break(height)
            and height <= self.page_break_trigger - self.t_margin
        ):
            self.add_page()

    def measure(self, draw: Callable[[ReportDocument], object]) -> float:
        """How tall ``draw`` lays out from the top of a page, measured without drawing on this document.

        ``draw`` runs on a scratch document with one very tall page (made once per report, sharing this
        one's fonts), so a part can be sized or moved before it is drawn: the radar shrinks to leave room.
        """
        if self._scratch is None:
            self._scratch = ReportDocument(self.source, scratch_of=self)
            self._scratch.add_page()
        scratch = self._scratch
        scratch.set_y(scratch.t_margin)
        page = scratch.page
        draw(scratch)
        return scratch.get_y() - scratch.t_margin + (scratch.page - page) * (MEASURING_HEIGHT - scratch.t_margin)

    def new_page(self) -> None:
        """A new page, unless the current one is still empty (the agenda's placeholder leaves one so)."""
        if self.page == 0 or self.page_has_content:
            self.add_page()
        self.page_has_content = True

    def fit(self, text: str, width: float) -> str:
        """``text`` on one line, cut with an ellipsis when wider than ``width`` (current font)."""
        text = self.safe(text).replace("\n", " ")
        if self.get_string_width(text) <= width:
            return text
        low, high = 0, len(text)
        while low < high:  # binary search: the longest prefix that fits with "…"
            middle = (low + high + 1) // 2
            if self.get_string_width(text[:middle] + "…") <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "…"

    def lines(self, text: str, width: float, *, hyphenate: bool = False) -> list[str]:
        """``text`` broken into lines of at most ``width`` mm in the current font, at spaces where possible.

        A word wider than the line is broken where it must; with ``hyphenate``, after a hyphen of its own
        if it has one that fits, else with a hyphen added, so a reader sees the word goes on.

        Our own word wrap over the font's width table: fpdf2's multi_cell is exact but about fifty times
        slower, and a report of a thousand notes must be ready in a second or so.
        """
        font = self.current_font
        # Reports use only the embedded TTF fonts (fonts.py), whose width table is keyed by code point.
        if not isinstance(font, TTFFont):
            raise TypeError(f"word wrap needs an embedded TTF font, not {font!r}")
        widths = font.cw
        scale = self.font_size_pt * 0.001 / self.k
        space = widths[32] * scale
        hyphen = widths[ord("-")] * scale if hyphenate else 0.0
        result: list[str] = []
        for paragraph in self.safe(text).split("\n"):
            line, line_width = "", 0.0
            for word in paragraph.split(" "):
                word_width = sum(widths[ord(ch)] for ch in word) * scale
                if line and line_width + space + word_width <= width:
                    line, line_width = f"{line} {word}", line_width + space + word_width
                    continue
                if line:
                    result.append(line)
                while word_width > width and len(word) > 1:  # a word wider than the line: break it
                    cut, cut_width = 1, widths[ord(word[0])] * scale
                    while cut < len(word) and cut_width + widths[ord(word[cut])] * scale + hyphen <= width:
                        cut_width += widths[ord(word[cut])] * scale
                        cut += 1
                    piece = word[:cut]
                    if hyphenate:
                        own = word.rfind("-", 1, cut + 1)  # the word's own hyphen, where one fits, is a break
                        if 0 < own < len(word) - 1:
                            cut = own + 1
                            piece = word[:cut]
                        else:
                            piece += "-"
                    result.append(piece)
                    word = word[cut:]
                    word_width = sum(widths[ord(ch)] for ch in word) * scale
                line, line_width = word, word_width
            result.append(line)
        return result

    def wrapped(self, text: str, width: float, max_lines: int, *, hyphenate: bool = False) -> list[str]:
        """``text`` broken into at most ``max_lines`` lines of ``width`` (current font), the last cut with "…"."""
        lines = self.lines(text, width, hyphenate=hyphenate)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self.fit(lines[-1] + "…", width)
        return lines

    def footer(self) -> None:
        source = self.source
        self.set_y(-12)
        self.style(7.5, color=MUTED)
        moment = source.exported_at.strftime("%d-%m-%Y %H:%M UTC")
        left = t("export.footer", source.lang, code=source.board.code, time=moment)
        self.cell(CONTENT_WIDTH / 2, 5, self.safe(left), align="L")
        self.cell(CONTENT_WIDTH / 2, 5, t("export.page_of", source.lang, page=self.page_no(), pages="{nb}"), align="R")


def _padding(column: int, right: Set[int]) -> float:
    """Room a table's cell keeps free: 1 mm on the left, and 3 mm on the right of right-aligned numbers."""
    return 4.0 if column in right else 2.0
