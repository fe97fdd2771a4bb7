"""The accessibility statement page (AppTest): both languages, its date, and the host's contact or a clear
placeholder when the host has not filled one in."""

from __future__ import annotations

import pytest

from canvas.store import Store
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.screens import Screen
from tests.test_app import open_page


@pytest.mark.parametrize(
    ("language", "title", "date", "gap"),
    [
        ("nl", "Toegankelijkheidsverklaring", "28 november 2026", "Wat nog niet voldoet"),
        ("en", "Accessibility statement", "28 November 2026", "What does not conform yet"),
    ],
)
def test_the_statement_says_what_conforms_and_what_not_yet(
    app_store: Store, language: str, title: str, date: str, gap: str
) -> None:
    at = open_page(Screen.ACCESSIBILITY.script, lang=language)
    assert not at.exception
    assert at.title[0].value == title
    text = "\n".join(block.value for block in at.markdown)
    assert date in text and gap in text
    assert "CANVAS_ACCESSIBILITY_CONTACT" in text  # no contact set: the statement says the host must fill it in


def test_the_hosts_contact_is_shown(app_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANVAS_ACCESSIBILITY_CONTACT", "toegankelijkheid@gemeente.example")
    context.get_settings.clear()
    at = open_page(Screen.ACCESSIBILITY.script)
    text = "\n".join(block.value for block in at.markdown)
    assert escape_markdown("toegankelijkheid@gemeente.example") in text  # the host's text, shown as text
    assert "CANVAS_ACCESSIBILITY_CONTACT" not in text
