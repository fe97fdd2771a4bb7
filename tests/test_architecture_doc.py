"""docs/architecture.md names files and functions; when one moves or is renamed, the page must follow."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
# `canvas/store.py`, `views/join.py`, `board_component/push.js`, `content/i18n/<code>.toml` (placeholders skipped)
PATH = re.compile(r"`([\w./-]+\.(?:py|js|css|toml|md))`")
# `Store.add_note`, `board_view.live_message`, `LiveHub`: a name qualified by the module or class it is in
QUALIFIED = re.compile(r"`(?:[\w.]+\.)?(\w+)\.(\w+)(?:\(.*?\))?`")


def test_every_file_the_page_names_exists() -> None:
    named = set(PATH.findall(DOC.read_text(encoding="utf-8")))
    assert len(named) > 20  # the pattern still finds the page's paths
    missing = [
        name
        for name in sorted(named)
        if not any(path.exists() for path in (ROOT / name, ROOT / "canvas" / name, ROOT / "canvas" / "ui" / name))
        and not list(ROOT.glob(f"canvas/**/{name}"))
    ]
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"


def test_every_function_the_page_names_exists() -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in ROOT.glob("canvas/**/*.py"))
    text = DOC.read_text(encoding="utf-8")
    names = {member for owner, member in QUALIFIED.findall(text) if owner not in {"python3", "docs", "content", "st"}}
    names -= {"py", "js", "css", "toml", "md"}
    assert {"add_note", "live_message", "import_board"} <= names  # the pattern still finds the page's names
    missing = sorted(name for name in names if not re.search(rf"\b(?:def|class) {name}\b|\b{name} = ", source))
    assert not missing, f"docs/architecture.md names functions that do not exist: {missing}"
