"""Tests wait on state, never for a fixed time: a sleep that is long enough on a quiet machine is too short on a
loaded one (and too long everywhere else). The one poll interval lives in tests/browser.py's wait_until."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent
FIXED_WAITS = {"sleep", "wait_for_timeout"}


def fixed_waits(path: Path) -> list[str]:
    """Calls of sleep/wait_for_timeout in a file, outside the function allowed to poll."""
    found: list[str] = []

    def visit(node: ast.AST, function: str | None) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in FIXED_WAITS and not (path.name == "browser.py" and function == "wait_until"):
                found.append(f"{path.name}:{node.lineno} {called}() in {function}")
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(ast.parse(path.read_text(encoding="utf-8")), None)
    return found


def test_no_test_waits_a_fixed_time() -> None:
    assert [wait for path in sorted(ROOT.glob("*.py")) for wait in fixed_waits(path)] == []


def test_the_check_sees_a_sleep(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text("import time\n\ndef test_x(page):\n    time.sleep(1)\n    page.wait_for_timeout(500)\n")
    assert fixed_waits(sample) == [
        "test_sample.py:4 sleep() in test_x",
        "test_sample.py:5 wait_for_timeout() in test_x",
    ]
