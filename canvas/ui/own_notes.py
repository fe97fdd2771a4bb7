"""The participant's own notes on the phone: edit, move to another zone of the same canvas, delete (after a
second, explicit "yes").

Only the note being changed draws its controls: a phone's page stays light, so its rerun after every new
note is quick and does not slow down the shared screen. While the board is locked every control is disabled
and the page says why (views/join.py); a change that races the lock gets the store's message.
"""

from __future__ import annotations

from contextlib import nullcontext

import streamlit as st
from pydantic import ValidationError

from canvas.board_view import zone_label
from canvas.errors import CanvasError
from canvas.i18n import t
from canvas.models import NOTE_TEXT_MAX, BoardSnapshot, Language, Note, NoteEdit, Participant
from canvas.text import escape_markdown
from canvas.ui.context import get_store
from canvas.ui.errors import NOTE_TEXT_KEYS, error_message, input_message
from canvas.ui.flash import FLASH_KEY

EDITING_KEY = "editing_note"
CONFIRM_DELETE_KEY = "confirm_delete_note"


def own_notes(
    participant: Participant, language: Language, snapshot: BoardSnapshot, labels: dict[int, str], *, locked: bool
) -> None:
    """Every note of this participant, newest first (the one being changed above them), each with its zone and
    group. Read from the snapshot the page's signature was made of (follow.py): what the facilitator changes
    in them reruns the page."""
    notes = sorted(
        (note for note in snapshot.notes if note.participant_id == participant.id),
        key=lambda note: (note.created_at, note.id),
        reverse=True,
    )
    groups = {cluster.id: cluster.title for cluster in snapshot.clusters}
    st.subheader(t("join.own_notes", language, count=len(notes)))
    # The note being changed is drawn first, in a slot drawn on every run: the list follows the facilitator
    # live, and a note deleted above an open edit box would move it up, which makes the browser build it anew
    # (the focus gone, and the words typed next). A keyed container does not prevent that for sure: the
    # browser may draw the moved card once without its box before the rest of the redraw arrives.
    changing = {st.session_state.get(EDITING_KEY), st.session_state.get(CONFIRM_DELETE_KEY)}
    changing_slot = st.container()
    if not notes:
        st.caption(t("join.no_notes", language))
        return
    for note in notes:
        place = labels.get(note.zone_id, "?")
        if note.cluster_id in groups:  # the facilitator put it in a group
            place += " · " + t("facilitation.cluster_label", language, title=groups[note.cluster_id])
        with changing_slot if note.id in changing else nullcontext():
            _own_note(note, participant, language, snapshot, place, locked=locked)


def _own_note(
    note: Note, participant: Participant, language: Language, snapshot: BoardSnapshot, zone: str, *, locked: bool
) -> None:
    with st.container(border=True):
        st.caption(escape_markdown(zone))
        if st.session_state.get(CONFIRM_DELETE_KEY) == note.id:
            _confirm_delete(note, participant, language, locked=locked)
            return
        if st.session_state.get(EDITING_KEY) != note.id:
            st.text(note.text)
            if st.button(t("join.edit", language), key=f"edit_{note.id}", icon=":material/edit:", disabled=locked):
                st.session_state[EDITING_KEY] = note.id
                st.rerun()
            return
        _edit_form(note, participant, language, locked=locked)
        _move_row(note, participant, language, snapshot, locked=locked)


def _edit_form(note: Note, participant: Participant, language: Language, *, locked: bool) -> None:
    with st.form(f"edit_note_{note.id}", border=False):
        text = st.text_area(
            t("join.note_label", language, max=NOTE_TEXT_MAX),
            value=note.text,
            key=f"edit_text_{note.id}",  # open while locked: a disabled box would drop what was typed
        )
        save_column, delete_column, cancel_column = st.columns(3)
        save = save_column.form_submit_button(
            t("join.save", language), type="primary", width="stretch", disabled=locked
        )
        delete = delete_column.form_submit_button(t("join.delete", language), width="stretch", disabled=locked)
        cancel = cancel_column.form_submit_button(t("join.cancel", language), width="stretch")
    if cancel:
        st.session_state.pop(EDITING_KEY, None)
        st.rerun()
    if delete:  # nothing is deleted yet: the note asks first
        st.session_state[CONFIRM_DELETE_KEY] = note.id
        st.rerun()
    if save:
        _save_text(note, participant, language, text)


def _save_text(note: Note, participant: Participant, language: Language, text: str) -> None:
    try:
        edit = NoteEdit(text=text)
    except ValidationError as error:
        st.error(input_message(error, language, **NOTE_TEXT_KEYS))
        return
    try:
        get_store().edit_note(note_id=note.id, participant_id=participant.id, edit=edit)
    except CanvasError as error:  # the lock came first, say: the typed text stays in the box
        st.error(error_message(error, language))
        return
    st.session_state[FLASH_KEY] = ("join.note_saved", "success")
    st.session_state.pop(EDITING_KEY, None)
    st.rerun()


def _confirm_delete(note: Note, participant: Participant, language: Language, *, locked: bool) -> None:
    st.text(note.text)
    st.warning(t("facilitation.delete_confirm", language), icon=":material/delete:")
    yes_column, no_column = st.columns(2)
    yes = yes_column.button(
        t("facilitation.delete_yes", language),
        key=f"delete_yes_{note.id}",
        type="primary",
        width="stretch",
        disabled=locked,
    )
    if no_column.button(t("join.cancel", language), key=f"delete_no_{note.id}", width="stretch"):
        st.session_state.pop(CONFIRM_DELETE_KEY, None)
        st.rerun()
    if not yes:
        return
    try:
        get_store().delete_note(note_id=note.id, participant_id=participant.id)
    except CanvasError as error:
        st.error(error_message(error, language))
        return
    st.session_state.pop(CONFIRM_DELETE_KEY, None)
    st.session_state.pop(EDITING_KEY, None)
    st.session_state[FLASH_KEY] = ("join.note_deleted", "success")
    st.rerun()


def _move_row(
    note: Note, participant: Participant, language: Language, snapshot: BoardSnapshot, *, locked: bool
) -> None:
    """Another zone of the same canvas (the store refuses other canvases to authors)."""
    zone = next((z for z in snapshot.zones if z.id == note.zone_id), None)
    if zone is None:
        return
    canvas = snapshot.canvas(zone.canvas_id)
    targets = {z.id: zone_label(canvas, z, language)[0] for z in snapshot.zones_of(canvas.id) if z.id != zone.id}
    if not targets:
        return
    target_column, button_column = st.columns([3, 2], vertical_alignment="bottom")
    target = target_column.selectbox(
        t("facilitation.move_to", language),
        list(targets),
        format_func=targets.__getitem__,
        key=f"move_target_{note.id}",
        disabled=locked,
    )
    if (
        not button_column.button(
            t("facilitation.move_button", language),
            key=f"move_{note.id}",
            icon=":material/move_down:",
            width="stretch",
            disabled=locked,
        )
        or target is None
    ):
        return
    try:
        get_store().move_note(note_id=note.id, zone_id=target, participant_id=participant.id)
    except CanvasError as error:
        st.error(error_message(error, language))
        return
    st.session_state.pop(EDITING_KEY, None)
    st.session_state[FLASH_KEY] = ("facilitation.note_moved", "success")
    st.rerun()
