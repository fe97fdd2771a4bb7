"""The PDF report's layout: table headings whole, no heading left alone at a page's foot, no page for nothing.

What a real session found (issue #23, item 8): a party's column heading cut ("Lokale onderne…"), a page holding
only a round's "Toelichtingen bij de scores" and one line, and a whole page for a canvas without notes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from canvas.content import default_canvas
from canvas.demo import make_demo_copy
from canvas.exports import pdf_radar
from canvas.exports.pdf_document import ReportDocument
from canvas.exports.registry import export, load_source
from canvas.exports.source import ExportSource
from canvas.i18n import t
from canvas.models import (
    DIMENSION_KEYS,
    BoardCreate,
    CustomCanvasCreate,
    CustomZoneCreate,
    Language,
    NoteCreate,
    ParticipantCreate,
    Party,
    RoundCreate,
    ScoreCreate,
)
from canvas.store import Store


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """Layout does not depend on the database: one SQLite store is enough here."""
    the_store = Store(f"sqlite:///{tmp_path / 'layout.sqlite3'}")
    yield the_store
    the_store.close()


def pages_of(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def five_parties_two_rounds(store: Store, language: Language) -> ExportSource:
    """Someone of every party scores in two rounds: the changes table has a column for each of the five."""
    created = store.create_board(
        first_canvas=default_canvas(), new=BoardCreate(title="Vijf partijen", language=language)
    )
    board_id, token = created.board.id, created.facilitator_token
    people = [store.join(board_id=board_id, new=ParticipantCreate(display_name=None, party=p)) for p in Party]
    for number in range(2):
        store.open_round(board_id=board_id, new=RoundCreate(title=f"R{number + 1}"), facilitator_token=token)
        for p_index, person in enumerate(people):
            for d_index, dimension in enumerate(DIMENSION_KEYS):
                level = 1 + (p_index + d_index + number) % 5
                store.save_score(
                    board_id=board_id, participant_id=person.id, new=ScoreCreate(dimension=dimension, level=level)
                )
        store.close_round(board_id=board_id, facilitator_token=token)
    return load_source(store, board_id=board_id)


@pytest.mark.parametrize("language", [Language.NL, Language.EN])
def test_the_changes_table_shows_every_party_heading_whole(sqlite_store: Store, language: Language) -> None:
    source = five_parties_two_rounds(sqlite_store, language)
    _cover, *pages = pages_of(export(source, "pdf"))
    (page,) = [p for p in pages if t("radar.compare", language) in p]
    words = page.split()
    for party in Party:
        for word in source.party(party).split():
            assert word in words, f"{word!r} is cut or broken in the changes table's heading"
    assert "…" not in page


def drawn_text(pdf: ReportDocument, pages: list[int] | None = None) -> list[tuple[float, float, str]]:
    """Record what ``pdf`` writes from now on: (x, y, text) of every ``text`` call, and its page in ``pages``."""
    calls: list[tuple[float, float, str]] = []
    draw = pdf.text

    def recording(x: float, y: float, text: str = "") -> None:
        calls.append((x, y, text))
        if pages is not None:
            pages.append(pdf.page)
        draw(x, y, text)

    pdf.text = recording  # type: ignore[method-assign]
    return calls


def test_a_table_heading_stays_in_its_column_and_breaks_a_word_only_with_a_hyphen(sqlite_store: Store) -> None:
    source = five_parties_two_rounds(sqlite_store, Language.NL)
    pdf = ReportDocument(source)
    pdf.add_page()
    calls = drawn_text(pdf)
    # Three narrow columns and no room to spare: the first two words cannot fit whole.
    headings = ["Samenwerkingsovereenkomst", "Bewonersinitiatief", "Lokale ondernemer"]
    pdf.grid(headings, [["1", "2", "3"]], [14, 14, 20])
    pdf.style(6.8, bold=True)
    columns: dict[int, list[str]] = {0: [], 1: [], 2: []}
    for x, _y, text in calls[:-3]:  # the last three are the row's cells
        column = 0 if x < 15 + 14 else 1 if x < 15 + 28 else 2
        columns[column].append(text)
        edge = 15 + (14, 28, 48)[column]
        assert x >= 15 + (0, 14, 28)[column] and x + pdf.get_string_width(text) <= edge, (text, x)
    assert all("…" not in line for lines in columns.values() for line in lines)
    for column, heading in enumerate(headings):
        lines = columns[column]
        assert all(line.endswith("-") for line in lines[:-1]) or " " in heading, lines
        assert "".join(line.removesuffix("-") if line.endswith("-") else line + " " for line in lines).strip() == (
            heading
        )
    assert columns[2] == ["Lokale", "ondernemer"]


def test_words_are_broken_only_when_they_cannot_fit_and_then_with_a_hyphen(sqlite_store: Store) -> None:
    source = five_parties_two_rounds(sqlite_store, Language.NL)
    pdf = ReportDocument(source)
    pdf.add_page()
    pdf.style(6.8, bold=True)
    word_width = pdf.get_string_width("Bewonersinitiatief")
    assert pdf.lines("Bewonersinitiatief", word_width + 0.1, hyphenate=True) == ["Bewonersinitiatief"]
    assert pdf.lines("Lokale ondernemer", pdf.get_string_width("ondernemer") + 0.1, hyphenate=True) == [
        "Lokale",
        "ondernemer",
    ]
    pieces = pdf.lines("Bewonersinitiatief", word_width / 2, hyphenate=True)
    assert len(pieces) >= 2 and all(piece.endswith("-") for piece in pieces[:-1])
    assert "".join(piece.removesuffix("-") for piece in pieces) == "Bewonersinitiatief"
    assert all(pdf.get_string_width(piece) <= word_width / 2 for piece in pieces)
    # A word that has a hyphen of its own breaks there first.
    assert pdf.lines("Gemeente-ambtenaar", pdf.get_string_width("Gemeente-ambtenaa"), hyphenate=True) == [
        "Gemeente-",
        "ambtenaar",
    ]


def content_lines(page: str) -> list[str]:
    """A page's lines of text without its footer (the last line: board code, time, page number)."""
    return [line for line in page.splitlines() if line.strip()][:-1]


@pytest.mark.parametrize("language", [Language.NL, Language.EN])
def test_a_round_with_few_comments_stays_on_one_page_with_its_radar(sqlite_store: Store, language: Language) -> None:
    """The demo board's first round left "Toelichtingen bij de scores" and one line on a page of their own."""
    demo = make_demo_copy(sqlite_store, language=language, lifetime=timedelta(hours=1))
    source = load_source(sqlite_store, board_id=demo.board.id)
    _cover, *pages = pages_of(export(source, "pdf"))
    for round_ in source.snapshot.rounds:
        heading = t("export.radar_heading", language, round=source.round_name(round_))
        (page,) = [p for p in pages if heading in p]
        assert t("export.comments", language) in page, f"the comments of {heading!r} went to another page"
    for number, page in enumerate(pages, start=2):
        assert len(content_lines(page)) >= 5, f"page {number} holds next to nothing: {content_lines(page)}"


def test_the_comments_heading_goes_to_the_next_page_with_its_first_comment_whole(sqlite_store: Store) -> None:
    created = sqlite_store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Toelichting"))
    board_id, token = created.board.id, created.facilitator_token
    person = sqlite_store.join(board_id=board_id, new=ParticipantCreate(display_name="An", party=Party.CIVIC))
    sqlite_store.open_round(board_id=board_id, new=RoundCreate(title="Start"), facilitator_token=token)
    comment = "Een toelichting die over twee regels loopt, " * 4
    for dimension in pdf_radar.AXES[:2]:  # the first two parts in the radar's (and the list's) order
        sqlite_store.save_score(
            board_id=board_id,
            participant_id=person.id,
            new=ScoreCreate(dimension=dimension, level=3, comment=comment.strip()),
        )
    source = load_source(sqlite_store, board_id=board_id)
    pdf = ReportDocument(source)
    pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    # Room at the page's foot for the heading, the part's name and one line of the two the comment takes.
    pdf.set_y(pdf.page_break_trigger - 21)
    on_page: list[int] = []
    calls = drawn_text(pdf, on_page)
    pdf_radar._comments(pdf, source.snapshot.scores_in(source.snapshot.rounds[0].id))
    texts = [text for _x, _y, text in calls]
    heading = texts.index(t("export.comments", Language.NL))
    first_comment = next(i for i, text in enumerate(texts) if text.startswith("“"))
    second_part = texts.index(pdf_radar.dimension_name(pdf_radar.AXES[1], Language.NL))
    # The heading, the first part's name and every line of its first comment on one page.
    assert len(set(on_page[heading:second_part])) == 1, list(zip(on_page, texts, strict=True))
    assert first_comment < second_part


def board_with_an_empty_canvas(store: Store, language: Language, *, house_notes: int) -> ExportSource:
    """The house with ``house_notes`` notes, then a canvas of the facilitator's own that nobody wrote on."""
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Leeg", language=language))
    board_id, token = created.board.id, created.facilitator_token
    store.add_custom_canvas(
        board_id=board_id,
        new=CustomCanvasCreate(title="Nog leeg", zones=[CustomZoneCreate(title="Vak A"), CustomZoneCreate(title="B")]),
        facilitator_token=token,
    )
    person = store.join(board_id=board_id, new=ParticipantCreate(display_name="An", party=Party.CIVIC))
    house = store.load_snapshot(board_id=board_id).zones[0]
    for index in range(house_notes):
        store.add_note(
            board_id=board_id, participant_id=person.id, new=NoteCreate(zone_id=house.id, text=f"Notitie {index}")
        )
    return load_source(store, board_id=board_id)


@pytest.mark.parametrize("language", [Language.NL, Language.EN])
def test_an_empty_canvas_takes_a_short_block_not_a_page(sqlite_store: Store, language: Language) -> None:
    source = board_with_an_empty_canvas(sqlite_store, language, house_notes=0)
    _cover, *pages = pages_of(export(source, "pdf"))
    # Two canvases without notes: both on the page after the cover, each with its heading and what it lacks.
    assert len(pages) == 1, [content_lines(page)[:3] for page in pages]
    (page,) = pages
    assert page.count(t("export.no_notes", language)) == 2
    assert f"2. {source.canvas_title(source.snapshot.canvases[1])}" in page
    assert t("export.empty_canvas_zones", language, zones="Vak A, B") in page


def test_an_empty_canvas_follows_the_notes_of_the_canvas_before_it(sqlite_store: Store) -> None:
    source = board_with_an_empty_canvas(sqlite_store, Language.NL, house_notes=3)
    _cover, *pages = pages_of(export(source, "pdf"))
    assert len(pages) == 1, [content_lines(page)[:3] for page in pages]
    assert "Notitie 2" in pages[0] and "2. Nog leeg" in pages[0]
