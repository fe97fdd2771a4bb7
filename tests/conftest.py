"""Shared fixtures: a store on SQLite and on PostgreSQL, each in a throw-away database.

PostgreSQL and Chromium are required by default: when either is missing the tests that need it fail,
they are not skipped. Set CANVAS_REQUIRE_POSTGRES=0 or CANVAS_REQUIRE_BROWSER=0 to skip them
deliberately on a machine without them (CI sets both to 1).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from canvas.content import default_canvas
from canvas.models import BoardCreate, CreatedBoard, Participant, ParticipantCreate, Party
from canvas.store import Store

POSTGRES_URL = os.environ.get("CANVAS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def required(name: str) -> bool:
    return os.environ.get(name, "1") != "0"


def unavailable(name: str, reason: str) -> None:
    """Fail when the dependency is required, skip (visibly, with the reason) when it was waived."""
    if required(name):
        pytest.fail(f"{reason} (required: set {name}=0 to skip these tests on purpose)", pytrace=False)
    pytest.skip(f"{reason} ({name}=0)")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'canvas.sqlite3'}"


@pytest.fixture
def postgresql_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        unavailable("CANVAS_REQUIRE_POSTGRES", f"PostgreSQL not reachable at {POSTGRES_URL}: {exc}")
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The same store tests run once on SQLite and once on PostgreSQL."""
    url = request.getfixturevalue(f"{request.param}_url")
    the_store = Store(url)
    yield the_store
    the_store.close()


@pytest.fixture
def created(store: Store) -> CreatedBoard:
    return store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Noorderpark"))


@pytest.fixture
def alice(store: Store, created: CreatedBoard) -> Participant:
    return store.join(board_id=created.board.id, new=ParticipantCreate(display_name="Alice", party=Party.CIVIC))


@pytest.fixture
def bob(store: Store, created: CreatedBoard) -> Participant:
    return store.join(board_id=created.board.id, new=ParticipantCreate(display_name="Bob", party=Party.GOVERNMENT))


# --- browser tests ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; missing Chromium fails the run unless waived."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        unavailable("CANVAS_REQUIRE_BROWSER", f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        unavailable("CANVAS_REQUIRE_BROWSER", f"playwright is not installed: {exc}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The real app on a free port over a temporary SQLite file: (base URL, database URL)."""
    from tests.browser import running_app

    folder = tmp_path_factory.mktemp("live")
    database_url = f"sqlite:///{folder / 'canvas.sqlite3'}"
    Store(database_url).close()  # migrate before the server and the test both open it
    with running_app(database_url, script="serve.py", log_path=folder / "server.log") as base:
        yield base, database_url


# --- app tests (AppTest) --------------------------------------------------------------------------


@pytest.fixture
def app_store(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """Point the app at a fresh database; the app's cached store is rebuilt from it."""
    from canvas.ui import context

    monkeypatch.setenv("CANVAS_DATABASE_URL", sqlite_url)
    context.get_settings.clear()
    context.get_store.clear()
    yield context.get_store()
    context.get_store().close()
    context.get_settings.clear()
    context.get_store.clear()


@pytest.fixture
def board(app_store: Store) -> CreatedBoard:
    """A Dutch board in the app's database."""
    from canvas.models import Language

    return app_store.create_board(
        first_canvas=default_canvas(), new=BoardCreate(title="Buurtenergie Noord", language=Language.NL)
    )
