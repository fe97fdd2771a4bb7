"""Helpers for browser tests of the participant's phone (canvas/ui/phone.py, phone.js).

The phone draws itself in the browser from its live messages: tests wait on what it draws (its
``data-revision``, its phase, a text), never on a Streamlit rerun, which the phone no longer asks for.
Playwright's role locators reach into the element's shadow root.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

PHONE_ROOT = ".sc-phone"
LIVE_TIMEOUT_MS = 20_000  # a wait, not a timing claim: the machine is shared and busy

# Counts the Streamlit script runs of a page from now on: each run turns the app's script state to "running".
COUNT_SCRIPT_RUNS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  window.__scriptRuns = 0;
  new MutationObserver(() => {
    if (app.dataset.testScriptState === 'running') window.__scriptRuns += 1;
  }).observe(app, { attributes: true, attributeFilter: ['data-test-script-state'] });
}"""


def open_phone(page: Page, base: str, code: str, participant_id: str, *, language: str | None = None) -> Page:
    """Open a participant's page and wait until the phone has drawn its first message."""
    suffix = f"&lang={language}" if language else ""
    page.goto(f"{base}/join?board={code}&p={participant_id}{suffix}")
    page.wait_for_selector(f"{PHONE_ROOT}[data-revision]", timeout=LIVE_TIMEOUT_MS)
    return page


def phone_revision(page: Page) -> int:
    return int(page.locator(PHONE_ROOT).get_attribute("data-revision") or -1)


def wait_for_revision(page: Page, revision: int) -> None:
    """Wait until the phone has drawn the board at ``revision`` or later (phone.js mirrors the revision it
    drew on ``window.__scPhoneRevision``, outside its shadow root)."""
    page.wait_for_function("r => (window.__scPhoneRevision ?? -1) >= r", arg=revision, timeout=LIVE_TIMEOUT_MS)


def pick_zone(page: Page, title: str) -> None:
    page.get_by_role("radio", name=title, exact=True).check()


def write_note(page: Page, text: str, *, zone: str | None = None, send: bool = True) -> None:
    """Type a note (in ``zone`` if given) and send it; waits for the phone's answer when sending."""
    if zone is not None:
        pick_zone(page, zone)
    box = page.get_by_role("textbox", name="Je notitie", exact=False)
    box.fill(text)
    if send:
        page.get_by_role("button", name="Plak op het bord").click()
        expect(page.locator(f"{PHONE_ROOT} .sc-form .sc-line")).to_be_visible(timeout=LIVE_TIMEOUT_MS)


def start_counting_script_runs(page: Page) -> None:
    page.evaluate(COUNT_SCRIPT_RUNS)


def script_runs(page: Page) -> int:
    return int(page.evaluate("window.__scriptRuns"))
