"""What a page says when something goes wrong: a message in the user's language, never a traceback.

Domain errors (``CanvasError``) and input errors (pydantic ``ValidationError``) become their translated
message. Anything else is logged with a short incident id, and only that id is shown, so no SQL, parameter
or secret ever reaches a page (``client.showErrorDetails = "none"`` in .streamlit/config.toml is the second
fence, for errors raised outside these wrappers).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

import streamlit as st
from pydantic import ValidationError
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from canvas.errors import CanvasError
from canvas.i18n import t

# Re-exported: the pages import them from here.
from canvas.input_problems import NOTE_TEXT_KEYS as NOTE_TEXT_KEYS
from canvas.input_problems import input_problem as input_problem
from canvas.models import Language

log = logging.getLogger(__name__)

# Streamlit's own control flow (st.rerun, st.stop, st.switch_page) travels as exceptions: let it pass.
_CONTROL_FLOW = (RerunException, StopException)


def error_message(error: CanvasError, language: Language) -> str:
    """The translated message of a domain error."""
    return t(error.message_key, language, **error.values)


def input_message(error: ValidationError, language: Language, **keys: str) -> str:
    """``input_problem`` as a message in ``language``."""
    key, values = input_problem(error, **keys)
    return t(key, language, **values)


def log_incident(error: BaseException) -> str:
    """Log ``error`` with its traceback (server side only) under a new short incident id, and return the id."""
    incident = secrets.token_hex(4)
    log.error("incident %s: %s", incident, type(error).__name__, exc_info=error)
    return incident


def report_unexpected(error: BaseException, language: Language) -> str:
    """Log ``error`` under a new incident id and show only the id on the page. Returns the id."""
    incident = log_incident(error)
    st.error(t("error.incident", language, incident=incident), icon=":material/error:")
    return incident


@contextmanager
def shown_as_message(language: Language) -> Iterator[None]:
    """Run a block; a domain error becomes its message, anything else an incident id (and a log entry)."""
    try:
        yield
    except _CONTROL_FLOW:
        raise
    except CanvasError as error:
        st.error(error_message(error, language))
    except Exception as error:  # the last fence: whatever it was, the page shows no traceback
        report_unexpected(error, language)


def fenced(language: Language) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The same fence as a decorator, for fragments and callbacks: Streamlit runs those apart from the page
    script, so an error there never reaches the fence around the page (app.py)."""

    def decorate(body: Callable[..., None]) -> Callable[..., None]:
        @wraps(body)
        def run(*args: object, **kwargs: object) -> None:
            with shown_as_message(language):
                body(*args, **kwargs)

        return run

    return decorate
