"""The phone's Streamlit parts (views/join.py): join by code, and say who you are (or change it).

Everything after joining (the step, the dots, the scoring round, the note form, one's own notes) is one element
drawn in the browser from the live channel: canvas/ui/phone.py.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from canvas.errors import BoardNotFound, CanvasError, ParticipantNotFound
from canvas.i18n import t
from canvas.models import DISPLAY_NAME_MAX, JOIN_CODE_LENGTH, Board, Language, Participant, ParticipantCreate, Party
from canvas.ui import context
from canvas.ui.context import BOARD_PARAM, LANGUAGE_PARAM, PARTICIPANT_PARAM, get_store
from canvas.ui.errors import error_message, input_message
from canvas.ui.flash import FLASH_KEY
from canvas.ui.phone import FOCUS_ZONE_KEY
from canvas.ui.screens import Screen

PARTY_KEY = "participant_party"


def code_form(language: Language) -> None:
    """The board code box: on the start page, and on a join link that lost its code. An unknown code is said
    at the box; a known one opens this page on its board."""
    with st.form("join_code"):
        code = st.text_input(t("join.code_label", language), max_chars=JOIN_CODE_LENGTH + 4, placeholder="ABC123")
        # Said under the box, not in a "?" tooltip: Streamlit names that icon "Help for …" in English.
        st.caption(t("join.code_help", language))
        submitted = st.form_submit_button(t("join.code_button", language), type="primary")
    if not submitted:
        return
    if not code.strip():
        st.error(t("error.code_empty", language))
        return
    try:
        board = get_store().find_board(code=code)
    except BoardNotFound:
        st.error(t("error.board_not_found", language))
        return
    st.switch_page(Screen.JOIN.script, query_params={BOARD_PARAM: board.code, LANGUAGE_PARAM: language.value})


def participant_from_url(board: Board) -> Participant | None:
    participant_id = context.url_state().participant_id
    if not participant_id:
        return None
    try:
        return get_store().get_participant(board_id=board.id, participant_id=participant_id)
    except ParticipantNotFound:
        # A link from another board or an old link: start fresh rather than fail.
        del st.query_params[PARTICIPANT_PARAM]
        return None


def profile_form(board: Board, language: Language, *, participant: Participant | None) -> None:
    """Join (``participant`` None) or change your profile. The party starts unchosen when joining: a default
    would count people for a party they never picked. On an anonymous board no name is asked (and a stored
    one is kept, unseen)."""
    parties = list(Party)
    suffix = "new" if participant is None else "edit"
    with st.form("participant_profile" if participant is None else "participant_profile_edit"):
        if participant is None:
            st.markdown(t("join.welcome", language))
        if board.anonymous:
            st.caption(t("facilitation.anonymous_join", language))
            name = participant.display_name if participant else None
        else:
            name = st.text_input(
                t("join.name_label", language),
                value=(participant.display_name or "") if participant else "",
                max_chars=DISPLAY_NAME_MAX,
                placeholder=t("join.name_placeholder", language),
                autocomplete="nickname",  # WCAG 1.3.5: the browser may offer the name it knows (it said "")
            )
            st.caption(t("join.name_help", language))  # not help=: its icon is named "Help for …" in English
        party = st.radio(
            t("join.party_label", language),
            parties,
            index=parties.index(participant.party) if participant else None,
            format_func=lambda p: t(f"party.{p.value}", language),
            key=f"{PARTY_KEY}_{suffix}",
        )
        label = "join.start_button" if participant is None else "join.save_profile"
        submitted = st.form_submit_button(t(label, language), type="primary", width="stretch")
    if not submitted:
        return
    if party is None:  # the form keeps what was typed; nothing is stored
        st.error(t("error.party_missing", language))
        return
    try:
        profile = ParticipantCreate(display_name=name, party=party)
    except ValidationError as error:
        st.error(input_message(error, language, too_long_key="error.display_name"))
        return
    store = get_store()
    try:
        if participant is None:
            joined = store.join(board_id=board.id, new=profile)
            st.query_params[PARTICIPANT_PARAM] = joined.id
            st.session_state[FOCUS_ZONE_KEY] = True  # the next step: choose a zone (the phone focuses it)
        else:
            store.update_participant(board_id=board.id, participant_id=participant.id, change=profile)
            st.session_state[FLASH_KEY] = "join.profile_saved"
    except CanvasError as error:  # a full board: say so where the form is, and stay
        st.error(error_message(error, language))
        return
    st.rerun()
