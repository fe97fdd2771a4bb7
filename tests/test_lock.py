"""Reproducible installs: pyproject.toml declares the dependencies, uv.lock pins every package, the requirements
files are exported from the lock unchanged, and the environment the tests run in is exactly what they pin."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")


def pins(path: Path) -> dict[str, str]:
    """name -> version of every ``name==version`` line that applies on this machine."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "-r")):
            continue
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate():
            continue
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{path.name}: {line} is not pinned"
        found[canonicalize_name(requirement.name)] = specifier.version
    return found


def lock() -> dict:
    with (ROOT / "uv.lock").open("rb") as handle:
        return tomllib.load(handle)


def test_the_lock_was_made_from_the_dependencies_in_pyproject() -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)
    (root,) = [p for p in lock()["package"] if p["name"] == project["project"]["name"]]
    declared = {str(Requirement(r)) for r in project["project"]["dependencies"]}
    locked = {
        str(Requirement(f"{d['name']}{'[' + ','.join(d['extras']) + ']' if d.get('extras') else ''}{d['specifier']}"))
        for d in root["metadata"]["requires-dist"]
    }
    assert {canonicalize_name(Requirement(r).name) for r in declared} == {
        canonicalize_name(Requirement(r).name) for r in locked
    }, "pyproject.toml's dependencies changed since uv.lock was made: run scripts/lock"
    dev_declared = {canonicalize_name(Requirement(r).name) for r in project["dependency-groups"]["dev"]}
    dev_locked = {canonicalize_name(d["name"]) for d in root["metadata"]["requires-dev"]["dev"]}
    assert dev_declared == dev_locked, "the dev group changed since uv.lock was made: run scripts/lock"


def test_every_package_the_app_needs_is_pinned_including_the_transitive_ones() -> None:
    pinned = pins(ROOT / "requirements.txt")
    for package in ("streamlit", "starlette", "uvicorn", "pydantic-core", "pydantic-settings"):
        assert package in pinned, f"{package} is not pinned in requirements.txt"
    locked = {canonicalize_name(p["name"]): p["version"] for p in lock()["package"] if "version" in p}
    assert {name: locked[name] for name in pinned} == pinned


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_the_requirements_files_are_exported_from_the_lock_unchanged(name: str, tmp_path: Path) -> None:
    """scripts/lock writes them; nobody edits them by hand (run it again and nothing changes)."""
    flags = ["--no-dev"] if name == "requirements.txt" else ["--only-group", "dev"]
    exported = subprocess.run(
        [sys.executable, "-m", "uv", "export", "--frozen", *flags, "--no-hashes", "--no-emit-project", "--no-header"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    body = [line for line in (ROOT / name).read_text(encoding="utf-8").splitlines() if not line.startswith(("#", "-r"))]
    assert body == [line for line in exported.splitlines() if not line.startswith("#")]


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_the_tests_run_on_exactly_the_pinned_versions(name: str) -> None:
    wrong = {}
    for package, version in pins(ROOT / name).items():
        try:
            installed = metadata.version(package)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[package] = (version, installed)
    assert not wrong, f"installed versions differ from {name} (pinned, installed): {wrong}"
