"""Capture every page at phone (390 px) and projector (1920 px) width, in Dutch and English.

    python3 scripts/screenshots.py [OUTPUT_FOLDER]

Starts the app (serve.py) on a throw-away SQLite database with the demo board and a participant, and writes
PNGs to OUTPUT_FOLDER (default: test-artifacts/screens, git-ignored). Use it before and after every change
to the look, and look at the pictures.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from canvas.demo import ensure_demo_board  # noqa: E402
from canvas.models import ParticipantCreate, Party  # noqa: E402
from canvas.store import Store  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, PROJECTOR, running_app  # noqa: E402

WIDTHS = {"phone": PHONE, "projector": PROJECTOR}


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "test-artifacts" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/canvas.sqlite3"
        store = Store(url)
        board, token = ensure_demo_board(store)
        participant = store.join(board_id=board.id, new=ParticipantCreate(display_name="Sam", party=Party.CIVIC))
        code, viewer = board.code, store.viewer_key(board_id=board.id)
        pages = {
            "start": "/",
            "join": f"/join?board={code}",
            "phone": f"/join?board={code}&p={participant.id}",
            "screen": f"/presentation?board={code}&v={viewer}",
            "console": f"/console?board={code}&f={token}",
            "radar": f"/radar?board={code}&v={viewer}",
            "library": "/library",
            "tool": "/library?tool=experiment_canvas",
            "export": f"/export?board={code}&f={token}",
            "accessibility": "/accessibility",
        }
        with running_app(url, script="serve.py") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width_name, device in WIDTHS.items():
                context = browser.new_context(**device)
                page = context.new_page()
                for language in ("nl", "en"):
                    for name, path in pages.items():
                        page.goto(base + path + ("&" if "?" in path else "?") + f"lang={language}")
                        page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
                        # Widgets whose code is still loading show a grey placeholder: wait for the real ones.
                        page.wait_for_selector(
                            "[data-testid=stSkeleton], [data-testid=stSkeletonElement]", state="detached"
                        )
                        if name in ("screen", "console"):
                            page.wait_for_selector(".sc-zone")  # the board component has drawn
                        if name == "radar":
                            page.wait_for_selector("[data-testid=stPlotlyChart]")
                        target = out / f"{name}-{language}-{width_name}.png"
                        # The page scrolls inside Streamlit's own container, so full_page alone stops at the
                        # window: grow the window to the content for the picture, then back.
                        height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
                        page.set_viewport_size({"width": device["viewport"]["width"], "height": min(height, 12000)})
                        page.screenshot(path=str(target), full_page=True)
                        page.set_viewport_size(device["viewport"])
                        print(target)
                context.close()
        store.close()


if __name__ == "__main__":
    main()
