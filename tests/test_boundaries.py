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


# The floors of canvas/ and what each may not import: the domain knows neither Streamlit nor HTTP; the web
# layer (the live channel's route) speaks HTTP but not Streamlit; only canvas/ui speaks Streamlit.
FORBIDDEN = {"domain": {"streamlit", "starlette", "uvicorn"}, "web": {"streamlit"}, "ui": set()}


def floor_of(path: Path) -> str:
    first = path.relative_to(ROOT / "canvas").parts[0]
    return first if first in ("ui", "web") else "domain"


def test_each_floor_imports_only_what_it_may() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(imports_of(path) & FORBIDDEN[floor_of(path)])}"
        for path in (ROOT / "canvas").rglob("*.py")
        if imports_of(path) & FORBIDDEN[floor_of(path)]
    ]
    assert offenders == []


def test_the_floor_check_knows_where_a_file_sits() -> None:
    assert floor_of(ROOT / "canvas" / "hub.py") == "domain"
    assert floor_of(ROOT / "canvas" / "exports" / "pdf_report.py") == "domain"
    assert floor_of(ROOT / "canvas" / "web" / "events.py") == "web"
    assert floor_of(ROOT / "canvas" / "ui" / "presentation_page.py") == "ui"


def test_the_boundary_check_sees_streamlit_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from streamlit.runtime import Runtime\nimport os\n")
    assert imports_of(sample) == {"streamlit", "os"}


def test_only_the_store_speaks_sql() -> None:
    speaking = {
        str(path.relative_to(ROOT)) for path in (ROOT / "canvas").rglob("*.py") if "sqlalchemy" in imports_of(path)
    }
    assert speaking == {"canvas/store.py", "canvas/migrations.py"}


def test_the_store_loads_no_content() -> None:
    """A storage call must never read content files (nor fail with a content error): the caller passes the canvas
    to lay out. The store may name the shape of a canvas, nothing else of canvas.content."""
    tree = ast.parse((ROOT / "canvas" / "store.py").read_text(encoding="utf-8"))
    from_content = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "canvas.content"
        for alias in node.names
    }
    assert from_content <= {"CanvasTemplate"}
    assert "ContentError" not in (ROOT / "canvas" / "store.py").read_text(encoding="utf-8")


def test_no_pages_folder_beside_app_py() -> None:
    # Streamlit treats a pages/ folder beside the main script as an old-style multipage app and runs a
    # deep link's page without app.py on a fresh server (see canvas/ui/context.py). Page scripts: views/.
    assert not (ROOT / "pages").exists()
