"""The console's controls for leading a session: the step on the screen (its phase and timer), the lock, the
board's voting and anonymity switches, the agenda, clusters, and notes written or fixed by the facilitator.

Every action goes through the store with the facilitator token: the store, not this page, decides who may.
Widgets that mirror stored state get a key that includes that state (as the canvas switch does), so a value
the browser still holds from before a change elsewhere never comes back as a "change" of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

import streamlit as st
from pydantic import ValidationError

from canvas.board_view import canvas_title, zone_label
from canvas.errors import CanvasError
from canvas.facilitation import next_phase, ranking
from canvas.i18n import t
from canvas.models import (
    CLUSTER_TITLE_MAX,
    NOTE_TEXT_MAX,
    PHASE_FLOW,
    TIMER_SECONDS_MAX,
    VOTE_DOTS_MAX,
    BoardSnapshot,
    Canvas,
    ClusterCreate,
    FacilitationChange,
    Language,
    Note,
    NoteCreate,
    NoteEdit,
    Phase,
)
from canvas.text import escape_markdown
from canvas.ui import context
from canvas.ui.context import BoardVisit, get_store
from canvas.ui.errors import NOTE_TEXT_KEYS, input_message, shown_as_message
from canvas.ui.flash import FLASH_KEY
from canvas.ui.page_language import focus_after_rerun
from canvas.ui.timer import countdown

TIMER_MINUTES_DEFAULT = 5


def _act(visit: BoardVisit, action: Callable[[], object]) -> bool:
    """Run a store action; a refusal is said in the facilitator's language. True when it went through."""
    try:
        action()
    except CanvasError as error:
        context.show_error(error, visit.language)
        return False
    return True


def _said_after_rerun(message_key: str) -> None:
    """A toast for the next run (the console draws ``flash_slot``): st.rerun() would swallow one shown now."""
    st.session_state[FLASH_KEY] = message_key


def _step_to(visit: BoardVisit, canvas_id: int, following: Phase) -> None:
    """*Volgende fase*: store the next step; then the focus goes to the next *Volgende fase* (the button pressed
    goes), or in the last step to the phase control, instead of the page's top."""
    with shown_as_message(visit.language):
        get_store().set_phase(
            board_id=visit.board.id, canvas_id=canvas_id, phase=following, facilitator_token=visit.facilitator_token
        )
        after = next_phase(following)
        focus_after_rerun(
            _button(f"next_phase_{canvas_id}_{following.value}")
            if after is not None
            else f".st-key-{phase_key(canvas_id, following)} button[aria-checked=true]"
        )


def phase_key(canvas_id: int, phase: Phase) -> str:
    """The key of the phase control of a canvas in ``phase``."""
    return f"phase_{canvas_id}_{phase.value}"


def phase_name(phase: Phase, language: Language) -> str:
    return t(f"facilitation.phase_{phase.value}", language)


def step_panel(visit: BoardVisit, snapshot: BoardSnapshot) -> None:
    """The canvas on the screen: its phase (with "next phase"), its timer and the board's lock."""
    canvas, language, token = snapshot.active_canvas, visit.language, visit.facilitator_token
    store = get_store()
    with st.container(border=True):
        phase_column, timer_column = st.columns([3, 2])
        with phase_column:
            # A key per phase, not one per canvas synced from the store (as _stored_switch does): after "next
            # phase" the live board asks for a rerun at once, and that request still carried the phase the
            # browser showed before, which a synced widget took for a choice and stored back. Under a new key
            # that old value lands nowhere. The options wrap where the column is narrow (style.py).
            key = phase_key(canvas.id, canvas.phase)

            def chosen_phase() -> None:
                chosen = st.session_state.get(key)
                if chosen is not None and chosen != canvas.phase.value:
                    with shown_as_message(language):
                        store.set_phase(
                            board_id=visit.board.id, canvas_id=canvas.id, phase=Phase(chosen), facilitator_token=token
                        )

            st.segmented_control(
                t("facilitation.phase_label", language),
                [p.value for p in (Phase.OPEN, *PHASE_FLOW)],
                format_func=lambda value: phase_name(Phase(value), language),
                default=canvas.phase.value,
                key=key,
                on_change=chosen_phase,
                required=True,
            )
            st.caption(t(f"facilitation.phase_{canvas.phase.value}_help", language, dots=visit.board.vote_dots))
            if canvas.phase.shows_votes:
                _top_of_the_ranking(snapshot, canvas, language)
            following = next_phase(canvas.phase)
            if following is not None:
                st.button(
                    t("facilitation.next_step", language, phase=phase_name(following, language)),
                    type="primary",
                    icon=":material/arrow_forward:",
                    key=f"next_phase_{canvas.id}_{canvas.phase.value}",
                    # A callback: the step is stored before the console's run begins, so the room does not wait
                    # for the console to draw its page down to this button (a phone follows in one message).
                    on_click=_step_to,
                    args=(visit, canvas.id, following),
                )
        with timer_column:
            _timer_controls(visit, canvas)
        _stored_switch(visit, "locked", st.toggle, t("facilitation.lock", language))


RANKING_SHOWN = 5


def _top_of_the_ranking(snapshot: BoardSnapshot, canvas: Canvas, language: Language) -> None:
    """The first few of the ranking, live as dots come in: what the discussion will start with."""
    ranked = [item for item in ranking(snapshot.for_viewer(None), canvas.id) if item.votes][:RANKING_SHOWN]
    if not ranked:
        st.caption(t("facilitation.no_votes", language))
        return
    lines = []
    for place, item in enumerate(ranked, start=1):
        votes = "facilitation.votes_count_one" if item.votes == 1 else "facilitation.votes_count"
        title = escape_markdown(item.cluster.title) if item.cluster else _note_label(item.notes[0], language)
        lines.append(f"{place}. {title} · {t(votes, language, count=item.votes)}")
    st.markdown(f"**{t('facilitation.ranking_title', language)}**\n\n" + "\n".join(lines))


def _button(key: str) -> str:
    """The CSS selector of the button with this widget key, for ``focus_after_rerun``."""
    return f".st-key-{key} button"


def _timer_controls(visit: BoardVisit, canvas: Canvas) -> None:
    language, token, store = visit.language, visit.facilitator_token, get_store()
    where: dict[str, Any] = {"board_id": visit.board.id, "canvas_id": canvas.id, "facilitator_token": token}
    timer = canvas.timer
    st.markdown(f"**{t('facilitation.timer', language)}**")
    if timer is not None:
        now = datetime.now(UTC)
        left = timer.left_at(now)
        countdown(timer, language, key=f"console_timer_{canvas.id}", now=now)
        buttons = st.columns(3)
        if timer.running:
            pause = buttons[0].button(
                t("facilitation.timer_pause", language), icon=":material/pause:", key="timer_pause"
            )
            if pause and _act(visit, lambda: store.pause_timer(**where)):
                focus_after_rerun(_button("timer_resume"))  # each button gives way to its opposite
                st.rerun()
        elif left:
            resume = buttons[0].button(
                t("facilitation.timer_resume", language), icon=":material/play_arrow:", key="timer_resume"
            )
            if resume and _act(visit, lambda: store.resume_timer(**where)):
                focus_after_rerun(_button("timer_pause"))
                st.rerun()
        if buttons[1].button(t("facilitation.timer_add", language), key="timer_add") and _act(
            visit, lambda: store.extend_timer(seconds=60, **where)
        ):
            st.rerun()
        if buttons[2].button(t("facilitation.timer_clear", language), key="timer_clear") and _act(
            visit, lambda: store.clear_timer(**where)
        ):
            focus_after_rerun(_button("timer_start"))
            st.rerun()
        return
    minutes_column, start_column = st.columns([1, 1], vertical_alignment="bottom")
    minutes = minutes_column.number_input(
        t("facilitation.timer_minutes", language),
        min_value=1,
        max_value=TIMER_SECONDS_MAX // 60,
        value=TIMER_MINUTES_DEFAULT,
        step=1,
        key=f"timer_minutes_{canvas.id}",
    )
    if start_column.button(
        t("facilitation.timer_start", language), icon=":material/timer:", key="timer_start"
    ) and _act(visit, lambda: store.start_timer(seconds=int(minutes) * 60, **where)):
        focus_after_rerun(_button("timer_pause"))
        st.rerun()


def board_switches(visit: BoardVisit) -> None:
    """Dots per participant, stacking, anonymous mode: set once per session, so they sit in a popover."""
    language = visit.language
    _stored_switch(
        visit, "vote_dots", st.number_input, t("facilitation.vote_dots", language), min_value=1, max_value=VOTE_DOTS_MAX
    )
    _stored_switch(visit, "votes_stack", st.toggle, t("facilitation.votes_stack", language))
    _stored_switch(visit, "anonymous", st.toggle, t("facilitation.anonymous", language))


def _stored_switch(visit: BoardVisit, field: str, widget: Callable[..., object], label: str, **options: object) -> None:
    """A widget for one of the board's switches (``Board.<field>``), stored the moment it changes.

    One key per switch, so the widget is never drawn anew (a redrawn widget leaves its old self on the page
    for a moment, and a click can land on it). The widget follows the store when the store changed elsewhere
    (another console): its state is set only then, never on every run, so a value the browser still holds
    cannot come back as a change.
    """
    key, drawn_key = f"board_{field}", f"board_{field}__drawn"
    stored = getattr(visit.board, field)
    if st.session_state.get(drawn_key) != stored:
        st.session_state[key] = stored
        st.session_state[drawn_key] = stored

    def changed() -> None:
        value = st.session_state[key]
        st.session_state[drawn_key] = value
        change = FacilitationChange(**{field: value})
        with shown_as_message(visit.language):  # a callback: its errors would skip the page's fence
            get_store().set_facilitation(
                board_id=visit.board.id, change=change, facilitator_token=visit.facilitator_token
            )

    widget(label, key=key, on_change=changed, **options)


def agenda(visit: BoardVisit, snapshot: BoardSnapshot) -> None:
    """The board's canvases in workshop order: move one earlier or later, or show it to everyone."""
    language, token, store = visit.language, visit.facilitator_token, get_store()
    active = snapshot.active_canvas.id
    for index, canvas in enumerate(snapshot.canvases):
        title_column, *buttons = st.columns([5, 2, 2, 3], vertical_alignment="center")
        title = escape_markdown(canvas_title(canvas, language))
        phase = phase_name(canvas.phase, language)
        marker = f" · **{t('facilitation.agenda_now', language)}**" if canvas.id == active else ""
        title_column.markdown(f"{index + 1}. {title} · {phase}{marker}")
        where: dict[str, Any] = {"board_id": visit.board.id, "canvas_id": canvas.id, "facilitator_token": token}
        # Words, not arrows alone: a screen reader says a button's label, never its tooltip (WCAG 2.4.6).
        if buttons[0].button(
            t("facilitation.agenda_earlier", language),
            key=f"agenda_up_{canvas.id}_{index}",
            icon=":material/arrow_upward:",
            disabled=index == 0,
        ) and _act(visit, partial(store.move_canvas, offset=-1, **where)):
            st.rerun()
        last = index == len(snapshot.canvases) - 1
        if buttons[1].button(
            t("facilitation.agenda_later", language),
            key=f"agenda_down_{canvas.id}_{index}",
            icon=":material/arrow_downward:",
            disabled=last,
        ) and _act(visit, partial(store.move_canvas, offset=1, **where)):
            st.rerun()
        if buttons[2].button(
            t("facilitation.agenda_show", language), key=f"agenda_show_{canvas.id}", disabled=canvas.id == active
        ) and _act(visit, partial(store.show_canvas, **where)):
            st.rerun()


def _note_line(note: Note) -> str:
    """A note as one plain line, shortened: for a picker's options, which Streamlit shows as they are."""
    text = note.text if len(note.text) <= 60 else note.text[:59] + "…"
    return text.replace("\n", " ")


def _note_label(note: Note, language: Language) -> str:
    """A note as a line of markdown: ``_note_line``, escaped (escape it nowhere else; never in a picker's
    options, which showed the backslashes: "paviljoen\\?")."""
    return escape_markdown(_note_line(note))


def clusters_panel(visit: BoardVisit, snapshot: BoardSnapshot) -> None:
    """Group notes of the canvas on the screen under a name; rename or dissolve a group."""
    canvas, language, token, store = snapshot.active_canvas, visit.language, visit.facilitator_token, get_store()
    visible = snapshot.for_viewer(None)
    zone_ids = {z.id for z in visible.zones_of(canvas.id)}
    notes = {n.id: n for n in visible.notes if n.zone_id in zone_ids}
    with st.form(f"make_cluster_{canvas.id}", clear_on_submit=True):
        # No "Select all": Enter on it (the first row, where arrow down lands) put every note in one group.
        chosen = st.multiselect(
            t("facilitation.cluster_notes", language),
            list(notes),
            format_func=lambda note_id: _note_line(notes[note_id]),
            placeholder=t("facilitation.cluster_notes_placeholder", language),
            select_all=False,
        )
        title = st.text_input(t("facilitation.cluster_name", language), max_chars=CLUSTER_TITLE_MAX)
        submitted = st.form_submit_button(t("facilitation.cluster_make", language), icon=":material/workspaces:")
    if submitted:
        try:
            new = ClusterCreate(title=title, note_ids=chosen)
        except ValidationError:
            st.error(t("error.cluster_title", language, max=CLUSTER_TITLE_MAX))
            return
        if _act(
            visit,
            lambda: store.create_cluster(
                board_id=visit.board.id, canvas_id=canvas.id, new=new, facilitator_token=token
            ),
        ):
            st.rerun()
    groups = visible.clusters_of(canvas.id)
    if not groups:
        st.caption(t("facilitation.cluster_none", language))
    for cluster in groups:
        members = [n for n in visible.notes if n.cluster_id == cluster.id]
        with st.container(border=True):
            name_column, rename_column, dissolve_column = st.columns([4, 1, 1], vertical_alignment="bottom")
            name = name_column.text_input(
                t("facilitation.cluster_name", language),
                value=cluster.title,
                max_chars=CLUSTER_TITLE_MAX,
                key=f"cluster_title_{cluster.id}_{cluster.title}",
            )
            if rename_column.button(t("facilitation.cluster_rename", language), key=f"rename_{cluster.id}"):
                try:
                    ClusterCreate(title=name, note_ids=[0])
                except ValidationError:
                    st.error(t("error.cluster_title", language, max=CLUSTER_TITLE_MAX))
                else:
                    if _act(
                        visit,
                        partial(store.rename_cluster, cluster_id=cluster.id, title=name, facilitator_token=token),
                    ):
                        st.rerun()
            if dissolve_column.button(
                t("facilitation.cluster_dissolve", language), key=f"dissolve_{cluster.id}"
            ) and _act(visit, partial(store.dissolve_cluster, cluster_id=cluster.id, facilitator_token=token)):
                st.rerun()
            st.caption(" · ".join(_note_label(n, language) for n in members))


def room_note_form(visit: BoardVisit, snapshot: BoardSnapshot) -> None:
    """A note for the room: what someone said aloud, written by the facilitator (the lock does not apply)."""
    canvas, language = snapshot.active_canvas, visit.language
    zones = {z.id: zone_label(canvas, z, language)[0] for z in snapshot.zones_of(canvas.id)}
    st.caption(t("facilitation.room_note_help", language))
    with st.form(f"room_note_{canvas.id}", clear_on_submit=True):
        zone_id = st.selectbox(  # the options are shown as they are: no markdown escaping ("Uit de zaal\\:")
            t("join.zone_label", language), list(zones), format_func=zones.__getitem__
        )
        text = st.text_area(t("join.note_label", language, max=NOTE_TEXT_MAX), max_chars=NOTE_TEXT_MAX)
        submitted = st.form_submit_button(t("join.add_button", language), icon=":material/add:")
    if submitted:
        try:
            new = NoteCreate(zone_id=zone_id, text=text)
        except ValidationError as error:
            st.error(input_message(error, language, **NOTE_TEXT_KEYS))
            return
        if _act(
            visit,
            lambda: get_store().add_room_note(
                board_id=visit.board.id, new=new, facilitator_token=visit.facilitator_token
            ),
        ):
            _said_after_rerun("join.note_added")
            st.rerun()


def edit_notes_panel(visit: BoardVisit, snapshot: BoardSnapshot) -> None:
    """Fix or remove any visible note of the canvas on the screen (a typo, something off-topic)."""
    canvas, language, token, store = snapshot.active_canvas, visit.language, visit.facilitator_token, get_store()
    visible = snapshot.for_viewer(None)
    zone_ids = {z.id for z in visible.zones_of(canvas.id)}
    notes = {n.id: n for n in visible.notes if n.zone_id in zone_ids}
    if not notes:
        st.caption(t("board.empty_zone", language))
        return
    note_id = st.selectbox(
        t("facilitation.edit_pick", language),
        list(notes),
        format_func=lambda n: _note_line(notes[n]),
        key=f"edit_any_{canvas.id}",
    )
    note = notes[note_id]
    text = st.text_area(
        t("facilitation.edit_text", language, max=NOTE_TEXT_MAX),
        value=note.text,
        max_chars=NOTE_TEXT_MAX,
        key=f"edit_any_text_{note.id}",
    )
    save_column, delete_column = st.columns(2)
    if save_column.button(t("join.save", language), key=f"edit_any_save_{note.id}"):
        try:
            edit = NoteEdit(text=text)
        except ValidationError as error:
            st.error(input_message(error, language, **NOTE_TEXT_KEYS))
            return
        if _act(visit, lambda: store.edit_note(note_id=note.id, edit=edit, facilitator_token=token)):
            _said_after_rerun("join.note_saved")
            focus_after_rerun(_button(f"edit_any_save_{note.id}"))  # where it was: the box was drawn anew
            st.rerun()
    with delete_column.popover(t("join.delete", language), icon=":material/delete:"):
        st.markdown(t("facilitation.delete_confirm", language))
        if st.button(t("facilitation.delete_yes", language), type="primary", key=f"edit_any_delete_{note.id}") and _act(
            visit, lambda: store.delete_note(note_id=note.id, facilitator_token=token)
        ):
            _said_after_rerun("join.note_deleted")
            focus_after_rerun(f".st-key-edit_any_{canvas.id} input")  # the note picker: the next note to fix
            st.rerun()
