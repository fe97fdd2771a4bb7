"""How long does the projector take to draw one new note, as the board fills? (issue 19, item 2)

The board component's own code (push.js + board.js + board.css, as canvas/ui/board_component.py joins them)
runs in headless Chromium at 1920×1080, in a shadow root as Streamlit's Custom Components v2 put it, with the
app's font. Its views are the app's: ``board_view.board_view`` of a house with N notes (tests.board_samples'
workshop spread), then N+1, N+2, … each one new note, as the live channel sends them. Each new view is handed
to the component the way Streamlit hands it new data, and timed in the page with ``performance.now()``:

- ``draw``: the synchronous redraw (the script, and every layout it forces while fitting the zones);
- ``frame``: from the hand-over to the end of the next frame (a ``requestAnimationFrame`` callback, then a
  message posted from it, which runs after that frame's style, layout and paint).

``--before REV`` runs the component files of git revision REV in the same browser, on the same views, first
(the board component of that revision, its CSS and its type sizes): the figures before and after a change,
side by side in one run.

    python3 bench/projector_redraw.py [--notes 0 30 60 120 200] [--repeat 15] [--before REV]

Prints a Markdown table and the machine's load (uptime) before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The sample board's six people write 200 notes in seconds: lift the per-person rate limit for the seeding.
os.environ.setdefault("CANVAS_NOTES_PER_MINUTE", "100000")

import streamlit  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from canvas.board_view import board_view  # noqa: E402
from canvas.models import Language  # noqa: E402
from canvas.palette import css_variables  # noqa: E402
from canvas.store import Store  # noqa: E402
from tests.board_samples import add_workshop_notes, workshop_house  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

HOST = "http://bench.local"
FONT = next((Path(streamlit.__file__).parent / "static").rglob("SourceSansVF-Upright*.woff2"))
COMPONENT = "canvas/ui/board_component"

PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8">
<style>
@font-face { font-family: "Source Sans"; src: url(/font.woff2) format("woff2"); font-weight: 200 900; }
html, body { margin: 0; overflow: hidden; font-family: "Source Sans", sans-serif; }
#host { padding: 0 19px; }
</style></head><body><div id="host"></div>
<script type="module">
  import component from "/component.js";
  const host = document.getElementById("host");
  const shadow = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = await (await fetch("/component.css")).text();
  const parent = document.createElement("div");
  shadow.append(style, parent);
  const triggers = [];
  window.show = (data) => component({ data, parentElement: parent, setTriggerValue: (n, v) => triggers.push(n) });
  window.board = () => shadow.querySelector(".sc-board");
  window.ready = true;
</script></body></html>"""

# Hand `data` to the component and time it: the synchronous redraw, and to the end of the next frame.
TIMED = """(data) => new Promise((resolve) => {
  const start = performance.now();
  window.show(data);
  const draw = performance.now() - start;
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve({ draw, frame: performance.now() - start });
    channel.port2.postMessage(null);
  });
})"""


def git_show(revision: str, path: str) -> str:
    return subprocess.run(
        ["git", "show", f"{revision}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def type_sizes(source: str) -> dict:
    """PROJECTOR_FONT_PX (and FIT_LEVELS, where a revision has them) of a revision's projector_type.py."""
    namespace: dict = {"__name__": "projector_type_of_revision"}
    exec(compile(source, "projector_type.py", "exec"), namespace)  # our own file, from git
    return {"type_px": namespace["PROJECTOR_FONT_PX"], "fit_levels": namespace.get("FIT_LEVELS")}


def variant(read) -> dict:
    """The component as the app builds it: push.js in front of board.js; the palette in front of board.css."""
    return {
        "js": read(f"{COMPONENT}/push.js") + "\n" + read(f"{COMPONENT}/board.js"),
        "css": f".sc-board {{ {css_variables()} }}\n" + read(f"{COMPONENT}/board.css"),
        **type_sizes(read("canvas/projector_type.py")),
    }


def views(counts: list[int], repeat: int) -> dict[int, list[dict]]:
    """For each N: the view of the house with N notes, then ``repeat`` views each with one note more."""
    result: dict[int, list[dict]] = {}
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/bench.sqlite3")
        for count in counts:
            created = workshop_house(store, notes=count)
            series = []
            for step in range(repeat + 1):
                if step:
                    add_workshop_notes(store, created, 1, start=count + step - 1)
                snapshot = store.load_snapshot(board_id=created.board.id)
                series.append(board_view(snapshot, snapshot.active_canvas.id, Language.NL, can_drag=False))
            result[count] = series
        store.close()
    return result


def data_for(view: dict, sizes: dict) -> dict:
    data = {"view": view, "can_drag": False, "push_url": None, "closed_label": "-", "fit": True}
    data["type_px"] = sizes["type_px"]
    if sizes["fit_levels"] is not None:
        data["fit_levels"] = sizes["fit_levels"]
    return data


def measure(browser, component: dict, series: dict[int, list[dict]]) -> dict[int, dict]:
    results = {}
    for count, views_of_count in series.items():
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        files = {
            "/": ("text/html", PAGE.encode()),
            "/component.js": ("text/javascript", component["js"].encode()),
            "/component.css": ("text/css", component["css"].encode()),
            "/font.woff2": ("font/woff2", FONT.read_bytes()),
        }

        page.route(f"{HOST}/**", server(files))
        page.on("pageerror", lambda error: print("page error:", error, file=sys.stderr))
        page.goto(f"{HOST}/")
        page.wait_for_function("() => window.ready === true")
        page.evaluate("(data) => window.show(data)", data_for(views_of_count[0], component))
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        # Fitted to the font that arrived (board.js refits on document.fonts.ready), then one frame.
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        draws, frames = [], []
        for view in views_of_count[1:]:
            timing = page.evaluate(TIMED, data_for(view, component))
            assert page.evaluate("() => window.board().dataset.revision") == str(view["revision"])
            draws.append(timing["draw"])
            frames.append(timing["frame"])
        shown = page.evaluate("() => [...window.board().querySelectorAll('.sc-note')].filter((n) => !n.hidden).length")
        results[count] = {
            "draw": statistics.median(draws),
            "draw_max": max(draws),
            "frame": statistics.median(frames),
            "shown": shown,
            "notes": len(views_of_count[-1]["notes"]),
        }
        context.close()
    return results


def server(files: dict[str, tuple[str, bytes]]):
    """A route handler that answers from ``files`` (path → content type, body)."""

    def serve(route) -> None:
        path = route.request.url.removeprefix(HOST)
        if path not in files:
            route.fulfill(status=404, body=b"")
            return
        kind, body = files[path]
        route.fulfill(status=200, content_type=kind, body=body)

    return serve


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, nargs="+", default=[0, 30, 60, 120, 200])
    parser.add_argument("--repeat", type=int, default=15, help="new notes per board size (the median is reported)")
    parser.add_argument("--before", help="a git revision whose board component to measure first, for comparison")
    args = parser.parse_args()
    print(f"load before: {uptime()}")
    series = views(args.notes, args.repeat)
    variants = {}
    if args.before:
        variants[f"before ({args.before})"] = variant(lambda path: git_show(args.before, path))
    variants["now (work tree)"] = variant(lambda path: (ROOT / path).read_text(encoding="utf-8"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = {name: measure(browser, component, series) for name, component in variants.items()}
        browser.close()
    print(f"load after: {uptime()}")
    print()
    print("| notes on the board | " + " | ".join(f"{name}: draw / max / frame, shown" for name in results) + " |")
    print("|---|" + "---|" * len(results))
    for count in args.notes:
        cells = []
        for result in results.values():
            r = result[count]
            cells.append(f"{r['draw']:.1f} / {r['draw_max']:.1f} / {r['frame']:.1f} ms, {r['shown']} of {r['notes']}")
        print(f"| {count} → {count + 1}…{count + args.repeat} | " + " | ".join(cells) + " |")
    print()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
