"""Settings (canvas/settings.py): environment and Streamlit secrets, clear errors at start, and the README's table."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from canvas import cli
from canvas.settings import Settings, SettingsError, settings_table
from tests.browser import start_app, stop

ROOT = Path(__file__).resolve().parent.parent
NO_SECRETS: list[Path] = []


def test_the_readme_table_is_the_one_made_from_the_model() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- settings-table[^>]*-->\n(.*?)\n<!-- /settings-table -->", readme, re.DOTALL)
    assert found, "README.md lost its settings-table markers"
    assert found.group(1) == settings_table(), "README.md's settings table differs from canvas/settings.py"


def test_every_setting_is_in_the_table_by_its_variable() -> None:
    table = settings_table()
    for variable in ("CANVAS_DATABASE_URL", "CANVAS_MAX_NOTES", "CANVAS_BOARDS_PER_HOUR", "CANVAS_DEMO_EXPIRY_HOURS"):
        assert f"`{variable}`" in table


def test_values_come_from_the_environment_by_their_variable_names() -> None:
    settings = Settings.from_env(
        {"CANVAS_MAX_NOTES": "10", "CANVAS_DATABASE_URL": "postgres://u@h/db", "CANVAS_PUBLIC_URL": "https://x.org/"},
        secrets_files=NO_SECRETS,
    )
    assert settings.notes_per_board == 10
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.public_url == "https://x.org"
    assert isinstance(settings, Settings)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CANVAS_MAX_NOTES", "ten"),
        ("CANVAS_REFRESH_SECONDS", "-1"),
        ("CANVAS_PUSH_CHECK_SECONDS", "soon"),
        ("CANVAS_DEMO_EXPIRY_HOURS", "0"),
    ],
)
def test_a_malformed_value_is_refused_naming_its_variable(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=variable) as refused:
        Settings.from_env({variable: value}, secrets_files=NO_SECRETS)
    assert repr(value) in str(refused.value)


def test_an_unknown_variable_is_refused_naming_it() -> None:
    with pytest.raises(SettingsError, match="CANVAS_DATABSE_URL"):
        Settings.from_env({"CANVAS_DATABSE_URL": "sqlite:///x"}, secrets_files=NO_SECRETS)


def test_the_test_suites_own_variables_are_not_settings() -> None:
    env = {"CANVAS_TEST_POSTGRES_URL": "x", "CANVAS_REQUIRE_BROWSER": "1", "CANVAS_CHROMIUM": "/usr/bin/chromium"}
    assert Settings.from_env(env, secrets_files=NO_SECRETS) == Settings.from_env({}, secrets_files=NO_SECRETS)


def test_streamlit_secrets_are_read_and_the_environment_wins(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        'CANVAS_DATABASE_URL = "postgresql://app@db/canvas"\nCANVAS_MAX_NOTES = 12\n'
        '[connections.other]\nurl = "left alone"\n',
        encoding="utf-8",
    )
    from_secrets = Settings.from_env({}, secrets_files=[secrets])
    assert from_secrets.database_url == "postgresql+psycopg://app@db/canvas"
    assert from_secrets.notes_per_board == 12
    assert Settings.from_env({"CANVAS_MAX_NOTES": "5"}, secrets_files=[secrets]).notes_per_board == 5


def test_an_unknown_or_malformed_secret_is_refused_naming_it(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("CANVAS_MAX_NOTE = 12\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="CANVAS_MAX_NOTE in the Streamlit secrets"):
        Settings.from_env({}, secrets_files=[secrets])
    secrets.write_text('CANVAS_MAX_NOTES = "lots"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="CANVAS_MAX_NOTES"):
        Settings.from_env({}, secrets_files=[secrets])
    secrets.write_text("CANVAS_MAX_NOTES = \n", encoding="utf-8")
    with pytest.raises(SettingsError, match="cannot be read as TOML"):
        Settings.from_env({}, secrets_files=[secrets])


def test_the_command_line_stops_with_the_variable_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CANVAS_BOARDS_PER_HOUR", "many")
    assert cli.main(["list"]) == cli.USAGE
    assert "CANVAS_BOARDS_PER_HOUR" in capsys.readouterr().err


def test_the_server_does_not_start_on_a_bad_setting(tmp_path: Path) -> None:
    env = {**os.environ, "CANVAS_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "CANVAS_MAX_CANVASES": "-3"}
    finished = subprocess.run(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true", "--server.port", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode != 0
    assert "CANVAS_MAX_CANVASES" in finished.stderr + finished.stdout


def test_the_server_takes_its_database_from_streamlit_secrets(tmp_path: Path) -> None:
    """The Streamlit-hosting shape: no environment variable, the database URL in the secrets file."""
    home = tmp_path / "home"
    (home / ".streamlit").mkdir(parents=True)
    database = tmp_path / "from-secrets.sqlite3"
    (home / ".streamlit" / "secrets.toml").write_text(f'CANVAS_DATABASE_URL = "sqlite:///{database}"\n')
    env = {key: value for key, value in os.environ.items() if key != "CANVAS_DATABASE_URL"}
    env["HOME"] = str(home)
    process, _base = start_app("", script="serve.py", extra_env=env)
    try:
        # serve.py's live channel opens the store when the server starts: the file named in the secrets.
        assert database.exists()
        with sqlite3.connect(database) as conn:
            assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] > 0
    finally:
        stop(process)
