"""Start and stop live push with the server: the hub, the events route, and a clean exit on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from canvas import hub as live_hub
from canvas.retention import start_retention
from canvas.ui import context
from canvas.ui.logs import configure_logging
from canvas.web.events import EVENTS_PATH

log = logging.getLogger(__name__)


def _end_streams_on_shutdown_signal(hub: live_hub.LiveHub) -> Callable[[], None]:
    """Close every event stream when SIGTERM/SIGINT arrives, before the server's own handler runs.

    Without this, uvicorn waits for open streams to finish, which they never do, and the server hangs
    on shutdown. Returns a function that puts the previous handlers back.
    """
    if threading.current_thread() is not threading.main_thread():
        log.warning("live updates: not on the main thread; open streams may delay shutdown")
        return lambda: None
    previous = {}
    for signum in (signal.SIGTERM, signal.SIGINT):
        handler = signal.getsignal(signum)
        previous[signum] = handler

        def close_then_continue(sig: int, frame: object, _handler: object = handler) -> None:
            hub.close_streams()
            if callable(_handler):
                _handler(sig, frame)
            elif _handler == signal.SIG_DFL:
                raise SystemExit(128 + sig)

        signal.signal(signum, close_then_continue)

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore


@asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """The ``st.App`` lifespan: a live hub for this process, fed by the store's commit hook. It shares the
    store and the snapshot cache with the pages, so a change is loaded once for streams and reruns alike.
    Beside it, the daily purge of expired boards (canvas/retention.py), so retention needs no cron job."""
    configure_logging()
    retention = start_retention(context.get_store(), purge_hours=context.get_settings().purge_hours)
    hub = live_hub.LiveHub(
        context.get_store(), context.get_snapshots(), check_seconds=context.get_settings().push_check_seconds
    )
    await hub.start()
    live_hub.set_running_hub(hub)
    restore_signals = _end_streams_on_shutdown_signal(hub)
    log.info("live updates: push is on (server-sent events at %s)", EVENTS_PATH)
    try:
        yield
    finally:
        live_hub.set_running_hub(None)
        restore_signals()
        await hub.stop()
        if retention is not None:
            await asyncio.to_thread(retention.stop)
