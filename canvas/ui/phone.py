"""The participant's phone after joining: one element (phone.js) that draws the page from the live channel.

With push (``streamlit run serve.py``) the element listens to the board's stream (``kind=phone``: what a phone
draws, filtered for this participant) and sends what the person does to ``POST /act/<code>``: a facilitator's
press or another person's note costs no script run for any phone. Without push (``streamlit run app.py``) the
same element is fed by a fragment that polls once every ``CANVAS_REFRESH_SECONDS``, and its requests go through
Streamlit's trigger to the same ``perform``: one phone, two ways of carrying its messages.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import streamlit as st

from canvas.errors import BoardNotFound
from canvas.i18n import t
from canvas.models import Board, Language, Participant
from canvas.palette import css_variables
from canvas.phone_actions import PhoneRequest, perform
from canvas.phone_view import as_text, own_part_of, phone_message_text, phone_own_parts, phone_room, phone_static
from canvas.ui.board_component import component_js
from canvas.ui.context import get_settings, get_snapshots, get_store
from canvas.ui.follow import CLOSED_KEY, events_url, mark_closed, push_failed
from canvas.web.actions import ACTIONS_PATH

PHONE_KEY = "phone"
OUTCOME_KEY = "phone_outcome"
# Set when the person has just joined: the phone's first drawing puts the keyboard on the zone choice (the
# page's own focus request cannot reach into the element's shadow root).
FOCUS_ZONE_KEY = "phone_focus_zone"

_ASSETS = Path(__file__).parent / "board_component"
_phone_component = st.components.v2.component(
    "samenwerkingscanvas_phone",
    css=f".sc-phone {{ {css_variables()} }}\n" + (_ASSETS / "phone.css").read_text(encoding="utf-8"),
    js=component_js("phone.js"),
    isolate_styles=True,
)


def phone_message(board: Board, participant: Participant, language: Language) -> dict:
    """The phone's message as the live channel would send it now (the first drawing, and every poll)."""
    snapshot = get_snapshots().latest(board_id=board.id, with_scores=True)
    own = own_part_of(phone_own_parts(snapshot, only=participant.id), snapshot, participant.id)
    text = phone_message_text(
        snapshot.revision, as_text(phone_room(snapshot, language)), as_text(own), round(time.time() * 1000)
    )
    return json.loads(text)


def actions_url(board: Board) -> str:
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return ("/" + prefix if prefix else "") + ACTIONS_PATH.format(code=board.code)


def _act(board: Board, participant: Participant, language: Language) -> None:
    """The trigger's callback (no push): run the phone's request as the route would, keep the answer for the
    element (it waits for the answer to its request number)."""
    sent = (st.session_state.get(PHONE_KEY) or {}).get("act") or {}
    try:
        request = PhoneRequest.model_validate({"p": participant.id, "lang": language.value, "action": sent["action"]})
    except (KeyError, TypeError, ValueError):
        st.session_state[OUTCOME_KEY] = {"seq": sent.get("seq"), "ok": False, "message": t("error.generic", language)}
        return
    outcome = perform(
        get_store(), board_id=board.id, participant_id=participant.id, action=request.action, language=language
    )
    st.session_state[OUTCOME_KEY] = {"seq": sent.get("seq"), **outcome.as_json()}


def phone(board: Board, participant: Participant, language: Language) -> None:
    """Draw the phone's page body for this participant (after joining)."""
    push_url = events_url(board, p=participant.id, phone_language=language)
    static = phone_static(language)
    me = {"name": participant.display_name, "party": participant.party.value}
    # A new token per request, kept while this page is polled: the element moves the focus once per token.
    focus_zone = uuid.uuid4().hex if st.session_state.pop(FOCUS_ZONE_KEY, False) else None

    def draw() -> None:
        try:
            message = phone_message(board, participant, language)
        except BoardNotFound:
            mark_closed()
            message = {"rev": -1, "closed": True}
        _phone_component(
            data={
                "static": static,
                "me": me,
                "p": participant.id,
                "push_url": push_url,
                "act_url": actions_url(board) if push_url else None,
                "message": message,
                "outcome": st.session_state.get(OUTCOME_KEY),
                "focus_zone": focus_zone,
            },
            key=PHONE_KEY,
            on_act_change=lambda: _act(board, participant, language),
            on_push_failed_change=push_failed(PHONE_KEY),
            height="content",
        )

    if push_url:
        draw()
        return

    @st.fragment(run_every=get_settings().refresh_seconds)
    def poll() -> None:
        if st.session_state.get(CLOSED_KEY):
            st.rerun(scope="app")
        draw()

    poll()
