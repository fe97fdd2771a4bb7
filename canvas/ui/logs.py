"""Log lines of our own next to Streamlit's, in the same shape, on the server's stderr."""

from __future__ import annotations

import logging

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: int = logging.INFO) -> None:
    """Give the ``canvas`` loggers a handler once per process (Streamlit only configures its own)."""
    logger = logging.getLogger("canvas")
    if any(getattr(h, "_canvas", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._canvas = True  # type: ignore[attr-defined]  # marks our handler, so a rerun adds no second one
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
