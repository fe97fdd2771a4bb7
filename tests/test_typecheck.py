"""mypy in CI: the README's test command runs the type check too (configuration in pyproject.toml, [tool.mypy])."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors():
    # No skip when mypy is missing: `python3 -m mypy` then fails with "No module named mypy", and so does this test.
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],  # what it checks: `files` in pyproject.toml
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
