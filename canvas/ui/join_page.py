"""The phone's parts (views/join.py): join by code, say who you are, write notes into zones, edit, move or
delete your own, and take part in the facilitated steps of the canvas on the screen (private writing, voting,
the ranking).

The phone follows the facilitator: when another canvas goes on the shared screen its zones appear here, when
its phase, timer or the lock changes the page says so, when a scoring round opens the scoring form appears
(above the note form, which keeps what someone was typing), and when the facilitator edits, moves or groups
one of its notes the list shows it, without anyone touching the phone (follow.py). While people write,
others' new notes do not rerun a phone.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from canvas.board_view import canvas_title, own_signature, shown_signature, zone_label
from canvas.errors import BoardNotFound, CanvasError, ParticipantNotFound
from canvas.i18n import t
from canvas.models import (
    DISPLAY_NAME_MAX,
    JOIN_CODE_LENGTH,
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
from canvas.ui.context import BOARD_PARAM, LANGUAGE_PARAM, PARTICIPANT_PARAM, get_store
from canvas.ui.errors import (
    NOTE_TEXT_KEYS,
    error_message,
    fenced,
    input_message,
    input_problem,
    log_incident,
)
from canvas.ui.flash import FLASH_KEY, flash_slot
from canvas.ui.follow import follow_part
from canvas.ui.own_notes import own_notes
from canvas.ui.phone import FOCUS_ZONE_KEY
from canvas.ui.screens import Screen
from canvas.ui.timer import countdown
from canvas.ui.voting import canvas_notes, ranking_section, voting_section

NOTE_TEXT_KEY = "new_note_text"
NOTE_ZONE_KEY = "new_note_zone"
NOTE_CANVAS_KEY = "new_note_canvas"
NOTE_SENT_KEY = "new_note_sent"  # the form's callback stored a note: the fragment reruns the whole page
MODE_NOTES = "notes"
MODE_SCORE = "score"
MODE_KEY = "participant_mode"
FOLLOWED_CANVAS_KEY = "followed_canvas"
FOLLOWED_ROUND_KEY = "followed_round"
LISTENER_KEY = "phone_listener"
STEP_LISTENER_KEY = "phone_step_listener"
OWN_LISTENER_KEY = "phone_own_listener"
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


def followed_step(board: Board, participant: Participant, language: Language, push_url: str | None) -> None:
    """The step, redrawn by itself when what it shows of the canvas changes (a note or group read back)."""
    follow_part(
        board,
        # Only what this participant may see: others' notes of a canvas in private writing stay out.
        lambda now: the_step(now.board, participant, now.for_viewer(participant.id), language),
        push_url=push_url,
        field="shown",
        signature=shown_signature,
        key=STEP_LISTENER_KEY,
        language=language,
    )


def followed_own_notes(board: Board, participant: Participant, language: Language, push_url: str | None) -> None:
    """The participant's own notes, redrawn by themselves when the facilitator edits, moves or groups one."""
    follow_part(
        board,
        lambda now: own_notes(participant, language, now, zone_labels(now, language), locked=now.board.locked),
        push_url=push_url,
        field="own",
        signature=lambda now: own_signature(now, participant.id),
        key=OWN_LISTENER_KEY,
        language=language,
    )


def the_step(board: Board, participant: Participant, seen: BoardSnapshot, language: Language) -> None:
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


def look_back(seen: BoardSnapshot, language: Language) -> None:
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


def follow_the_facilitator(snapshot: BoardSnapshot, language: Language) -> None:
    """When the facilitator shows another canvas, the phone's note form goes there too; when a round opens,
    the phone shows the scoring form (above the note form, which keeps what is being typed). Only on a change:
    a phone that then picks something else keeps it."""
    active = snapshot.active_canvas.id
    if st.session_state.get(FOLLOWED_CANVAS_KEY) != active:
        st.session_state[FOLLOWED_CANVAS_KEY] = active
        st.session_state[NOTE_CANVAS_KEY] = active
        st.session_state[LOOK_BACK_KEY] = FOLLOW_THE_SCREEN
    open_round = snapshot.open_round.id if snapshot.open_round else None
    if FOLLOWED_ROUND_KEY not in st.session_state or st.session_state[FOLLOWED_ROUND_KEY] != open_round:
        if open_round is not None and FOLLOWED_ROUND_KEY in st.session_state:
            # Said where it is seen too: someone scrolled down to the note form or their notes does not see
            # the scoring form appear at the top (a toast is no part of the page: nothing in it moves).
            st.toast(t("score.round_opened", language), icon=":material/radar:")
        st.session_state[FOLLOWED_ROUND_KEY] = open_round
        st.session_state[MODE_KEY] = MODE_SCORE if open_round is not None else MODE_NOTES


def note_form_below(language: Language) -> None:
    """Under the scoring form: the note form is still there, below it, with whatever someone was writing."""
    st.caption(t("join.note_form_below", language))


def choose_mode(language: Language) -> str:
    """Notes or scores: offered only while a scoring round is open."""
    st.info(t("score.round_open", language), icon=":material/radar:")
    labels = {MODE_NOTES: t("join.mode_notes", language), MODE_SCORE: t("join.mode_score", language)}
    return (
        st.segmented_control(
            t("join.mode_label", language),
            list(labels),
            format_func=labels.__getitem__,
            key=MODE_KEY,
            required=True,  # tapping the chosen mode again keeps it (it would otherwise switch to notes)
            label_visibility="collapsed",
            width="stretch",
        )
        or MODE_NOTES
    )


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
            st.session_state[FOCUS_ZONE_KEY] = True  # the phone then puts the focus on the next step: a zone
        else:
            store.update_participant(board_id=board.id, participant_id=participant.id, change=profile)
            st.session_state[FLASH_KEY] = "join.profile_saved"
    except CanvasError as error:  # a full board: say so where the form is, and stay
        st.error(error_message(error, language))
        return
    st.rerun()


def zone_labels(snapshot: BoardSnapshot, language: Language) -> dict[int, str]:
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
    chosen = st.pills(t("join.canvas_label", language), ids, format_func=titles.__getitem__, key=NOTE_CANVAS_KEY)
    return snapshot.canvas(chosen)


def _choose_zone(snapshot: BoardSnapshot, canvas: Canvas, language: Language) -> None:
    zones = snapshot.zones_of(canvas.id)
    labels = {z.id: tuple(escape_markdown(part) for part in zone_label(canvas, z, language)) for z in zones}
    if st.session_state.get(NOTE_ZONE_KEY) not in labels:
        st.session_state[NOTE_ZONE_KEY] = None
    zone_id = st.pills(
        t("join.zone_label", language), list(labels), format_func=lambda z: labels[z][0], key=NOTE_ZONE_KEY
    )
    # The zone's question, as a hint for what to write. Always drawn (a hint to pick a zone until one is
    # picked), so choosing a zone never shifts the form below: a form that moves can lose what was typed.
    question = labels[zone_id][1] if zone_id is not None else ""
    st.caption(question or t("join.zone_hint", language))


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
    st.session_state[FLASH_KEY] = ("join.note_added", "success")
    st.session_state[NOTE_SENT_KEY] = True


def note_form(board: Board, participant: Participant, language: Language, snapshot: BoardSnapshot) -> None:
    """Canvas, zone, text and the send button, in a fragment: choosing a zone reruns only this form (quick,
    and nothing else on the page is redrawn while someone starts typing). A note sent reruns the whole page,
    so the list of one's own notes shows it."""

    @st.fragment
    @fenced(language)
    def new_note() -> None:
        if st.session_state.pop(NOTE_SENT_KEY, False):
            st.rerun(scope="app")
        with st.container(border=True):
            st.subheader(t("join.new_note", language))
            flash_slot(language)
            # Canvas and zone sit outside the form: choosing one shows its zones and question at once.
            canvas = _choose_canvas(snapshot, language)
            _choose_zone(snapshot, canvas, language)
            with st.form("new_note", border=False):
                _note_text_and_submit(board, participant, language)

    new_note()


def _note_text_and_submit(board: Board, participant: Participant, language: Language) -> None:
    # Locked: nothing can be sent (the notice above says why). The box itself stays open: Streamlit drops the
    # unsent text of a disabled box, and someone may finish a thought and send it once the lock is lifted.
    st.text_area(
        t("join.note_label", language, max=NOTE_TEXT_MAX),  # the limit said before it bites; no max_chars:
        key=NOTE_TEXT_KEY,  # the browser would cut a long paste without a word (a too long note gets a message)
        placeholder=t("join.note_placeholder", language),
        height=110,
    )
    st.form_submit_button(
        t("join.add_button", language),
        type="primary",
        width="stretch",
        on_click=_add_note,
        args=(board, participant),
        disabled=board.locked,
    )
