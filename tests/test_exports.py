"""Every export is complete and labelled: notes, zones, authors (or "anonymous"), scores and comments."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from canvas.charts import PARTY_COLORS
from canvas.content import handbook
from canvas.exports import fonts
from canvas.exports.csv_tables import SEPARATOR, cell_text
from canvas.exports.registry import FORMATS, export, file_name, load_source, slugify
from canvas.exports.schema import SCHEMA_VERSION
from canvas.exports.source import PARTY_EDGE, PARTY_PAPER, ExportSource
from canvas.i18n import t, tn
from canvas.models import DIMENSION_KEYS, CreatedBoard, Language, Note
from canvas.store import Store
from tests.board_samples import rich_board

ROOT = Path(__file__).resolve().parent.parent


RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff]")


def squeeze(text: str) -> str:
    """Text without any whitespace: wrapped lines in a PDF break where a sentence had a space."""
    return re.sub(r"\s+", "", text)


def in_pdf_text(text: str, extracted: str) -> bool:
    """Whether ``text`` is in the PDF's text. Right-to-left words come out of pypdf in visual order
    (reversed), so those are looked up word by word, either way round."""
    text = fonts.printable(text)
    if not RIGHT_TO_LEFT.search(text):
        return squeeze(text) in extracted
    return all(word in extracted or word[::-1] in extracted for word in text.split())


@pytest.fixture
def rich(store: Store) -> CreatedBoard:
    return rich_board(store, notes=30)


@pytest.fixture
def source(store: Store, rich: CreatedBoard) -> ExportSource:
    return load_source(store, board_id=rich.board.id)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def secrets_of(store: Store, source: ExportSource, created: CreatedBoard) -> list[str]:
    return [created.facilitator_token, *(p.id for p in source.participants)]


def test_the_pdf_holds_every_note_zone_author_score_and_comment(store, rich, source) -> None:
    text = squeeze(pdf_text(export(source, "pdf")))
    lang = source.lang
    canvases = {c.id: c for c in source.snapshot.canvases}
    for zone in source.snapshot.zones:
        assert squeeze(fonts.printable(source.zone_title(canvases[zone.canvas_id], zone))) in text
    for note in source.snapshot.notes:
        assert in_pdf_text(note.text, text), note.text
        assert squeeze(fonts.printable(source.author(note))) in text
    assert squeeze(t("join.anonymous", lang)) in text
    for score in source.snapshot.scores:
        if score.comment:
            assert squeeze(fonts.printable(score.comment)) in text
    # Scores are public on this board: each named person's row of levels is in "who scored what".
    for round_ in source.snapshot.rounds:
        for person in source.people.values():
            mine = {s.dimension: s for s in source.snapshot.scores_in(round_.id) if s.participant_id == person.id}
            if person.display_name and mine:
                levels = "".join(str(mine[k].level or "?") if k in mine else "–" for k in DIMENSION_KEYS)
                assert squeeze(fonts.printable(person.display_name)) + levels in text
    for secret in secrets_of(store, source, rich):
        assert secret not in text


def test_the_pdf_shows_each_rounds_summary_and_the_changes(source) -> None:
    text = pdf_text(export(source, "pdf"))
    for round_ in source.snapshot.rounds:
        assert t("export.radar_heading", source.lang, round=source.round_name(round_)) in text
    assert t("radar.compare", source.lang) in text
    assert t("radar.discuss_first", source.lang) in text
    for dimension in handbook().dimensions:
        assert dimension.name(source.lang) in text
    assert f"pagina 1 van {len(PdfReader(io.BytesIO(export(source, 'pdf'))).pages)}" in text
    assert f"Bord {source.board.code}" in text


def test_a_pdf_in_english_for_an_english_board(store: Store) -> None:
    created = rich_board(store, notes=5, language=Language.EN, rounds=1)
    text = pdf_text(export(load_source(store, board_id=created.board.id), "pdf"))
    assert "Workshop report" in text and "Who took part" in text and "page 1 of" in text
    assert "Anonymous" in text


def test_the_first_page_renders_with_pdftoppm(tmp_path: Path, source) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(export(source, "pdf"))
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    (page,) = tmp_path.glob("page*.png")
    image = Image.open(page).convert("L")
    assert image.size[0] > 200
    assert image.getextrema()[0] < 100  # something dark was drawn: the page is not blank


def test_characters_the_font_lacks_become_a_visible_substitute_not_a_crash() -> None:
    assert fonts.printable("Café € 😀") == "Café € 😀"  # DejaVu has these
    assert fonts.printable("中文 👍🏽") == f"{fonts.SUBSTITUTE * 2} {fonts.SUBSTITUTE * 2}"
    assert fonts.printable("a\tb\x00c") == "a b c"
    assert fonts.has_substitutes("中") and not fonts.has_substitutes("é")


def test_the_csv_has_one_labelled_row_per_note_and_per_score(store, rich, source) -> None:
    archive = zipfile.ZipFile(io.BytesIO(export(source, "csv")))
    lang = source.lang
    notes = pd.read_csv(io.BytesIO(archive.read("notities.csv")), sep=SEPARATOR[lang], encoding="utf-8-sig", dtype=str)
    scores = pd.read_csv(io.BytesIO(archive.read("scores.csv")), sep=SEPARATOR[lang], encoding="utf-8-sig", dtype=str)
    assert list(notes.columns[:6]) == [
        t(f"export.col_{k}", lang) for k in ("number", "canvas", "zone", "note", "author", "party")
    ]
    assert len(notes) == len(source.snapshot.notes)
    rows = set(zip(notes[t("export.col_note", lang)], notes[t("export.col_author", lang)], strict=True))
    for note in source.snapshot.notes:
        assert (note.text, source.author(note)) in rows
    assert len(scores) == len(source.snapshot.scores)
    assert set(scores[t("export.col_comment", lang)].dropna()) == {
        s.comment for s in source.snapshot.scores if s.comment
    }
    dimension = {d.key: d.name(lang) for d in handbook().dimensions}
    rows = set(
        zip(
            scores[t("export.col_round", lang)],
            scores[t("export.col_dimension", lang)],
            scores[t("export.col_level", lang)],
            scores[t("export.col_author", lang)],
            strict=True,
        )
    )
    for score in source.snapshot.scores:
        level = str(score.level) if score.level else t("export.dont_know_short", lang)
        expected = (
            str(source.round_number(score.round_id)),
            dimension[score.dimension],
            level,
            source.score_author(score),
        )
        assert expected in rows
    raw = archive.read("notities.csv").decode("utf-8-sig") + archive.read("scores.csv").decode("utf-8-sig")
    for secret in secrets_of(store, source, rich):
        assert secret not in raw


def test_a_formula_in_a_note_stays_text_in_the_csv() -> None:
    from canvas.exports.csv_tables import cell_text

    assert cell_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cell_text("Gewoon") == "Gewoon"


def test_the_json_has_everything_but_no_secret(store, rich, source) -> None:
    raw = export(source, "json").decode("utf-8")
    document = json.loads(raw)
    zone_labels = {z["ref"]: z["label"] for c in document["canvases"] for z in c["zones"]}
    people = {p["ref"]: p["name"] for p in document["participants"]}
    exported = {(zone_labels[n["zone"]], n["text"], people[n["author"]]) for n in document["notes"]}
    canvases = {c.id: c for c in source.snapshot.canvases}
    zones = {z.id: z for z in source.snapshot.zones}
    for note in source.snapshot.notes:
        zone = zones[note.zone_id]
        assert (source.zone_title(canvases[zone.canvas_id], zone), note.text, note.author_name) in exported
    scores = {(s["dimension"], s["level"], s["comment"]) for r in document["rounds"] for s in r["scores"]}
    assert scores == {(s.dimension, s.level, s.comment) for s in source.snapshot.scores}
    for secret in secrets_of(store, source, rich):
        assert secret not in raw
    assert f'"schema_version": {SCHEMA_VERSION}' in raw


def test_png_has_every_canvas_and_every_radar(source) -> None:
    archive = zipfile.ZipFile(io.BytesIO(export(source, "png")))
    names = archive.namelist()
    assert len(names) == len(source.snapshot.canvases) + len(source.snapshot.rounds)
    for name in names:
        image = Image.open(io.BytesIO(archive.read(name)))
        assert image.format == "PNG" and image.size[0] >= 1000
        assert image.convert("L").getextrema()[0] < 100


def test_file_names_carry_the_title_and_date(source) -> None:
    assert slugify("Café Noorderpark — €-plan 2027") == "cafe-noorderpark-plan-2027"
    assert slugify("中文") == "board"
    date = source.exported_at.strftime("%Y-%m-%d")
    assert file_name(source.board.title, source.exported_at, "pdf") == f"cafe-noorderpark-plan-2027-{date}.pdf"
    assert file_name(source.board.title, source.exported_at, "csv") == f"cafe-noorderpark-plan-2027-{date}-csv.zip"
    assert set(FORMATS) == {"pdf", "png", "json", "csv"}


def test_party_colours_match_the_board_and_the_charts() -> None:
    css = (ROOT / "canvas/ui/board_component/board.css").read_text()
    assert {party: color.upper() for party, color in PARTY_COLORS.items()} == PARTY_EDGE
    for party, paper in PARTY_PAPER.items():
        rule = re.search(rf"\.sc-party-{party.value} \{{ background: (#[0-9a-f]+); border-color: (#[0-9a-f]+)", css)
        assert rule and rule.group(1).upper() == paper and rule.group(2).upper() == PARTY_EDGE[party]


def test_the_demo_board_exports_in_every_format(store: Store) -> None:
    from canvas.demo import ensure_demo_board

    board, _token = ensure_demo_board(store)
    source = load_source(store, board_id=board.id)
    for key in FORMATS:
        assert len(export(source, key)) > 1000


def test_exports_carry_groups_dots_and_the_room_and_anonymous_mode_hides_every_name(store: Store) -> None:
    from canvas.exports.csv_tables import notes_table
    from canvas.models import ClusterCreate, FacilitationChange, NoteCreate, Phase

    created = rich_board(store, notes=6, rounds=1)
    board_id, token = created.board.id, created.facilitator_token
    snapshot = store.load_snapshot(board_id=board_id)
    canvas = snapshot.canvases[0]
    first = next(n for n in snapshot.notes if n.zone_id in {z.id for z in snapshot.zones_of(canvas.id)})
    store.create_cluster(
        board_id=board_id,
        canvas_id=canvas.id,
        new=ClusterCreate(title="Kansen", note_ids=[first.id]),
        facilitator_token=token,
    )
    store.add_room_note(
        board_id=board_id, new=NoteCreate(zone_id=first.zone_id, text="Gezegd"), facilitator_token=token
    )
    store.set_phase(board_id=board_id, canvas_id=canvas.id, phase=Phase.VOTE, facilitator_token=token)
    store.cast_vote(board_id=board_id, participant_id=first.participant_id, note_id=first.id)

    table = notes_table(load_source(store, board_id=board_id))
    row = table[table["Notitie"] == first.text].iloc[0]
    assert (row["Groep"], row[t("export.col_votes", Language.NL)]) == ("Kansen", 1)
    assert table[table["Notitie"] == "Gezegd"].iloc[0]["Auteur"] == "Begeleider"

    names = [p.display_name for p in store.participants_of(board_id=board_id) if p.display_name]
    assert names
    store.set_facilitation(board_id=board_id, change=FacilitationChange(anonymous=True), facilitator_token=token)
    source = load_source(store, board_id=board_id)
    for format_key in ("json", "csv"):
        raw = export(source, format_key)
        text = raw.decode("utf-8") if format_key == "json" else _zip_text(raw)
        assert not [name for name in names if name in text], format_key


def _zip_text(raw: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return " ".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())


# --- dots, groups and the facilitator's notes in every export ----------------------------------------------


def voted_board(store: Store, language: Language = Language.NL) -> tuple[CreatedBoard, dict[str, Note]]:
    """A board whose first canvas was voted on: a group "Kansen" of two notes with dots on the group and on
    one of its notes, a note outside the group with a dot, and a note the facilitator wrote for the room."""
    from canvas.models import ClusterCreate, NoteCreate, Phase

    created = rich_board(store, notes=6, rounds=0, language=language)
    board_id, token = created.board.id, created.facilitator_token
    snapshot = store.load_snapshot(board_id=board_id)
    canvas = snapshot.canvases[0]
    on_canvas = {z.id for z in snapshot.zones_of(canvas.id)}
    grouped, also_grouped, alone = [n for n in snapshot.notes if n.zone_id in on_canvas][:3]
    group = store.create_cluster(
        board_id=board_id,
        canvas_id=canvas.id,
        new=ClusterCreate(title="Kansen", note_ids=[grouped.id, also_grouped.id]),
        facilitator_token=token,
    )
    room = store.add_room_note(
        board_id=board_id, new=NoteCreate(zone_id=alone.zone_id, text="Gezegd in de zaal"), facilitator_token=token
    )
    store.set_phase(board_id=board_id, canvas_id=canvas.id, phase=Phase.VOTE, facilitator_token=token)
    first_voter, second_voter = grouped.participant_id, alone.participant_id
    store.cast_vote(board_id=board_id, participant_id=first_voter, cluster_id=group.id)
    store.cast_vote(board_id=board_id, participant_id=second_voter, cluster_id=group.id)
    store.cast_vote(board_id=board_id, participant_id=first_voter, note_id=grouped.id)
    store.cast_vote(board_id=board_id, participant_id=second_voter, note_id=alone.id)
    return created, {"grouped": grouped, "also_grouped": also_grouped, "alone": alone, "room": room}


def notes_csv(source: ExportSource) -> tuple[pd.DataFrame, str]:
    """The notes table read back as a spreadsheet would, and its raw text."""
    archive = zipfile.ZipFile(io.BytesIO(export(source, "csv")))
    raw = archive.read(f"{t('export.file_notes', source.lang)}.csv")
    decimal = "," if source.lang is Language.NL else "."
    table = pd.read_csv(io.BytesIO(raw), sep=SEPARATOR[source.lang], decimal=decimal, encoding="utf-8-sig")
    return table, raw.decode("utf-8-sig")


def test_the_csv_counts_a_notes_dots_as_the_screen_shows_them_and_the_groups_as_the_ranking(store: Store) -> None:
    from canvas.board_view import board_view

    created, notes = voted_board(store)
    source = load_source(store, board_id=created.board.id)
    table, _raw = notes_csv(source)
    lang = source.lang
    by_text = table.set_index(t("export.col_note", lang))
    canvas = source.snapshot.canvases[0]
    drawn = {n["text"]: n["votes"] for n in board_view(source.snapshot, canvas.id, lang, can_drag=False)["notes"]}
    # As on the screen: a note's own dots plus its group's (2 on the group, 1 on the first note, 1 on "alone").
    assert drawn[notes["grouped"].text] == 3 and drawn[notes["also_grouped"].text] == 2
    for text, votes in drawn.items():
        assert by_text.loc[cell_text(text), t("export.col_votes", lang)] == votes, text
    # The group as a whole, as the ranking counts it: the dots on the group and on its notes.
    group_votes = by_text[t("export.col_group_votes", lang)]
    assert group_votes[notes["grouped"].text] == group_votes[notes["also_grouped"].text] == 3
    assert pd.isna(group_votes[notes["alone"].text])


def test_numbers_in_a_dutch_csv_have_a_decimal_comma_and_english_ones_a_point(store: Store) -> None:
    for language, separator, decimal in ((Language.NL, ";", ","), (Language.EN, ",", ".")):
        created = rich_board(store, notes=3, rounds=0, language=language)
        snapshot = store.load_snapshot(board_id=created.board.id)
        first, second = snapshot.notes[0], snapshot.notes[1]
        # Between two notes: a place with a fraction (1.5).
        store.move_note(
            note_id=second.id,
            zone_id=first.zone_id,
            position=first.position + 0.5,
            facilitator_token=created.facilitator_token,
        )
        source = load_source(store, board_id=created.board.id)
        table, raw = notes_csv(source)
        header = raw.splitlines()[0]
        assert header.split(separator)[7] == t("export.col_position", language)
        places = table[t("export.col_position", language)]
        assert places.dtype == float and sorted(places) == sorted(n.position for n in source.snapshot.notes)
        assert f"{separator}{int(first.position)}{decimal}5{separator}" in raw


def test_the_facilitators_notes_say_so_and_claim_no_party(store: Store) -> None:
    from canvas.content import default_canvas
    from canvas.models import BoardCreate, NoteCreate, ParticipantCreate, Party

    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Buurt"))
    board_id, token = created.board.id, created.facilitator_token
    zone = store.load_snapshot(board_id=board_id).zones[0]
    person = store.join(board_id=board_id, new=ParticipantCreate(display_name="Fatima", party=Party.CIVIC))
    store.add_note(board_id=board_id, participant_id=person.id, new=NoteCreate(zone_id=zone.id, text="Van Fatima"))
    store.add_room_note(board_id=board_id, new=NoteCreate(zone_id=zone.id, text="Uit de zaal"), facilitator_token=token)
    source = load_source(store, board_id=board_id)
    lang = source.lang
    other, facilitation = t("party.other", lang), t("facilitation.room_party", lang)

    table, _raw = notes_csv(source)
    room = table[table[t("export.col_note", lang)] == "Uit de zaal"].iloc[0]
    assert (room[t("export.col_author", lang)], room[t("export.col_party", lang)]) == ("Begeleider", facilitation)

    text = pdf_text(export(source, "pdf"))
    assert other not in text  # nobody spoke for "Anders": not in the legend, bylines or the cover
    assert facilitation in text
    assert t("export.participants_total", lang, count=1, anonymous=0) in text  # the facilitator is no participant


def test_the_pdf_shows_groups_dots_and_the_most_voted_per_canvas(store: Store) -> None:
    for language in Language:
        created, _notes = voted_board(store, language)
        source = load_source(store, board_id=created.board.id)
        data = export(source, "pdf")
        text = squeeze(pdf_text(data))
        assert squeeze(t("export.most_dots", language)) in text
        assert squeeze(t("facilitation.board_group", language, name="Kansen")) in text
        for count in (1, 2, 3):
            assert squeeze(tn("export.dots", language, count)) in text, (language, count)
        # Only the canvas that was voted on has a ranking.
        assert text.count(squeeze(t("export.most_dots", language))) == 1
