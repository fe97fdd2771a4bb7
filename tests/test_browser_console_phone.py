"""The facilitator's console on a phone (390 px wide), in Debian's Chromium: every phase of the step can be
seen and pressed without scrolling sideways, in Dutch and English. Screenshots at 390 and 1920 px go to
test-artifacts/console/ (git-ignored) for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.content import default_canvas
from canvas.i18n import t
from canvas.models import BoardCreate, CreatedBoard, Language, Phase
from canvas.store import Store
from tests.browser import PHONE, PROJECTOR, live_store, screen_url, wait_until  # noqa: F401 - live_store is the store fixture

TIMEOUT_MS = 20_000  # a wait on state, not a timing claim: the machine is shared and busy
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "console"
ALL_PHASES = (Phase.OPEN, Phase.WRITE, Phase.REVEAL, Phase.VOTE, Phase.DISCUSS)

# Each option of the phase control: its box, and whether a box that clips its overflow (a scroller) cuts it.
OPTION_BOXES = """(label) => {
  const group = [...document.querySelectorAll("[role=radiogroup]")]
    .find((g) => g.getAttribute("aria-label") === label);
  if (!group) return null;
  return [...group.querySelectorAll("[role=radio]")].map((option) => {
    const box = option.getBoundingClientRect();
    let clipped = false;
    for (let parent = option.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const frame = parent.getBoundingClientRect();
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) clipped = true;
    }
    return {text: option.textContent.trim(), left: box.left, right: box.right, top: box.top, clipped};
  });
}"""


def board_in(store: Store, phase: Phase, language: Language) -> CreatedBoard:
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Wijkenergie", language=language))
    canvas = store.load_snapshot(board_id=created.board.id).active_canvas
    store.set_phase(
        board_id=created.board.id, canvas_id=canvas.id, phase=phase, facilitator_token=created.facilitator_token
    )
    return created


def open_console(browser: Browser, base: str, created: CreatedBoard, language: Language, device: dict) -> Page:
    page = browser.new_context(**device).new_page()
    page.goto(f"{screen_url(base, created, facilitator=True)}&lang={language.value}")
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    label = t("facilitation.phase_label", language)
    expect(page.get_by_role("radiogroup", name=label)).to_be_visible(timeout=TIMEOUT_MS)
    return page


@pytest.mark.parametrize("language", [Language.NL, Language.EN], ids=lambda language: language.value)
def test_every_phase_is_in_view_on_a_phone(
    chromium: Browser, live_app: tuple[str, str], store: Store, language: Language
) -> None:
    base, _ = live_app
    # Discussion, the last option: a control that scrolls shows it and hides the first ("Vrij schrijven").
    created = board_in(store, Phase.DISCUSS, language)
    phone = open_console(chromium, base, created, language, PHONE)
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SHOTS / f"console-390-{language.value}.png"), full_page=True)
        width = phone.evaluate("() => document.documentElement.clientWidth")
        assert width == 390
        options = phone.evaluate(OPTION_BOXES, t("facilitation.phase_label", language))
        assert [o["text"] for o in options] == [t(f"facilitation.phase_{p.value}", language) for p in ALL_PHASES]
        for option in options:
            assert option["left"] >= 0 and option["right"] <= width, option
            assert not option["clipped"], option
        # And it can be pressed: the first phase, by its name.
        first = t("facilitation.phase_open", language)
        phone.get_by_role("radio", name=first, exact=True).click()
        wait_until(
            lambda: store.load_snapshot(board_id=created.board.id).active_canvas.phase is Phase.OPEN,
            what="the first phase, chosen on the phone",
        )
    finally:
        phone.context.close()


@pytest.mark.parametrize("language", [Language.NL, Language.EN], ids=lambda language: language.value)
def test_the_phase_control_on_a_wide_screen(
    chromium: Browser, live_app: tuple[str, str], store: Store, language: Language
) -> None:
    base, _ = live_app
    created = board_in(store, Phase.VOTE, language)
    console = open_console(chromium, base, created, language, PROJECTOR)
    try:
        options = console.evaluate(OPTION_BOXES, t("facilitation.phase_label", language))
        # On one line, side by side, as a segmented control.
        assert len({round(o["top"]) for o in options}) == 1, options
        assert all(not o["clipped"] for o in options)
        SHOTS.mkdir(parents=True, exist_ok=True)
        console.screenshot(path=str(SHOTS / f"console-1920-{language.value}.png"))
    finally:
        console.context.close()
