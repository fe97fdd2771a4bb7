"""The export page in Debian's Chromium: each download button gives a file that opens."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from canvas.demo import ensure_demo_board, make_demo_copy
from canvas.exports.schema import parse_document
from canvas.models import Language
from canvas.store import Store
from tests.browser import PROJECTOR, HeldRedraw, live_store  # noqa: F401 - live_store is the store fixture

TIMEOUT_MS = 30_000  # the PDF is made when its button is pressed


def test_the_export_buttons_download_files_that_open(
    chromium: Browser, live_app: tuple[str, str], store: Store, tmp_path: Path
) -> None:
    base, _ = live_app
    board, token = ensure_demo_board(store)
    context = chromium.new_context(**PROJECTOR, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(f"{base}/export?board={board.code}&f={token}")
        expect(page.get_by_role("heading", name="Verslag en export: Noorderpark (voorbeeld)")).to_be_visible(
            timeout=TIMEOUT_MS
        )
        buttons = page.get_by_role("button", name="Downloaden")
        expect(buttons).to_have_count(4, timeout=TIMEOUT_MS)
        files = {}
        for index in range(4):
            with page.expect_download(timeout=TIMEOUT_MS) as download:
                buttons.nth(index).click()
            target = tmp_path / download.value.suggested_filename
            download.value.save_as(target)
            files[target.suffix + (target.stem.rsplit("-", 1)[-1] if target.suffix == ".zip" else "")] = target
        # Carry on from the board file: the start page makes a new board and opens it for its facilitator.
        page.goto(f"{base}/")
        page.get_by_text("Verder met een bordbestand").click()
        page.locator("input[type=file]").set_input_files(str(files[".json"]))
        page.get_by_role("button", name="Nieuw bord maken uit dit bestand").click()
        page.wait_for_url(re.compile(r"/console\?board=[A-Z0-9]{6}&f="), timeout=TIMEOUT_MS)
        new_code = re.search(r"board=([A-Z0-9]{6})", page.url).group(1)
    finally:
        context.close()

    assert new_code != board.code
    assert len(store.load_snapshot(board_id=store.find_board(code=new_code).id).notes) == 18
    assert set(files) == {".pdf", ".zippng", ".zipcsv", ".json"}
    assert all(path.name.startswith("noorderpark-voorbeeld-") for path in files.values())
    reader = PdfReader(files[".pdf"])
    assert len(reader.pages) >= 5 and "Noorderpark (voorbeeld)" in reader.pages[0].extract_text()
    document = parse_document(files[".json"].read_bytes())
    assert len(document.notes) == 18 and document.board.title == "Noorderpark (voorbeeld)"
    assert token not in files[".json"].read_text()
    with zipfile.ZipFile(files[".zippng"]) as archive:
        assert len([n for n in archive.namelist() if n.endswith(".png")]) == 5
    with zipfile.ZipFile(files[".zipcsv"]) as archive:
        notes = archive.read("notities.csv").decode("utf-8-sig")
        assert len(notes.strip().splitlines()) == 19  # a header and 18 notes
    json.loads(files[".json"].read_text())


def test_the_page_says_a_file_is_being_made_while_it_is(
    chromium: Browser, live_app: tuple[str, str], store: Store, tmp_path: Path
) -> None:
    """Issue #23: a PDF takes seconds to make, and the page showed no sign of it (a greyed button at most). The
    server's answer is held here, so the file is 'being made' for as long as the test looks."""
    base, _ = live_app
    # A visitor's own copy: the module's first test made the shared demo board, whose token only its maker has.
    copy = make_demo_copy(store, language=Language.NL, lifetime=timedelta(hours=1))
    board, token = copy.board, copy.facilitator_token
    context = chromium.new_context(**PROJECTOR, accept_downloads=True)
    try:
        page = context.new_page()
        gate = HeldRedraw(page)
        page.goto(f"{base}/export?board={board.code}&f={token}")
        pdf = page.get_by_role("button", name="PDF downloaden")
        expect(pdf).to_be_enabled(timeout=TIMEOUT_MS)
        page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(timeout=TIMEOUT_MS)
        status = page.get_by_role("status").filter(has_text="Verslag (PDF) wordt gemaakt")
        expect(status).to_have_count(0)
        gate.hold()
        with page.expect_download(timeout=TIMEOUT_MS) as download:
            pdf.click()
            expect(status).to_be_visible(timeout=TIMEOUT_MS)
            gate.release()
        assert download.value.suggested_filename.endswith(".pdf")
        expect(status).to_have_count(0, timeout=TIMEOUT_MS)
    finally:
        context.close()
