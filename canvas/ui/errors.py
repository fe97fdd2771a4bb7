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
from canvas.models import Language
from canvas.text import CONTROL_CHARACTERS, INVISIBLE_ONLY

log = logging.getLogger(__name__)

# Streamlit's own control flow (st.rerun, st.stop, st.switch_page) travels as exceptions: let it pass.
_CONTROL_FLOW = (RerunException, StopException)


def error_message(error: CanvasError, language: Language) -> str:
    """The translated message of a domain error."""
    return t(error.message_key, language, **error.values)


def input_message(
    error: ValidationError,
    language: Language,
    *,
    empty_key: str = "error.text_empty",
    too_long_key: str = "error.text_too_long",
) -> str:
    """The clearest translated message for invalid input: what is wrong with the text, in words.

    Args:
        empty_key, too_long_key: a field's own wording for "empty" and "too long" (filled with ``max``).
    """
    problems = error.errors()
    kinds = {problem["type"] for problem in problems}
    # string_unicode: pydantic's own refusal of a lone surrogate, which no database can store either.
    if kinds & {CONTROL_CHARACTERS, "string_unicode"}:
        return t("error.control_characters", language)
    if INVISIBLE_ONLY in kinds:
        return t("error.invisible_only", language)
    for problem in problems:
        if problem["type"] == "string_too_long":
            limit = problem["ctx"]["max_length"]
            return t(too_long_key, language, max=limit, max_comment=limit)
    if kinds & {"string_too_short", "missing", "too_short"}:
        return t(empty_key, language)
    return t("error.generic", language)


def report_unexpected(error: BaseException, language: Language) -> str:
    """Log ``error`` with its traceback under a new incident id; show only the id. Returns the id."""
    incident = secrets.token_hex(4)
    log.error("incident %s: %s", incident, type(error).__name__, exc_info=error)
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


def guarded_callback(language_of: Callable[[], Language]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """For widget callbacks: the same fence, with the language read when the callback runs."""

    def decorate(callback: Callable[..., None]) -> Callable[..., None]:
        @wraps(callback)
        def run(*args: object, **kwargs: object) -> None:
            with shown_as_message(language_of()):
                callback(*args, **kwargs)

        return run

    return decorate
