"""Both languages are complete, and every key the code asks for exists."""

import re
from pathlib import Path

import pytest

from canvas.i18n import catalog, parse_language, t
from canvas.models import Language, Party

ROOT = Path(__file__).resolve().parent.parent
KEY_IN_CODE = re.compile(
    r'(?<![\w.])t\(\s*"([a-z_]+\.[a-z_.]+)"|"((?:error|participant|screen|start|board|score|radar|library|home|custom)\.(?!css"|js")[a-z_]+)"'
)


def keys_used_in_code() -> set[str]:
    keys = set()
    for path in [*ROOT.joinpath("canvas").rglob("*.py"), ROOT / "app.py"]:
        for match in KEY_IN_CODE.finditer(path.read_text(encoding="utf-8")):
            keys.add(match.group(1) or match.group(2))
    return keys


def test_dutch_and_english_have_the_same_keys() -> None:
    nl, en = set(catalog(Language.NL)), set(catalog(Language.EN))
    assert sorted(nl - en) == [] and sorted(en - nl) == []


def test_every_key_used_in_code_exists() -> None:
    used = keys_used_in_code()
    assert len(used) > 40  # the scan itself works
    missing = sorted(k for k in used if k not in catalog(Language.NL))
    assert missing == []


def test_error_keys_of_domain_errors_exist() -> None:
    from canvas import errors

    for error in vars(errors).values():
        if isinstance(error, type) and issubclass(error, errors.CanvasError):
            assert error.message_key in catalog(Language.EN)


@pytest.mark.parametrize("language", list(Language))
def test_every_party_has_a_name(language: Language) -> None:
    assert all(t(f"party.{p.value}", language) != f"party.{p.value}" for p in Party)


def test_placeholders_are_filled_and_unknown_languages_fall_back_to_dutch() -> None:
    assert t("error.note_too_long", "en", max=280) == "Your note is too long: at most 280 characters."
    assert parse_language("EN ") is Language.EN
    assert parse_language("fr") is Language.NL
    assert t("no.such_key", "nl") == "no.such_key"


@pytest.mark.parametrize("language", list(Language))
def test_placeholders_match_between_languages(language: Language) -> None:
    other = Language.EN if language is Language.NL else Language.NL
    field = re.compile(r"{(\w+)}")
    for key, message in catalog(language).items():
        assert set(field.findall(message)) == set(field.findall(catalog(other)[key])), key
