"""A whole facilitated session in Chromium: the facilitator's console, the presentation and three phones go
write -> reveal -> vote -> discuss, driven only through the pages (the store is read, never written, here).

Checked on the way: private notes reach neither other phones nor the presentation (its DOM and its live
stream), a locked board refuses a note with a message, the discussion orders notes by votes, and the
presentation never holds or requests the facilitator's secret. Screenshots of every phase go to
test-artifacts/session/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from canvas.content import default_canvas
from canvas.i18n import t
from canvas.models import BoardCreate, Language, Phase
from canvas.store import Store, viewer_key_for
from tests.browser import PHONE, PROJECTOR, live_store, screen_url, wait_until  # noqa: F401 - live_store is the store fixture
from tests.phone import PHONE_ROOT, pick_zone

LIVE_TIMEOUT_MS = 20_000  # a wait, not a timing claim: the machine is shared and busy
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "session"
PEOPLE = (("Amira", "Bewonersinitiatief"), ("Bas", "Overheid"), ("Chen", "Financier"))


def shot(page: Page, name: str) -> None:
    """The page, or on a phone the phone's element whole (Streamlit's page scrolls inside itself, so a
    full-page picture of a phone stops at the window)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone = page.locator(PHONE_ROOT)
    if phone.count():
        phone.screenshot(path=str(SHOTS / f"{name}.png"))
    else:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def join(browser: Browser, base: str, code: str, name: str, party: str) -> Page:
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/join?board={code}")
    phone.get_by_role("textbox", name="Je naam (niet verplicht)").fill(name)
    phone.get_by_text(party, exact=True).click()
    phone.get_by_role("button", name="Doe mee").click()
    expect(phone.get_by_text(f"Je doet mee als {name}", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    return phone


def write_note(phone: Page, zone: str, text: str) -> None:
    pick_zone(phone, zone)
    phone.get_by_role("textbox", name="Je notitie").fill(text)
    phone.get_by_role("button", name="Plak op het bord").click()
    expect(phone.get_by_text("Je notitie staat op het bord.")).to_be_visible(timeout=LIVE_TIMEOUT_MS)


def next_phase(console: Page, store: Store, board_id: int, expected: Phase) -> None:
    # By its whole name: while the console redraws, the button of the step before may still be on the page.
    label = t(f"facilitation.phase_{expected.value}", Language.NL)
    console.get_by_role("button", name=f"Volgende fase: {label}", exact=True).click()
    wait_until(lambda: store.load_snapshot(board_id=board_id).active_canvas.phase is expected, what=expected.value)
    console.wait_for_selector(IDLE)


def settled(console: Page, *, checked: bool) -> None:
    """The console is idle with one lock switch, drawn from the store (while it reruns, the switch drawn before
    the change and the new one are both on the page): checked in one look, so no half-state passes."""
    console.wait_for_function(
        """(checked) => {
            const app = document.querySelector("[data-testid=stApp]");
            const switches = [...document.querySelectorAll("input[role=switch]")]
                .filter((s) => (s.getAttribute("aria-label") || "").startsWith("Bord op slot"));
            return app && app.dataset.testScriptState === "notRunning"
                && switches.length === 1 && switches[0].checked === checked;
        }""",
        arg=checked,
        timeout=LIVE_TIMEOUT_MS,
    )


def page_text(page: Page) -> str:
    """Everything the page holds, shadow roots (the board component) included."""
    return page.content() + page.evaluate(
        "() => [...document.querySelectorAll('*')].filter((n) => n.shadowRoot)"
        ".map((n) => n.shadowRoot.innerHTML).join('')"
    )


def first_stream_message(base: str, code: str, viewer_key: str) -> str:
    url = f"{base}/events/{code}?v={viewer_key}&kind=screen&lang=nl"
    with urllib.request.urlopen(url, timeout=10) as stream:
        for raw in stream:
            line = raw.decode("utf-8")
            if line.startswith("data:"):
                return line
    raise AssertionError("the stream ended without a message")


def test_a_facilitated_session_from_private_writing_to_discussion(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    base, _ = live_app
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Wijkenergie"))
    board_id, code, token = created.board.id, created.board.code, created.facilitator_token
    requested: list[str] = []
    contexts = []
    try:
        console = chromium.new_context(**PROJECTOR).new_page()
        contexts.append(console.context)
        console.goto(screen_url(base, created, facilitator=True))
        console.wait_for_selector(IDLE)
        presentation = chromium.new_context(**PROJECTOR).new_page()
        contexts.append(presentation.context)
        presentation.on("request", lambda request: requested.append(request.url))
        presentation.goto(screen_url(base, created))
        expect(presentation.locator(".sc-zone")).to_have_count(8, timeout=LIVE_TIMEOUT_MS)
        phones = [join(chromium, base, code, name, party) for name, party in PEOPLE]
        contexts.extend(phone.context for phone in phones)

        # Write, privately.
        next_phase(console, store, board_id, Phase.WRITE)
        for phone in phones:
            step = phone.locator(f"{PHONE_ROOT} .sc-step")  # (the live region says it too)
            expect(step.get_by_text("Je schrijft nu voor jezelf", exact=False)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        secrets_written = {
            "Amira": ("Gedeelde doelen", "Samen goedkope stroom"),
            "Bas": ("Gedeelde doelen", "Een loket bij de gemeente"),
            "Chen": ("Governance", "Ledenraad met vaste zetels"),
        }
        for phone, (name, _party) in zip(phones, PEOPLE, strict=True):
            write_note(phone, *secrets_written[name])
        wait_until(lambda: len(store.load_snapshot(board_id=board_id).notes) == 3, what="three notes stored")
        expect(presentation.locator(".sc-board")).to_have_attribute(
            "data-revision", str(store.get_revision(board_id=board_id)), timeout=LIVE_TIMEOUT_MS
        )
        expect(presentation.get_by_text("2 geschreven, nog niet zichtbaar")).to_be_visible()
        shot(presentation, "1-write-presentation")
        shot(phones[0], "1-write-phone")
        on_presentation = page_text(presentation)
        stream = first_stream_message(base, code, viewer_key_for(token))
        for _zone, text in secrets_written.values():
            assert text not in on_presentation and text not in stream
        amira = page_text(phones[0])
        assert "Samen goedkope stroom" in amira
        assert "Een loket bij de gemeente" not in amira and "Ledenraad met vaste zetels" not in amira

        # The lock: a phone's note is refused, with a message, and nothing is stored.
        lock_label = console.get_by_text("Bord op slot", exact=False)
        lock_label.click()
        wait_until(lambda: store.get_board(board_id=board_id).locked, what="the lock")
        settled(console, checked=True)
        expect(phones[2].locator(f"{PHONE_ROOT} .sc-lock")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        phones[2].get_by_role("textbox", name="Je notitie", exact=False).fill("Nog eentje")
        expect(phones[2].get_by_role("button", name="Plak op het bord")).to_be_disabled()
        shot(phones[2], "2-locked-phone")
        assert len(store.load_snapshot(board_id=board_id).notes) == 3
        lock_label.click()
        wait_until(lambda: not store.get_board(board_id=board_id).locked, what="the unlock")
        settled(console, checked=False)

        # Reveal: every note on the presentation.
        next_phase(console, store, board_id, Phase.REVEAL)
        for _zone, text in secrets_written.values():
            expect(presentation.locator(".sc-note", has_text=text)).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        shot(presentation, "3-reveal-presentation")

        # Vote: Bas's note gets three dots, Chen's one.
        next_phase(console, store, board_id, Phase.VOTE)
        ballots = {0: ["Een loket bij de gemeente", "Ledenraad met vaste zetels"], 1: ["Een loket bij de gemeente"]}
        ballots[2] = ["Een loket bij de gemeente"]
        for index, choices in ballots.items():
            phone = phones[index]
            expect(phone.locator(f"{PHONE_ROOT} .sc-list")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
            for dots_used, text in enumerate(choices, start=1):
                phone.get_by_role("button", name=f"Stip erbij: {text}", exact=True).click()
                left = 3 - dots_used
                said = "Je hebt nog 1 stip over." if left == 1 else f"Je hebt nog {left} stippen over."
                expect(phone.locator("#sc-dots-left")).to_have_text(said, timeout=LIVE_TIMEOUT_MS)
        shot(phones[0], "4-vote-phone")
        loket = presentation.locator(".sc-note", has_text="Een loket bij de gemeente")
        expect(loket.locator(".sc-note-votes")).to_have_text("3", timeout=LIVE_TIMEOUT_MS)
        shot(presentation, "4-vote-presentation")

        # Discuss: the most voted note comes first in its zone, on the presentation and in the phone's ranking.
        next_phase(console, store, board_id, Phase.DISCUSS)
        goals = presentation.locator(".sc-zone[data-zone-key=goals] .sc-note")
        expect(goals.first).to_contain_text("Een loket bij de gemeente", timeout=LIVE_TIMEOUT_MS)
        expect(goals.nth(1)).to_contain_text("Samen goedkope stroom")
        ranking = phones[0].locator(f"{PHONE_ROOT} .sc-list .sc-item")
        expect(ranking.first).to_contain_text("#1 · 3 stemmen", timeout=LIVE_TIMEOUT_MS)
        expect(ranking.first).to_contain_text("Een loket bij de gemeente")
        shot(presentation, "5-discuss-presentation")
        shot(phones[0], "5-discuss-phone")
        shot(console, "5-discuss-console")

        # The projector never held nor asked for the facilitator's secret.
        assert token not in page_text(presentation)
        assert [url for url in requested if token in url] == []
    finally:
        for context in contexts:
            context.close()
