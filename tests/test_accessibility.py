"""Accessibility audit: axe-core in Debian's Chromium over every page, in Dutch and English, at phone and
projector width. No serious or critical violation may remain; each page says its own language (``<html lang>``)
and has its own title.

axe-core comes from npm, pinned in scripts/install-dev, into the git-ignored .tools/ folder. When it is
missing these tests fail: an audit that silently skips is no audit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.content import default_canvas
from canvas.demo import ensure_demo_board
from canvas.i18n import t
from canvas.models import BoardCreate, Language, NoteCreate, ParticipantCreate, Party, Phase
from canvas.store import Store
from tests.browser import PHONE, PROJECTOR

ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
WIDTHS = {"phone": PHONE, "projector": PROJECTOR}
PAGE_TIMEOUT_MS = 45_000  # generous: a busy 2-core machine loads widget code slowly
LOADING = "[data-testid=stSkeleton], [data-testid=stSkeletonElement]"

# Every page a person can reach, with the nav title its browser tab carries ({code}, {token}, ... filled in).
PAGES = {
    "start": ("/", "nav.start"),
    "join": ("/join?board={code}", "nav.join"),
    "participant": ("/join?board={code}&p={participant}", "nav.join"),  # a round is open: scoring
    "participant-notes": ("/join?board={plain_code}&p={plain_participant}", "nav.join"),  # the note form
    "participant-vote": ("/join?board={vote_code}&p={vote_participant}", "nav.join"),  # dots, own notes
    "console": ("/console?board={code}&f={token}", "nav.console"),
    "presentation": ("/presentation?board={code}&v={viewer}", "nav.presentation"),
    "radar": ("/radar?board={code}&f={token}", "nav.radar"),
    "radar-presentation": ("/radar?board={code}&v={viewer}&view=presentation&parties=1", "nav.radar"),
    "library": ("/library", "nav.library"),
    "tool": ("/library?tool=experiment_canvas", "nav.library"),
    "export": ("/export?board={code}&f={token}", "nav.export"),
    "accessibility": ("/accessibility", "nav.accessibility"),
    "privacy": ("/privacy", "nav.privacy"),
}


CASES = [
    pytest.param(name, language, width, id=f"{name}-{language}-{width}")
    for width in WIDTHS
    for language in ("nl", "en")
    for name in PAGES
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run scripts/install-dev", pytrace=False)
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo(live_app: tuple[str, str]) -> Iterator[dict[str, str]]:
    """The demo board (notes, two scoring rounds, names shown) with a participant, and a plain board (no round,
    so its phone shows the note form) with a participant."""
    store = Store(live_app[1])
    board, token = ensure_demo_board(store)
    store.set_scores_public(board_id=board.id, public=True, facilitator_token=token)
    participant = store.join(board_id=board.id, new=ParticipantCreate(display_name="Sam", party=Party.CIVIC))
    plain = store.create_board(
        first_canvas=default_canvas(), new=BoardCreate(title="Buurtenergie Noord")
    ).board  # no round: the note form
    plain_participant = store.join(board_id=plain.id, new=ParticipantCreate(display_name="Noor"))
    # A board in the vote: the phone lists the notes with their "+" and "−", and the person's own notes.
    voting = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Stemmen maar"))
    vote_board = voting.board
    vote_participant = store.join(board_id=vote_board.id, new=ParticipantCreate(display_name="Ilse"))
    zone_id = store.load_snapshot(board_id=vote_board.id).zones[0].id
    for text in ("Een buurtfonds", "Open begroting"):
        store.add_note(
            board_id=vote_board.id, participant_id=vote_participant.id, new=NoteCreate(zone_id=zone_id, text=text)
        )
    canvas_id = store.load_snapshot(board_id=vote_board.id).active_canvas.id
    store.set_phase(
        board_id=vote_board.id, canvas_id=canvas_id, phase=Phase.VOTE, facilitator_token=voting.facilitator_token
    )
    yield {
        "code": board.code,
        "token": token,
        "participant": participant.id,
        "viewer": store.viewer_key(board_id=board.id),
        "plain_code": plain.code,
        "plain_participant": plain_participant.id,
        "vote_code": vote_board.code,
        "vote_participant": vote_participant.id,
    }
    store.close()


@pytest.fixture(scope="module")
def tabs(chromium: Browser) -> Iterator[dict[str, Page]]:
    """One browser tab per width, reused by every case (a new context per page would double the run time)."""
    contexts = {width: chromium.new_context(**device) for width, device in WIDTHS.items()}
    yield {width: context.new_page() for width, context in contexts.items()}
    for context in contexts.values():
        context.close()


def open_page(page: Page, base: str, demo: dict[str, str], name: str, language: str) -> None:
    path = PAGES[name][0].format(**demo)
    page.goto(base + path + ("&" if "?" in path else "?") + f"lang={language}")
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(timeout=PAGE_TIMEOUT_MS)
    page.locator("[data-testid=stMainBlockContainer] > div").first.wait_for(timeout=PAGE_TIMEOUT_MS)
    if name in ("console", "presentation"):
        page.locator(".sc-zone").first.wait_for(timeout=PAGE_TIMEOUT_MS)  # the board component has drawn
    if name.startswith("participant"):
        page.locator(".sc-phone[data-revision]").wait_for(timeout=PAGE_TIMEOUT_MS)  # the phone has drawn
    if name.startswith("radar"):
        page.locator("[data-testid=stPlotlyChart] .main-svg").first.wait_for(state="attached", timeout=PAGE_TIMEOUT_MS)
    # Open every expander: what sits in a closed one (the console's links, the radar's tables) is audited too.
    closed = page.locator("[data-testid=stExpander] details:not([open]) > summary")
    for _ in range(closed.count()):
        closed.first.click()
    # Streamlit loads a widget's code on first use and shows a grey placeholder meanwhile: audit the real thing.
    expect(page.locator(LOADING)).to_have_count(0, timeout=PAGE_TIMEOUT_MS)


def run_axe(page: Page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    """A readable list: rule, impact, what it means, then each offending element and why."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"][:8]:
            why = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {' > '.join(map(str, node['target']))}\n        {why[:300]}")
    return "\n".join(lines)


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("name", "language", "width"), CASES)
def test_every_page_says_its_language_and_has_no_serious_axe_violation(
    tabs: dict[str, Page], live_app: tuple[str, str], demo: dict[str, str], axe_source: str, name, language, width
) -> None:
    """Two audits on one page load (loading is most of the time): the language test, then axe."""
    page = tabs[width]
    open_page(page, live_app[0], demo, name, language)
    # The page language matches the UI language, and the tab carries the page's own title.
    expect(page.locator("html")).to_have_attribute("lang", language, timeout=PAGE_TIMEOUT_MS)
    title = t("common.tab_title", Language(language), page=t(PAGES[name][1], Language(language)))
    expect(page).to_have_title(title, timeout=PAGE_TIMEOUT_MS)
    violations = run_axe(page, axe_source)
    assert violations == [], f"{name} ({language}, {width}):\n{describe(violations)}"


def test_an_english_board_opened_without_a_language_choice_is_english(
    tabs: dict[str, Page], live_app: tuple[str, str]
) -> None:
    """No ``lang`` in the join link: the page is in the board's language, and says so."""
    store = Store(live_app[1])
    try:
        created = store.create_board(
            first_canvas=default_canvas(), new=BoardCreate(title="Harbour", language=Language.EN)
        )
    finally:
        store.close()
    page = tabs["phone"]
    page.goto(f"{live_app[0]}/join?board={created.board.code}")
    expect(page.get_by_role("button", name="Join in")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_title(re.compile(r"^Join · "))
