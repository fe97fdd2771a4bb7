"""What the phone shows of a step's notes: dots to place (VOTE), the ranking (DISCUSS), the notes read back.

Everything is drawn from the snapshot this participant may see (``snapshot.for_viewer``), so others' notes of
a canvas still in its private WRITE phase never reach the page. While voting, the phone shows only the
participant's own dots, never the counts: nobody follows the crowd (the presentation shows the counts).
"""

from __future__ import annotations

import streamlit as st

from canvas.board_view import zone_label
from canvas.errors import CanvasError
from canvas.facilitation import RankedItem, Target, dots_left, items, my_votes, ranking
from canvas.i18n import t
from canvas.models import Board, BoardSnapshot, Canvas, Language, Participant
from canvas.text import escape_markdown
from canvas.ui.context import get_store
from canvas.ui.errors import log_incident

# (item key, message key, values) of the last refused dot: shown under that item, where the thumb is.
VOTE_REFUSAL_KEY = "vote_refusal"


def voting_section(
    board: Board, participant: Participant, snapshot: BoardSnapshot, canvas: Canvas, language: Language
) -> None:
    """Each note and group of the canvas in board order, with this participant's dots and +/- buttons."""
    refusal = st.session_state.pop(VOTE_REFUSAL_KEY, None)
    with st.container(border=True, key="voting_section"):
        st.subheader(t("facilitation.votes_title", language))
        dots = board.vote_dots
        left = dots_left(snapshot, participant.id, canvas.id)
        st.markdown(f"**{t('facilitation.dots_left', language, left=left, dots=dots)}**")
        mine = my_votes(snapshot, participant.id, canvas.id)
        shown, zones = items(snapshot, canvas.id), _zone_names(snapshot, canvas, language)
        if not shown:
            st.caption(t("facilitation.no_notes_yet", language))
        for item in shown:
            with st.container(border=True, key=f"vote_item_{item.key}"):
                _item_text(item, language, zones)
                _vote_buttons(board, participant, item, mine[item.target], language, locked=board.locked)
                if refusal and refusal[0] == item.key:
                    st.error(t(refusal[1], language, **refusal[2]))


def _vote_buttons(
    board: Board, participant: Participant, item: RankedItem, mine: int, language: Language, *, locked: bool
) -> None:
    # Your dots as dots (a glance) and in words (screen readers, anyone counting); the two buttons side by side
    # in one row (columns would stack on a phone).
    st.markdown(f"**{'●' * mine or '○'}** :small[{t('facilitation.my_dots', language, count=mine)}]")
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.button(
        t("facilitation.vote_add", language),
        key=f"vote_add_{item.key}",
        icon=":material/add_circle:",
        disabled=locked,
        on_click=_vote,
        args=(board.id, participant.id, item.target, item.key, True),
    )
    row.button(
        t("facilitation.vote_remove", language),
        key=f"vote_remove_{item.key}",
        icon=":material/remove_circle:",
        disabled=locked or mine == 0,
        on_click=_vote,
        args=(board.id, participant.id, item.target, item.key, False),
    )


def _vote(board_id: int, participant_id: str, target: Target, item_key: str, add: bool) -> None:
    """Button callback: one dot on or off. A refusal (no dots left, one per note, not voting now, locked) is
    kept for the run that follows, which shows it under the item."""
    store = get_store()
    change = store.cast_vote if add else store.withdraw_vote
    try:
        change(board_id=board_id, participant_id=participant_id, **target._asdict())
    except CanvasError as error:
        st.session_state[VOTE_REFUSAL_KEY] = (item_key, error.message_key, error.values)
    except Exception as error:  # a callback's traceback would reach the page: log it, show an incident id
        st.session_state[VOTE_REFUSAL_KEY] = (item_key, "error.incident", {"incident": log_incident(error)})


def _zone_names(snapshot: BoardSnapshot, canvas: Canvas, language: Language) -> dict[int, str]:
    return {zone.id: zone_label(canvas, zone, language)[0] for zone in snapshot.zones_of(canvas.id)}


def _item_text(item: RankedItem, language: Language, zones: dict[int, str]) -> None:
    """A note's zone and text, or a group's name with its notes (user text: escaped, never markdown)."""
    if item.cluster is None:
        st.caption(escape_markdown(zones.get(item.notes[0].zone_id, "")))
        st.text(item.notes[0].text)
        return
    title = escape_markdown(item.cluster.title)
    st.markdown(f"**{t('facilitation.cluster_label', language, title=title)}**")
    st.markdown("\n".join(f"- {escape_markdown(note.text)}" for note in item.notes))


def ranking_section(snapshot: BoardSnapshot, canvas: Canvas, language: Language) -> None:
    """The canvas's notes and groups by votes, with their counts (the DISCUSS phase, or reading back)."""
    with st.container(border=True, key=f"ranking_{canvas.id}"):
        st.subheader(t("facilitation.ranking_title", language))
        ranked, zones = ranking(snapshot, canvas.id), _zone_names(snapshot, canvas, language)
        if not ranked:
            st.caption(t("facilitation.no_notes_yet", language))
            return
        if not any(item.votes for item in ranked):
            st.caption(t("facilitation.no_votes", language))
        for place, item in enumerate(ranked, start=1):
            with st.container(border=True):
                votes = "facilitation.votes_count_one" if item.votes == 1 else "facilitation.votes_count"
                st.markdown(f"**#{place}** · {t(votes, language, count=item.votes)}")
                _item_text(item, language, zones)


def canvas_notes(snapshot: BoardSnapshot, canvas: Canvas, language: Language) -> None:
    """The notes this participant may see on a canvas, in board order (after the reveal: everyone's)."""
    shown, zones = items(snapshot, canvas.id), _zone_names(snapshot, canvas, language)
    count = sum(len(item.notes) for item in shown)
    with st.container(border=True, key=f"notes_{canvas.id}"):
        st.subheader(t("facilitation.all_notes", language, count=count))
        if not shown:
            st.caption(t("facilitation.no_notes_yet", language))
        for item in shown:
            with st.container(border=True):
                _item_text(item, language, zones)
