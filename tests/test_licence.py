"""The code and the content each carry a licence, stated where people and tools look for it (#24, item 7)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_code_is_under_the_eupl_and_the_content_under_cc_by_sa() -> None:
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    assert "Appendix" in code and len(code) > 12_000  # the whole text, not a pointer to it
    content = (ROOT / "content" / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in content and "Attribution-ShareAlike 4.0 International" in content
    assert (ROOT / "content" / "fonts" / "LICENSE-DejaVu.txt").exists()


def test_the_package_metadata_and_the_readme_say_so() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "EUPL-1.2 AND CC-BY-SA-4.0"
    for path in project["license-files"]:
        assert (ROOT / path).is_file(), path
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    licence = readme[readme.index("## Licence") :]
    assert "EUPL-1.2" in licence and "CC BY-SA 4.0" in licence
