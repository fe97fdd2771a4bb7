"""One name per screen (canvas/ui/screens.py): its page body, its parts, its URL, its words and its menu title."""

import ast
import tomllib
from pathlib import Path

import pytest

from canvas.ui.screens import OLD_URL_PATHS, Screen

ROOT = Path(__file__).resolve().parent.parent
SCREENS = list(Screen)
LANGUAGES = sorted((ROOT / "content" / "i18n").glob("*.toml"))


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_each_screen_has_one_name_everywhere(screen: Screen) -> None:
    assert (ROOT / screen.script).is_file()
    assert (ROOT / "canvas" / "ui" / f"{screen.value}_page.py").is_file()
    assert screen.url_path in ("", screen.value)
    for language_file in LANGUAGES:
        words = tomllib.loads(language_file.read_text(encoding="utf-8"))
        assert screen.value in words, f"{language_file.name} has no [{screen.value}] section"
        assert screen.value in words["nav"], f"{language_file.name} has no nav.{screen.value}"


def test_no_page_or_part_without_a_screen() -> None:
    names = {screen.value for screen in SCREENS}
    assert {path.stem for path in (ROOT / "views").glob("*.py")} == names
    assert {path.stem.removesuffix("_page") for path in (ROOT / "canvas" / "ui").glob("*_page.py")} == names
    for language_file in LANGUAGES:
        menu = tomllib.loads(language_file.read_text(encoding="utf-8"))["nav"]
        assert set(menu) == names, f"{language_file.name}: nav titles for pages that do not exist"


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_a_page_body_reads_top_to_bottom(screen: Screen) -> None:
    """views/ holds what each page draws, in order; helpers live in the page's parts (canvas/ui/<name>_page.py).
    A page body that only called a render() in another module was a second name for the same page."""
    tree = ast.parse((ROOT / screen.script).read_text(encoding="utf-8"))
    definitions = [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)]
    assert definitions == [], f"{screen.script} defines helpers; move them to canvas/ui/{screen.value}_page.py"
    docstring_and_imports = (ast.Import, ast.ImportFrom)
    statements = [node for node in tree.body[1:] if not isinstance(node, docstring_and_imports)]
    assert len(statements) >= 3, f"{screen.script} hands its page to another module instead of drawing it"


def test_old_addresses_lead_to_a_screen() -> None:
    assert set(OLD_URL_PATHS).isdisjoint(screen.url_path for screen in SCREENS)
    assert all(isinstance(screen, Screen) for screen in OLD_URL_PATHS.values())
