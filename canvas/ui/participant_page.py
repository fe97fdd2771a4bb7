"""The participant's phone: say who you are, write notes into zones, edit, move or delete your own, and take
part in the facilitated steps of the canvas on the screen (private writing, voting, the ranking).

The phone follows the facilitator: when another canvas goes on the shared screen its zones appear here, when
its phase, timer or the lock changes the page says so, and when a scoring round opens the scoring form
appears, without anyone touching the phone (follow.py). Others' new notes do not rerun a phone.
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
    NoteCreate,
    Participant,
    ParticipantCreate,
    Party,
    Phase,
)
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.context import BOARD_PARAM, PARTICIPANT_PARAM, get_snapshots, get_store
from canvas.ui.errors import NOTE_TEXT_KEYS, error_message, input_message, input_problem, log_incident
from canvas.ui.flash import FLASH_KEY, flash_slot
from canvas.ui.follow import events_url, follow_structure, stop_if_closed
from canvas.ui.own_notes import own_notes
from canvas.ui.page_language import focus_after_rerun
from canvas.ui.scoring import scoring_section
from canvas.ui.timer import countdown
from canvas.ui.voting import canvas_notes, ranking_section, voting_section

NOTE_TEXT_KEY = "new_note_text"
NOTE_ZONE_KEY = "new_note_zone"
NOTE_CANVAS_KEY = "new_note_canvas"
MODE_NOTES = "notes"
MODE_SCORE = "score"
MODE_KEY = "participant_mode"
FOLLOWED_CANVAS_KEY = "followed_canvas"
FOLLOWED_ROUND_KEY = "followed_round"
LISTENER_KEY = "phone_listener"
LOOK_BACK_KEY = "look_back_canvas"
FOLLOW_THE_SCREEN = 0  # the look-back choice "no, follow the screen" (not None: a select shows None as empty)
PARTY_KEY = "participant_party"
# The phone's one-line help per phase of the canvas on the screen.
PHASE_HELP = {
    Phase.OPEN: "facilitation.phase_open_help",
    Phase.WRITE: "facilitation.private_notice",
    Phase.REVEAL: "facilitation.phone_reveal_help",
    Phase.VOTE: "facilitation.phone_vote_help",
    Phase.DISCUSS: "facilitation.phone_discuss_help",
}
PHASE_ICON = {
    Phase.OPEN: ":material/edit_note:",
    Phase.WRITE: ":material/visibility_off:",
    Phase.REVEAL: ":material/visibility:",
    Phase.VOTE: ":material/how_to_vote:",
    Phase.DISCUSS: ":material/forum:",
}


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
    # The board as the page reads it: the snapshot's board (lock, dots) is the one its signature was made of.
    board = snapshot.board
    _follow_the_facilitator(snapshot)
    follow_structure(snapshot, events_url(board, p=participant.id), key=LISTENER_KEY)
    if snapshot.open_round is not None and _choose_mode(language) == MODE_SCORE:
        scoring_section(board, participant, get_snapshots().latest(board_id=board.id, with_scores=True), language)
    else:
        # Only what this participant may see: others' notes of a canvas in private writing stay out.
        seen = snapshot.for_viewer(participant.id)
        _the_step(board, participant, seen, language)
        _note_form(board, participant, language, snapshot)
        own_notes(participant, language, snapshot, _zone_labels(snapshot, language), locked=board.locked)
        _look_back(seen, language)
    with st.expander(t("participant.change_profile", language)):
        _profile_form(board, language, participant=participant)


def _the_step(board: Board, participant: Participant, seen: BoardSnapshot, language: Language) -> None:
    """The canvas on the screen: its phase in one line, the lock, its timer, and what this phase asks."""
    canvas = seen.active_canvas
    phase = canvas.phase
    if board.locked:
        st.warning(t("facilitation.locked_notice", language), icon=":material/lock:")
    title = escape_markdown(canvas_title(canvas, language))
    help_text = t(PHASE_HELP[phase], language, dots=board.vote_dots)
    st.info(f"**{title} · {t(f'facilitation.phase_{phase.value}', language)}**  \n{help_text}", icon=PHASE_ICON[phase])
    if board.anonymous:
        st.caption(t("facilitation.anonymous_notice", language))
    if canvas.timer is not None:
        countdown(canvas.timer, language, key=f"timer_{canvas.id}")
    if phase is Phase.VOTE:
        voting_section(board, participant, seen, canvas, language)
    elif phase is Phase.DISCUSS:
        ranking_section(seen, canvas, language)
    elif phase is Phase.REVEAL:
        canvas_notes(seen, canvas, language)


def _look_back(seen: BoardSnapshot, language: Language) -> None:
    """Read another canvas of the board again (its notes, or its ranking once discussed); the phone keeps
    following the screen unless someone picks one here, and goes back to following when the screen moves on."""
    others = [c for c in seen.canvases if c.id != seen.active_canvas.id]
    if not others:
        return
    titles = {FOLLOW_THE_SCREEN: t("facilitation.look_back_none", language)}
    titles.update((c.id, canvas_title(c, language)) for c in others)
    if st.session_state.get(LOOK_BACK_KEY) not in titles:
        st.session_state[LOOK_BACK_KEY] = FOLLOW_THE_SCREEN
    chosen = st.selectbox(
        t("facilitation.look_back", language), list(titles), format_func=titles.__getitem__, key=LOOK_BACK_KEY
    )
    if chosen == FOLLOW_THE_SCREEN:
        return
    canvas = seen.canvas(chosen)
    st.caption(t("facilitation.look_back_notice", language, canvas=escape_markdown(titles[chosen])))
    if canvas.phase is Phase.DISCUSS:
        ranking_section(seen, canvas, language)
    else:
        canvas_notes(seen, canvas, language)


def _follow_the_facilitator(snapshot: BoardSnapshot) -> None:
    """When the facilitator shows another canvas, the phone's note form goes there too; when a round opens,
    the phone shows the scoring form. Only on a change: a phone that then picks something else keeps it."""
    active = snapshot.active_canvas.id
    if st.session_state.get(FOLLOWED_CANVAS_KEY) != active:
        st.session_state[FOLLOWED_CANVAS_KEY] = active
        st.session_state[NOTE_CANVAS_KEY] = active
        st.session_state[LOOK_BACK_KEY] = FOLLOW_THE_SCREEN
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
            format_func=labels.__getitem__,
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
    """Join (``participant`` None) or change your profile. The party starts unchosen when joining: a default
    would count people for a party they never picked. On an anonymous board no name is asked (and a stored
    one is kept, unseen)."""
    parties = list(Party)
    suffix = "new" if participant is None else "edit"
    with st.form("participant_profile" if participant is None else "participant_profile_edit"):
        if participant is None:
            st.markdown(t("participant.welcome", language))
        if board.anonymous:
            st.caption(t("facilitation.anonymous_join", language))
            name = participant.display_name if participant else None
        else:
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
            index=parties.index(participant.party) if participant else None,
            format_func=lambda p: t(f"party.{p.value}", language),
            key=f"{PARTY_KEY}_{suffix}",
        )
        label = "participant.start_button" if participant is None else "participant.save_profile"
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
    chosen = st.pills(t("participant.canvas_label", language), ids, format_func=titles.__getitem__, key=NOTE_CANVAS_KEY)
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
        key, values = input_problem(error, **NOTE_TEXT_KEYS)
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
    # Locked: nothing can be sent (the notice above says why). The box itself stays open: Streamlit drops the
    # unsent text of a disabled box, and someone may finish a thought and send it once the lock is lifted.
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
        disabled=board.locked,
    )
