"""Architecture rules that keep the code easy to change."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_canvas_ui_imports_streamlit() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "canvas").rglob("*.py")
        if "ui" not in path.relative_to(ROOT / "canvas").parts[:1] and "streamlit" in imports_of(path)
    ]
    assert offenders == []


def test_the_boundary_check_sees_streamlit_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from streamlit.runtime import Runtime\nimport os\n")
    assert imports_of(sample) == {"streamlit", "os"}


def test_only_the_store_speaks_sql() -> None:
    speaking = {
        str(path.relative_to(ROOT)) for path in (ROOT / "canvas").rglob("*.py") if "sqlalchemy" in imports_of(path)
    }
    assert speaking == {"canvas/store.py", "canvas/migrations.py"}


def test_no_pages_folder_beside_app_py() -> None:
    # Streamlit treats a pages/ folder beside the main script as an old-style multipage app and runs a
    # deep link's page without app.py on a fresh server (see canvas/ui/context.py). Page scripts: views/.
    assert not (ROOT / "pages").exists()


def test_pages_are_thin() -> None:
    pages = list((ROOT / "views").glob("*.py"))
    assert len(pages) == 7
    for page in pages:
        tree = ast.parse(page.read_text(encoding="utf-8"))
        definitions = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
        assert definitions == [], f"{page.name} defines helpers; move them to canvas/ui"
