"""Phones can join from the first run (issue 24, item 1): when the facilitator's browser is at an address only
this machine can open (localhost, 127.0.0.1, ::1, 0.0.0.0) and CANVAS_PUBLIC_URL is not set, the join address and
QR code use the machine's network address; without one, the console says so and how to set CANVAS_PUBLIC_URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from canvas.join_address import JoinBase, join_base, reachable_by_others
from canvas.models import CreatedBoard
from canvas.store import viewer_key_for
from canvas.ui import context, presentation_page
from canvas.ui.screens import Screen
from tests.test_app import APP, TIMEOUT, visible_texts


@pytest.mark.parametrize(
    "host", ["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.0.1.1", "::1", "[::1]", "0.0.0.0", "::", ""]
)
def test_this_machines_own_names_are_not_reachable_by_others(host: str) -> None:
    assert not reachable_by_others(host)


@pytest.mark.parametrize("host", ["192.0.2.2", "10.0.0.7", "canvas.example.org", "laptop.local", "fe80::1"])
def test_other_addresses_are(host: str) -> None:
    assert reachable_by_others(host)


def test_the_configured_public_url_wins() -> None:
    assert join_base("http://localhost:8501/", "https://canvas.example.org", "192.0.2.2:8501") == JoinBase(
        "https://canvas.example.org", reachable=True
    )
    assert join_base("http://192.0.2.2:8501", "https://canvas.example.org/", None).url == "https://canvas.example.org"


def test_an_address_others_can_reach_is_kept_as_the_browser_saw_it() -> None:
    assert join_base("https://canvas.example.org/console", None, "192.0.2.2:8501") == JoinBase(
        "https://canvas.example.org", reachable=True
    )
    assert join_base("http://192.0.2.9:8600/", None, None) == JoinBase("http://192.0.2.9:8600", reachable=True)


@pytest.mark.parametrize(
    "browser", ["http://localhost:8600/", "http://127.0.0.1:8600", "http://[::1]:8600/", "http://0.0.0.0:8600"]
)
def test_a_local_address_becomes_the_machines_network_address(browser: str) -> None:
    assert join_base(browser, None, "192.0.2.2:8600") == JoinBase("http://192.0.2.2:8600", reachable=True)


def test_the_scheme_of_the_browser_is_kept() -> None:
    assert join_base("https://localhost:8600", None, "192.0.2.2:8600").url == "https://192.0.2.2:8600"


@pytest.mark.parametrize("network", [None, "", "127.0.0.1:8600", "[::1]:8600"])
def test_without_a_network_address_the_local_one_stays_and_is_marked_unreachable(network: str | None) -> None:
    assert join_base("http://localhost:8600/", None, network) == JoinBase("http://localhost:8600", reachable=False)


def test_no_browser_address_at_all_counts_as_localhost() -> None:
    assert join_base(None, None, None) == JoinBase("http://localhost:8501", reachable=False)
    assert join_base(None, None, "192.0.2.2:8501").url == "http://192.0.2.2:8501"


def open_at(page: str, url: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context = {"url": url}
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_presentation_opened_at_127_0_0_1_shows_the_network_address(
    board: CreatedBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("streamlit.net_util.get_internal_ip", lambda: "192.0.2.2")
    qr_links: list[str] = []
    real_qr = presentation_page._qr_png
    monkeypatch.setattr(presentation_page, "_qr_png", lambda link: qr_links.append(link) or real_qr(link))
    viewer = viewer_key_for(board.facilitator_token)
    at = open_at(Screen.PRESENTATION.script, "http://127.0.0.1:8501", board=board.board.code, v=viewer)
    shown = " ".join(visible_texts(at))
    assert "192.0.2.2:8501/join" in shown
    assert "127.0.0.1" not in shown and "localhost" not in shown
    assert qr_links == [f"http://192.0.2.2:8501/join?board={board.board.code}"]


def test_the_console_warns_when_phones_cannot_reach_it(board: CreatedBoard, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("streamlit.net_util.get_internal_ip", lambda: "127.0.0.1")  # no network
    params = {"board": board.board.code, "f": board.facilitator_token}
    at = open_at(Screen.CONSOLE.script, "http://localhost:8501", **params)
    warning = " ".join(w.value for w in at.warning)
    assert "Telefoons kunnen dit adres niet bereiken" in warning and "localhost:8501" in warning
    assert "CANVAS_PUBLIC_URL" in warning
    at = open_at(Screen.CONSOLE.script, "http://localhost:8501", lang="en", **params)
    assert "Phones cannot reach this address" in " ".join(w.value for w in at.warning)

    monkeypatch.setenv("CANVAS_PUBLIC_URL", "https://canvas.example.org")
    context.get_settings.clear()
    at = open_at(Screen.CONSOLE.script, "http://localhost:8501", **params)
    assert not [w for w in at.warning if "CANVAS_PUBLIC_URL" in w.value]
    assert "https://canvas.example.org/console?board=" in " ".join(c.value for c in at.code)


def test_the_console_does_not_warn_when_the_machine_has_a_network_address(
    board: CreatedBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("streamlit.net_util.get_internal_ip", lambda: "192.0.2.2")
    at = open_at(Screen.CONSOLE.script, "http://localhost:8501", board=board.board.code, f=board.facilitator_token)
    assert not [w for w in at.warning if "CANVAS_PUBLIC_URL" in w.value]
    assert "http://192.0.2.2:8501/console?board=" in " ".join(c.value for c in at.code)
