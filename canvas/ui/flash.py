"""One-time messages that a callback leaves for the next run of a phone page."""

from __future__ import annotations

import streamlit as st

from canvas.i18n import t
from canvas.models import NOTE_TEXT_MAX, SCORE_COMMENT_MAX, Language

FLASH_KEY = "participant_flash"


def flash_slot(language: Language) -> None:
    """Show the message a callback left for this run: success as a toast, an error in place.

    The slot is drawn on every run, message or not, so nothing below it moves when a message comes
    or goes: a form that moved would be rebuilt by the browser and lose what someone was typing.
    """
    flash = st.session_state.pop(FLASH_KEY, None)
    slot = st.container()
    if not flash:
        return
    key, kind, *values = flash if isinstance(flash, tuple) else (flash, "success")
    # A third element carries the message's own values (a limit, or the length a text may have).
    message = t(
        key, language, **{"max": NOTE_TEXT_MAX, "max_comment": SCORE_COMMENT_MAX, **(values[0] if values else {})}
    )
    if kind == "error":
        slot.error(message)
    else:
        st.toast(message, icon=":material/check_circle:")
