"""The participant's phone: say who you are, write notes into zones, edit or delete your own.

The phone follows the facilitator: when another canvas goes on the shared screen its zones appear here,
and when a scoring round opens the scoring form does, without anyone touching the phone (follow.py).
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from canvas.board_view import canvas_title, zone_label
from canvas.errors import CanvasError, ParticipantNotFound
from canvas.i18n import t
from canvas.models import (
    DISPLAY_NAME_MAX,
    NOTE_TEXT_MAX,
    Board,
    BoardSnapshot,
    Canvas,
    Language,
    Note,
    NoteCreate,
    NoteEdit,
    Participant,
    ParticipantCreate,
    Party,
)
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.context import BOARD_PARAM, PARTICIPANT_PARAM, get_snapshots, get_store
from canvas.ui.errors import error_message, input_message, input_problem, log_incident
from canvas.ui.flash import FLASH_KEY, flash_slot
from canvas.ui.follow import events_url, follow_structure, stop_if_closed
from canvas.ui.page_language import focus_after_rerun
from canvas.ui.scoring import scoring_section

NOTE_TEXT_KEY = "new_note_text"
NOTE_ZONE_KEY = "new_note_zone"
NOTE_CANVAS_KEY = "new_note_canvas"
MODE_NOTES = "notes"
EDITING_KEY = "editing_note"
MODE_SCORE = "score"
MODE_KEY = "participant_mode"
FOLLOWED_CANVAS_KEY = "followed_canvas"
FOLLOWED_ROUND_KEY = "followed_round"
LISTENER_KEY = "phone_listener"


def render() -> None:
    language = context.current_language()
    stop_if_closed(language)
    board = context.find_board_from_url(language)
    if board is not None:
        language = context.current_language(board)
    _, top_right = st.columns([4, 1], vertical_alignment="center")
    with top_right:
        context.language_switch(language)
    if board is None:
        _ask_for_code(language)
        return

    st.title(escape_markdown(board.title))
    participant = _participant_from_url(board)
    if participant is None:
        _profile_form(board, language, participant=None)
        return

    st.caption(
        t(
            "participant.you_are",
            language,
            name=escape_markdown(participant.display_name or t("participant.anonymous", language)),
            party=t(f"party.{participant.party.value}", language),
        )
    )
    snapshot = get_snapshots().latest(board_id=board.id)
    _follow_the_facilitator(snapshot)
    follow_structure(snapshot, events_url(board, p=participant.id), key=LISTENER_KEY)
    if snapshot.open_round is not None and _choose_mode(language) == MODE_SCORE:
        scoring_section(board, participant, get_snapshots().latest(board_id=board.id, with_scores=True), language)
    else:
        _note_form(board, participant, language, snapshot)
        _own_notes(board, participant, language, _zone_labels(snapshot, language))
    with st.expander(t("participant.change_profile", language)):
        _profile_form(board, language, participant=participant)


def _follow_the_facilitator(snapshot: BoardSnapshot) -> None:
    """When the facilitator shows another canvas, the phone's note form goes there too; when a round opens,
    the phone shows the scoring form. Only on a change: a phone that then picks something else keeps it."""
    active = snapshot.active_canvas.id
    if st.session_state.get(FOLLOWED_CANVAS_KEY) != active:
        st.session_state[FOLLOWED_CANVAS_KEY] = active
        st.session_state[NOTE_CANVAS_KEY] = active
    open_round = snapshot.open_round.id if snapshot.open_round else None
    if FOLLOWED_ROUND_KEY not in st.session_state or st.session_state[FOLLOWED_ROUND_KEY] != open_round:
        st.session_state[FOLLOWED_ROUND_KEY] = open_round
        st.session_state[MODE_KEY] = MODE_SCORE if open_round is not None else MODE_NOTES


def _choose_mode(language: Language) -> str:
    """Notes or scores: offered only while a scoring round is open."""
    st.info(t("score.round_open", language), icon=":material/radar:")
    labels = {MODE_NOTES: t("participant.mode_notes", language), MODE_SCORE: t("participant.mode_score", language)}
    return (
        st.segmented_control(
            t("participant.mode_label", language),
            list(labels),
            format_func=labels.get,
            key=MODE_KEY,
            required=True,  # tapping the chosen mode again keeps it (it would otherwise switch to notes)
            label_visibility="collapsed",
            width="stretch",
        )
        or MODE_NOTES
    )


def _ask_for_code(language: Language) -> None:
    st.title(t("participant.join_title", language))
    with st.form("participant_code"):
        code = st.text_input(t("start.code_label", language), placeholder="ABC123")
        if st.form_submit_button(t("start.join_button", language), type="primary"):
            if code.strip():
                st.query_params[BOARD_PARAM] = code.strip().upper()
                st.rerun()
            st.error(t("error.code_empty", language))


def _participant_from_url(board: Board) -> Participant | None:
    participant_id = context.url_state().participant_id
    if not participant_id:
        return None
    try:
        return get_store().get_participant(board_id=board.id, participant_id=participant_id)
    except ParticipantNotFound:
        # A link from another board or an old link: start fresh rather than fail.
        del st.query_params[PARTICIPANT_PARAM]
        return None


def _profile_form(board: Board, language: Language, *, participant: Participant | None) -> None:
    parties = list(Party)
    with st.form("participant_profile" if participant is None else "participant_profile_edit"):
        if participant is None:
            st.markdown(t("participant.welcome", language))
        name = st.text_input(
            t("participant.name_label", language),
            value=(participant.display_name or "") if participant else "",
            max_chars=DISPLAY_NAME_MAX,
            placeholder=t("participant.name_placeholder", language),
        )
        st.caption(t("participant.name_help", language))  # not help=: its icon is named "Help for …" in English
        party = st.radio(
            t("participant.party_label", language),
            parties,
            index=parties.index(participant.party) if participant else parties.index(Party.OTHER),
            format_func=lambda p: t(f"party.{p.value}", language),
        )
        label = "participant.start_button" if participant is None else "participant.save_profile"
        submitted = st.form_submit_button(t(label, language), type="primary", width="stretch")
    if not submitted:
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
            focus_after_rerun(f".st-key-{NOTE_ZONE_KEY} button")  # the next step: choose a zone
        else:
            store.update_participant(board_id=board.id, participant_id=participant.id, change=profile)
            st.session_state[FLASH_KEY] = "participant.profile_saved"
    except CanvasError as error:  # a full board: say so where the form is, and stay
        st.error(error_message(error, language))
        return
    st.rerun()


def _zone_labels(snapshot: BoardSnapshot, language: Language) -> dict[int, str]:
    """Every zone of the board, labelled "canvas · zone" when the board holds several canvases."""
    several = len(snapshot.canvases) > 1
    labels = {}
    for canvas in snapshot.canvases:
        prefix = f"{canvas_title(canvas, language)} · " if several else ""
        for zone in snapshot.zones_of(canvas.id):
            labels[zone.id] = prefix + zone_label(canvas, zone, language)[0]
    return labels


def _choose_canvas(snapshot: BoardSnapshot, language: Language) -> Canvas:
    """Which canvas the next note goes on: the one on the shared screen, unless the phone picks another."""
    if len(snapshot.canvases) == 1:
        return snapshot.canvases[0]
    ids = [c.id for c in snapshot.canvases]
    if st.session_state.get(NOTE_CANVAS_KEY) not in ids:
        st.session_state[NOTE_CANVAS_KEY] = snapshot.active_canvas.id
    # Pill labels are markdown: user text is escaped (canvas names are facilitator text).
    titles = {c.id: escape_markdown(canvas_title(c, language)) for c in snapshot.canvases}
    chosen = st.pills(t("participant.canvas_label", language), ids, format_func=titles.get, key=NOTE_CANVAS_KEY)
    return snapshot.canvas(chosen)


def _choose_zone(snapshot: BoardSnapshot, canvas: Canvas, language: Language) -> None:
    zones = snapshot.zones_of(canvas.id)
    labels = {z.id: tuple(escape_markdown(part) for part in zone_label(canvas, z, language)) for z in zones}
    if st.session_state.get(NOTE_ZONE_KEY) not in labels:
        st.session_state[NOTE_ZONE_KEY] = None
    zone_id = st.pills(
        t("participant.zone_label", language), list(labels), format_func=lambda z: labels[z][0], key=NOTE_ZONE_KEY
    )
    # The zone's question, as a hint for what to write. Always drawn (a hint to pick a zone until one is
    # picked), so choosing a zone never shifts the form below: a form that moves can lose what was typed.
    question = labels[zone_id][1] if zone_id is not None else ""
    st.caption(question or t("participant.zone_hint", language))


def _add_note(board: Board, participant: Participant) -> None:
    """Form callback: runs before the page, so clearing the text box here is allowed."""
    text = st.session_state.get(NOTE_TEXT_KEY, "")
    zone_id = st.session_state.get(NOTE_ZONE_KEY)
    if zone_id is None:
        st.session_state[FLASH_KEY] = ("error.zone_missing", "error")
        return
    try:
        new = NoteCreate(zone_id=zone_id, text=text)
    except ValidationError as error:
        key, values = input_problem(error, empty_key="error.note_empty", too_long_key="error.note_too_long_kept")
        st.session_state[FLASH_KEY] = (key, "error", values)
        return
    try:
        get_store().add_note(board_id=board.id, participant_id=participant.id, new=new)
    except CanvasError as error:
        st.session_state[FLASH_KEY] = (error.message_key, "error", error.values)
        return
    except Exception as error:  # a callback's traceback would reach the page: log it, show an incident id
        st.session_state[FLASH_KEY] = ("error.incident", "error", {"incident": log_incident(error)})
        return
    st.session_state[NOTE_TEXT_KEY] = ""
    st.session_state[FLASH_KEY] = ("participant.note_added", "success")


def _note_form(board: Board, participant: Participant, language: Language, snapshot: BoardSnapshot) -> None:
    with st.container(border=True):
        st.subheader(t("participant.new_note", language))
        flash_slot(language)
        # Canvas and zone sit outside the form: choosing one shows its zones and question at once.
        canvas = _choose_canvas(snapshot, language)
        _choose_zone(snapshot, canvas, language)
        with st.form("new_note", border=False):
            _note_text_and_submit(board, participant, language)


def _note_text_and_submit(board: Board, participant: Participant, language: Language) -> None:
    st.text_area(
        t("participant.note_label", language, max=NOTE_TEXT_MAX),  # the limit said before it bites; no max_chars:
        key=NOTE_TEXT_KEY,  # the browser would cut a long paste without a word (a too long note gets a message)
        placeholder=t("participant.note_placeholder", language),
        height=110,
    )
    st.form_submit_button(
        t("participant.add_button", language),
        type="primary",
        width="stretch",
        on_click=_add_note,
        args=(board, participant),
    )


def _own_notes(board: Board, participant: Participant, language: Language, choices: dict[int, str]) -> None:
    notes = get_store().notes_of(board_id=board.id, participant_id=participant.id)
    st.subheader(t("participant.own_notes", language, count=len(notes)))
    if not notes:
        st.caption(t("participant.no_notes", language))
        return
    for note in notes:
        _own_note(note, participant, language, choices.get(note.zone_id, "?"))


def _own_note(note: Note, participant: Participant, language: Language, zone_title: str) -> None:
    """One of your notes. The edit form is drawn only for the note being edited: a phone's page stays light,
    so its rerun after every new note is quick and does not slow down the shared screen."""
    with st.container(border=True):
        st.caption(escape_markdown(zone_title))
        if st.session_state.get(EDITING_KEY) != note.id:
            st.text(note.text)
            if st.button(t("participant.edit", language), key=f"edit_{note.id}", icon=":material/edit:"):
                st.session_state[EDITING_KEY] = note.id
                st.rerun()
            return
        with st.form(f"edit_note_{note.id}", border=False):
            text = st.text_area(
                t("participant.note_label", language, max=NOTE_TEXT_MAX),
                value=note.text,
                key=f"edit_text_{note.id}",
            )
            save_column, delete_column, cancel_column = st.columns(3)
            save = save_column.form_submit_button(t("participant.save", language), type="primary", width="stretch")
            delete = delete_column.form_submit_button(t("participant.delete", language), width="stretch")
            cancel = cancel_column.form_submit_button(t("participant.cancel", language), width="stretch")
        if cancel:
            st.session_state.pop(EDITING_KEY, None)
            st.rerun()
        if save or delete:
            _change_note(note, participant, language, text=text, delete=delete)


def _change_note(note: Note, participant: Participant, language: Language, *, text: str, delete: bool) -> None:
    store = get_store()
    try:
        if delete:
            store.delete_note(note_id=note.id, participant_id=participant.id)
            st.session_state[FLASH_KEY] = ("participant.note_deleted", "success")
        else:
            try:
                edit = NoteEdit(text=text)
            except ValidationError as error:
                st.error(
                    input_message(
                        error, language, empty_key="error.note_empty", too_long_key="error.note_too_long_kept"
                    )
                )
                return
            store.edit_note(note_id=note.id, participant_id=participant.id, edit=edit)
            st.session_state[FLASH_KEY] = ("participant.note_saved", "success")
        st.session_state.pop(EDITING_KEY, None)
    except CanvasError as error:
        st.error(error_message(error, language))
        return
    st.rerun()
