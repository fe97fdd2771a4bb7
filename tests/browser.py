"""Helpers for browser tests: start the real app on a free port, launch Debian's Chromium.

Never ``playwright install``: it downloads a browser, which this network refuses. We drive
``/usr/bin/chromium`` (Debian package ``chromium``) through Playwright's Python client instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from canvas.store import Store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CANVAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    database_url: str, *, script: str = "app.py", extra_env: dict[str, str] | None = None, log=subprocess.DEVNULL
) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run script`` on a free port and wait until it answers; returns the process and URL."""
    port = free_port()
    env = {**os.environ, "CANVAS_DATABASE_URL": database_url, **(extra_env or {})}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(f"{base}/_stcore/health", process, timeout=60)
    except AssertionError:
        process.kill()
        raise
    return process, base


def wait_ready(url: str, process: subprocess.Popen, *, timeout: float = 30) -> None:
    """Poll ``url`` until it answers 200 (a readiness check, like a load balancer's); fail at once if the
    server's process has ended (the app or nginx)."""

    def answers() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                return reply.status == 200
        except OSError:
            return False

    wait_until(answers, timeout=timeout, what=f"{url} to answer")


def stop(process: subprocess.Popen) -> None:
    """Ask a server to stop, and kill it if it has not within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@contextmanager
def running_app(
    database_url: str, *, script: str = "app.py", extra_env: dict[str, str] | None = None, log_path: Path | None = None
) -> Iterator[str]:
    """Run the app for the duration of a ``with`` block; yields its base URL, stops it afterwards."""
    log = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    try:
        process, base = start_app(database_url, script=script, extra_env=extra_env, log=log)
        try:
            yield base
        finally:
            stop(process)
    finally:
        if log_path:
            log.close()


@pytest.fixture(name="store")
def live_store(live_app: tuple[str, str]) -> Iterator[Store]:
    from canvas.store import Store  # like screen_url: this module is imported before canvas is on the path

    """The store of the module's running app (``live_app``), as ``store``: a browser test module imports this
    fixture, and it stands in for conftest's ``store`` (a fresh database per test) in that module."""
    the_store = Store(live_app[1])
    yield the_store
    the_store.close()


def screen_url(base: str, created, *, facilitator: bool = False, page: str | None = None) -> str:
    """The facilitator's console (with the token) or the presentation a viewer sees (with the viewer key);
    ``page`` another page of the board (the radar) with the same secret."""
    from canvas.store import viewer_key_for

    code, token = created.board.code, created.facilitator_token
    secret = f"f={token}" if facilitator else f"v={viewer_key_for(token)}"
    return f"{base}/{page or ('console' if facilitator else 'presentation')}?board={code}&{secret}"


def wait_until(condition, *, timeout: float = 10.0, what: str = "the condition") -> None:
    """Wait on state outside the browser (the database, a server's health), checking every 50 ms; fail after
    ``timeout``. The suite's only sleep: tests wait on state, never for a fixed time (tests/test_no_sleeps.py)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def show_whole_board(page) -> None:
    """Scroll the board to the top of the window, as a facilitator does before dragging: the console has its
    controls above the board, and a pointer cannot press on what is outside the window."""
    page.locator(".sc-board").evaluate("board => board.scrollIntoView({block: 'start'})")


class HeldRedraw:
    """Holds what the server sends a page over Streamlit's websocket until ``release()``: a test can then act
    in the page between a rerun's request and its redraw, as a person on a slow phone does, without sleeping.

    Use: ``gate = HeldRedraw(page)`` before ``page.goto``; ``gate.hold()``, act, ``gate.release()``."""

    def __init__(self, page) -> None:
        self._held: list | None = None
        self._page_side = None
        page.route_web_socket("**/_stcore/stream", self._route)

    def _route(self, page_side) -> None:
        server_side = page_side.connect_to_server()
        self._page_side = page_side
        page_side.on_message(server_side.send)
        server_side.on_message(self._from_server)

    def _from_server(self, message) -> None:
        if self._held is None:
            self._page_side.send(message)
        else:
            self._held.append(message)

    def hold(self) -> None:
        self._held = []

    def release(self) -> None:
        held, self._held = self._held or [], None
        for message in held:
            self._page_side.send(message)
