"""Browser: the radar page as a person sees it, and as a screen reader reads it (issue #23): every axis label in
view in the per-party view, and the table under the chart says "3,7" where the screen says "3,7". The radar's
presentation view (view=presentation) reads from the back row: every text at the projector's sizes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from canvas.charts import PROJECTOR_LABEL_SIZE
from canvas.content import default_canvas
from canvas.models import DIMENSION_KEYS, BoardCreate, CreatedBoard, ParticipantCreate, Party, RoundCreate, ScoreCreate
from canvas.projector_type import MINIMUM_ARCMIN, REFERENCE_WIDTH_PX, font_px
from canvas.store import Store
from tests.browser import PROJECTOR, live_store, screen_url  # noqa: F401 - live_store is the store fixture

TIMEOUT_MS = 30_000
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
# Five parties: the per-party legend has seven entries (band, group, five parties) in three rows at 1920 px.
PEOPLE = [
    (Party.GOVERNMENT, (2, 3, 3, 1, 1, 2, 4, 2)),
    (Party.CIVIC, (4, 4, 3, 4, 5, 4, 5, 3)),
    (Party.FUNDER, (5, 5, 4, 5, 2, 3, 1, 3)),
    (Party.BUSINESS, (None, 2, 3, 5, 5, 5, 1, 2)),
    (Party.OTHER, (None, 3, 3, 1, 1, 4, 4, 1)),
]


def scored_board(store: Store) -> CreatedBoard:
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Radar"))
    board_id, token = created.board.id, created.facilitator_token
    store.open_round(board_id=board_id, new=RoundCreate(title="Start"), facilitator_token=token)
    for party, levels in PEOPLE:
        person = store.join(board_id=board_id, new=ParticipantCreate(party=party)).id
        for dimension, level in zip(DIMENSION_KEYS, levels, strict=True):
            store.save_score(
                board_id=board_id, participant_id=person, new=ScoreCreate(dimension=dimension, level=level)
            )
    return created


def open_radar(chromium: Browser, base: str, created: CreatedBoard) -> Page:
    page = chromium.new_context(**PROJECTOR).new_page()
    page.goto(screen_url(base, created, facilitator=True, page="radar"))
    page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)
    return page


LABELS_AND_LEGEND = """chart => {
  const legend = chart.querySelector('.legend').getBoundingClientRect();
  const box = chart.getBoundingClientRect();
  return [...chart.querySelectorAll('.angularaxistick text')].map(label => {
    const r = label.getBoundingClientRect();
    return {text: label.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
            legendTop: legend.top, boxTop: box.top, boxLeft: box.left, boxRight: box.right};
  });
}"""


def test_every_axis_label_is_in_view_beside_the_per_party_legend(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    page = open_radar(chromium, live_app[0], scored_board(store))
    try:
        page.get_by_text("Per partij tonen").click()
        chart = page.locator(".js-plotly-plot").first
        expect(chart.locator(".legend .traces")).to_have_count(7, timeout=TIMEOUT_MS)
        page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)
        labels = chart.evaluate(LABELS_AND_LEGEND)
        assert len(labels) == len(DIMENSION_KEYS)
        for label in labels:
            # "Financiën en middelen", under the circle, had its second line under the legend's first row.
            assert label["bottom"] <= label["legendTop"], label
            assert label["top"] >= label["boxTop"] and label["boxLeft"] <= label["left"], label
            assert label["right"] <= label["boxRight"], label
    finally:
        page.context.close()


def test_the_radar_table_reads_its_numbers_as_the_screen_writes_them(
    chromium: Browser, live_app: tuple[str, str], store: Store
) -> None:
    page = open_radar(chromium, live_app[0], scored_board(store))
    try:
        page.get_by_text("Als tabel").first.click()
        # The grid's hidden HTML table is what a screen reader reads.
        table = page.locator("table[role=grid]").first
        expect(table).to_contain_text("Gedeelde doelen", timeout=TIMEOUT_MS)
        goals = table.locator("tbody tr").first.locator("td")
        # Goals: 2, 4 and 5 with two "don't know": a mean of 11/3, shown as 3,7.
        expect(goals.nth(1)).to_have_text("3,7")
        assert "3.66" not in table.inner_text() and "3.7" not in table.inner_text()
    finally:
        page.context.close()


# Each text of the chart (axis labels, levels, legend) with its size as the screen shows it: the chart is drawn at
# its size for 1920 px and scaled to the screen, so the computed size times that scale.
CHART_TEXTS = """chart => {
  const svg = chart.querySelector('.main-svg');
  const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
  return [...chart.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => ({
    text: t.textContent, shown: parseFloat(getComputedStyle(t).fontSize) * scale,
    kind: t.closest('.legend') ? 'legend' : t.closest('.angularaxistick') ? 'axis' : 'level'}));
}"""


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_the_radar_on_the_projector_reads_from_the_back_row(
    chromium: Browser, live_app: tuple[str, str], store: Store, language: str, width: int, height: int
) -> None:
    """Issue 23: the radar's labels were 17 px and smaller, below the projector's 25 px (16′ from the back row at
    1920 wide, docs/typography.md). Its presentation view: no control, no secret, every text of the chart and the
    "discuss first" list at least that (in proportion at 1280), the per-party legend under every label."""
    created = scored_board(store)
    page = chromium.new_context(viewport={"width": width, "height": height}).new_page()
    try:
        # Opened with the facilitator's link, as a facilitator might: the secret is swapped for the viewer key.
        url = screen_url(live_app[0], created, facilitator=True, page="radar")
        page.goto(f"{url}&view=presentation&parties=1&lang={language}")
        chart = page.locator(".js-plotly-plot").first
        expect(chart.locator(".legend .traces")).to_have_count(7, timeout=TIMEOUT_MS)
        page.locator(IDLE).wait_for(timeout=TIMEOUT_MS)
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        assert created.facilitator_token not in page.url and "v=" in page.url
        assert created.facilitator_token not in page.content()
        assert page.locator("button, input, [role=switch], [data-testid=stButtonGroup]").count() == 0

        scale = width / REFERENCE_WIDTH_PX
        smallest = font_px(MINIMUM_ARCMIN) * scale  # 25 px at 1920
        texts = chart.evaluate(CHART_TEXTS)
        assert {t["kind"] for t in texts} == {"legend", "axis", "level"}
        assert len([t for t in texts if t["kind"] == "axis"]) == len(DIMENSION_KEYS)
        for text in texts:
            least = PROJECTOR_LABEL_SIZE * scale if text["kind"] == "axis" else smallest
            assert text["shown"] >= least - 0.1, text
        first = page.locator(".st-key-radar_first")
        expect(first.locator("li")).to_have_count(3)
        sizes = first.locator("h3, p, li").evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert sizes and min(sizes) >= smallest - 0.1, sizes

        for label in chart.evaluate(LABELS_AND_LEGEND):  # nothing clipped, nothing under the legend
            assert label["bottom"] <= label["legendTop"], label
            assert label["top"] >= label["boxTop"] and label["boxLeft"] <= label["left"], label
            assert label["right"] <= label["boxRight"], label
        # The whole of it on the screen, without scrolling.
        assert chart.bounding_box()["y"] + chart.bounding_box()["height"] <= height + 0.5
        assert page.evaluate("() => document.documentElement.scrollHeight") <= height
    finally:
        page.context.close()
