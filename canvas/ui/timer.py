"""A step's countdown on any page: "Nog 4:05" / "4:05 left", counted down in the browser.

Every screen counts down to the same moment, the timer's ``ends_at`` (the server's clock), so the console and
the projector show the same time however late their page arrives. The server sends ``ends_at`` and its own
time at drawing. A browser whose clock agrees with the server's (the difference is no more than a page's
delivery can explain: up to ``LATE_MS`` behind, ``AHEAD_MS`` ahead) counts on its own clock; one that is off by
more (a phone set minutes or a day wrong) counts from the server's time at drawing instead, so it still shows
nearly the projector's time. Counting from the page's arrival alone, as before, put a console whose redraw came
seconds late seconds behind the projector (issue #23: 4:57 against 4:52). The browser then counts with its
monotonic clock, and no page reruns once a second: sixty phones polling every second would keep the server busy
for nothing. A pause, a restart or extra time changes the board's structure signature, so pages rerun once and
the countdown starts again from the new state.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from canvas.facilitation import format_seconds
from canvas.i18n import t
from canvas.models import Language, Timer

_CSS = """
.sc-timer { font-weight: 700; font-variant-numeric: tabular-nums; color: var(--sc-ink); line-height: 1.2;
  display: inline-flex; align-items: baseline; gap: .4em; padding: .2rem .7rem; border-radius: .5rem;
  background: var(--sc-tint); font-size: 1.25rem; }
.sc-timer[data-state=paused] { color: #5b5b63; }
.sc-timer[data-state=done] { background: var(--sc-roof); color: #fff; }
.sc-timer.sc-timer-large { font-size: clamp(2.5rem, 6vw, 5.5rem); padding: .2rem 1.2rem; }
"""

# Trusted code of our own; the texts arrive as data and are set with textContent, never as HTML.
_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let box = parentElement.querySelector(".sc-timer");
  if (!box) {
    box = document.createElement("div");
    box.className = "sc-timer";
    box.setAttribute("role", "timer");
    parentElement.append(box);
  }
  if (box.__scTick) clearInterval(box.__scTick);
  if (!data) return undefined;
  box.classList.toggle("sc-timer-large", Boolean(data.large));
  // The server's clock from this browser's: 0 when they agree (a page's delay explains the difference).
  const received = Date.now();
  const seen = data.server_now_ms - received;  // the clocks' difference, less the page's delivery time
  const offset = seen <= data.ahead_ms && seen >= -data.late_ms ? 0 : seen;
  const started = performance.now();
  const msAtStart = data.ends_at_ms === null ? data.ms_left : data.ends_at_ms - (received + offset);
  const format = (seconds) => {
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    const two = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
  };
  const draw = () => {
    const ms = data.running ? msAtStart - (performance.now() - started) : data.ms_left;
    const seconds = Math.max(0, Math.ceil(ms / 1000 - 0.0005));
    const state = seconds <= 0 ? "done" : data.running ? "running" : "paused";
    const template = { done: data.text_done, running: data.text_left, paused: data.text_paused }[state];
    const text = template.replace("{time}", format(seconds));
    if (box.textContent !== text) box.textContent = text;
    box.dataset.state = state;
    box.dataset.seconds = String(seconds);
    if (state !== "running" && box.__scTick) {
      clearInterval(box.__scTick);
      box.__scTick = null;
    }
  };
  draw();
  if (data.running) box.__scTick = setInterval(draw, 250);
  return () => {
    if (box.__scTick) clearInterval(box.__scTick);
    box.__scTick = null;
  };
}
"""

# How far the server's time at drawing may be behind this browser's clock (the page took that long to arrive) or
# ahead of it (clocks a little apart), for the browser to count on its own clock.
LATE_MS = 15_000
AHEAD_MS = 1_000

_countdown = st.components.v2.component("samenwerkingscanvas_timer", css=_CSS, js=_JS, isolate_styles=True)


def timer_text(timer: Timer, language: Language, *, now: datetime | None = None) -> str:
    """What the countdown says at ``now`` (the server's clock): "Nog 4:05", paused, or "De tijd is om"."""
    left = timer.left_at(now or datetime.now(UTC))
    if left <= 0:
        return t("facilitation.timer_done", language)
    key = "facilitation.timer_left" if timer.running else "facilitation.timer_paused"
    return t(key, language, time=format_seconds(left))


def countdown(timer: Timer, language: Language, *, key: str, large: bool = False, now: datetime | None = None) -> None:
    """Draw the timer, counting down in the browser to the timer's ``ends_at`` (see the module).

    Args:
        key: unique on the page (e.g. ``f"timer_{canvas.id}"``).
        large: the projector's size (it scales with the screen's width).
        now: the server's clock (tests pass a fixed one); default the current time.
    """
    now = now or datetime.now(UTC)
    if timer.ends_at is not None:  # running
        ms_left = max(0.0, (timer.ends_at - now).total_seconds() * 1000)
    else:
        ms_left = max(0, timer.seconds_left or 0) * 1000.0
    _countdown(
        data={
            "running": timer.running and ms_left > 0,
            "ms_left": ms_left,
            "ends_at_ms": timer.ends_at.timestamp() * 1000 if timer.ends_at is not None else None,
            "server_now_ms": now.timestamp() * 1000,
            "late_ms": LATE_MS,
            "ahead_ms": AHEAD_MS,
            "large": large,
            "text_left": t("facilitation.timer_left", language, time="{time}"),
            "text_paused": t("facilitation.timer_paused", language, time="{time}"),
            "text_done": t("facilitation.timer_done", language),
        },
        key=key,
        height="content",
    )
