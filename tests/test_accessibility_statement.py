"""The accessibility statement page (AppTest), in both languages: it follows the Dutch model statement, claims
no status it has not earned, always says whom to tell, names a WCAG criterion for every gap, never shows a
setting's name to a citizen, and claims no gap the app has closed."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from canvas.models import Language
from canvas.numbers import long_date
from canvas.store import Store
from canvas.text import escape_markdown
from canvas.ui import accessibility_page, context
from canvas.ui.screens import Screen
from tests.test_app import open_page

HEADINGS = {
    # language: (title, the gaps' heading, the contact's heading)
    "nl": ("Toegankelijkheidsverklaring", "Wat nog niet voldoet", "Contact"),
    "en": ("Accessibility statement", "What does not conform yet", "Contact"),
}
# The statuses of the Dutch register of accessibility statements (digitoegankelijk.nl), each with its label.
REGISTER_STATUSES = {
    "nl": {
        "A": "voldoet volledig",
        "B": "voldoet gedeeltelijk",
        "C": "eerste maatregelen genomen",
        "D": "geen maatregelen genomen",
        "E": "voldoet niet",
    },
    "en": {
        "A": "fully compliant",
        "B": "partially compliant",
        "C": "first measures taken",
        "D": "no measures taken",
        "E": "not compliant",
    },
}
# Whom a person can always tell, with no setting filled in.
DEFAULT_ROUTE = {
    "nl": ("de begeleider van je sessie", "de organisatie die deze app aanbiedt"),
    "en": ("your session's facilitator", "the organisation that offers this app"),
}
# Gaps the app has closed, with the test that shows it: the statement must not claim them again.
CLOSED_GAPS = {
    "nl": ("alleen door te slepen", "vakken hebben voor een schermlezer nog geen naam",
           "nieuwe notities worden niet voorgelezen", "de QR-code op de presentatie heeft nog geen tekstalternatief",
           "heet de knop bij elk van je eigen notities hetzelfde", "en zijn daardoor Engels"),
    "en": ("only be moved by dragging", "zones have no name for a screen reader", "new notes are not announced",
           "the QR code on the presentation has no text alternative", "has the same name",
           "are therefore in English"),
}  # fmt: skip
# test_browser_board_a11y (keyboard move, zone names, the presentation's announcements and QR text),
# test_browser_console_pointer (a move by taps alone), phone.js (each own note's button names its note),
# test_browser_page_words (no Streamlit English on Dutch pages).
CRITERION = re.compile(r"\b[1-4]\.\d{1,2}\.\d{1,2}\b")


def page_text(language: str) -> str:
    at: AppTest = open_page(Screen.ACCESSIBILITY.script, lang=language)
    assert not at.exception
    assert at.title[0].value == HEADINGS[language][0]
    return "\n".join(block.value for block in at.markdown)


def section(text: str, heading: str) -> str:
    """The text under the heading ``heading`` (level 2 or 3) up to the next heading."""
    match = re.search(rf"^###? {re.escape(heading)}\n(.*?)(?=^###? |\Z)", text, flags=re.M | re.S)
    assert match, f"no section '{heading}'"
    return match.group(1)


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> str:
    return request.param


def test_the_statement_has_its_date_and_says_what_does_not_conform_yet(app_store: Store, language: str) -> None:
    text = page_text(language)
    assert long_date(accessibility_page.STATEMENT_DATE, Language(language)) in text
    assert section(text, HEADINGS[language][1]).strip()


@pytest.mark.parametrize("contact", [None, "toegankelijkheid@gemeente.example"])
def test_no_setting_is_named_to_citizens(
    app_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, contact: str | None
) -> None:
    """The operator's hint (which setting to fill in) is in the README, never on the page."""
    if contact:
        monkeypatch.setenv("CANVAS_ACCESSIBILITY_CONTACT", contact)
    context.get_settings.clear()
    text = page_text(language)
    assert not re.search(r"CANVAS_\w+|accessibility_contact", text, flags=re.I)


def test_the_status_is_one_of_the_registers_and_earned(app_store: Store, language: str) -> None:
    """Without an audit by an expert the register allows C at best: A and B need one."""
    text = page_text(language)
    match = re.search(r"\*\*Status:\*\* ([A-E]) – ([^.\n]+)", text)
    assert match, "the status is not given as the register's letter and label"
    letter, label = match.groups()
    assert label == REGISTER_STATUSES[language][letter]
    if accessibility_page.EXPERT_AUDIT_DATE is None:
        assert letter not in "AB", f"status {letter} claimed without an expert audit"


@pytest.mark.parametrize("contact", [None, "https://gemeente.example/toegankelijkheid"])
def test_the_contact_section_always_gives_a_route(
    app_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, contact: str | None
) -> None:
    if contact:
        monkeypatch.setenv("CANVAS_ACCESSIBILITY_CONTACT", contact)
    context.get_settings.clear()
    route = section(page_text(language), HEADINGS[language][2])
    for words in DEFAULT_ROUTE[language]:
        assert words in route
    if contact:
        assert escape_markdown(contact) in route  # the host's text, shown as text


def test_every_gap_names_a_wcag_criterion(app_store: Store, language: str) -> None:
    gaps = re.findall(r"^- (.+?)(?=^- |\Z)", section(page_text(language), HEADINGS[language][1]), flags=re.M | re.S)
    assert len(gaps) >= 2  # the PDF and text spacing, at the time of writing: the parse finds the items
    for gap in gaps:
        assert CRITERION.search(gap), f"no WCAG criterion in: {gap[:80]}"


def test_both_languages_list_the_same_gaps(app_store: Store) -> None:
    criteria = {
        language: CRITERION.findall(section(page_text(language), HEADINGS[language][1])) for language in HEADINGS
    }
    assert criteria["nl"] == criteria["en"]


def test_no_gap_is_claimed_that_the_app_has_closed(app_store: Store, language: str) -> None:
    text = " ".join(page_text(language).split())
    for phrase in CLOSED_GAPS[language]:
        assert phrase not in text, f"the statement still claims a closed gap: '{phrase}'"
