"""The phone: join a board, say who you are, then write, vote and score in the step the facilitator is on."""

import streamlit as st

from canvas.i18n import t
from canvas.text import escape_markdown
from canvas.ui import context, join_page
from canvas.ui.context import get_snapshots
from canvas.ui.follow import events_url, follow_structure, stop_if_closed
from canvas.ui.scoring import scoring_section

language = context.current_language()
stop_if_closed(language)
board = context.find_board_from_url(language)
if board is not None:
    language = context.current_language(board)
_, top_right = st.columns([4, 1], vertical_alignment="center")
with top_right:
    context.language_switch(language)
if board is None:
    st.title(t("join.title", language))
    join_page.code_form(language)
    st.stop()

st.title(escape_markdown(board.title))
participant = join_page.participant_from_url(board)
if participant is None:
    join_page.profile_form(board, language, participant=None)
    st.stop()

st.caption(
    t(
        "join.you_are",
        language,
        name=escape_markdown(participant.display_name or t("join.anonymous", language)),
        party=t(f"party.{participant.party.value}", language),
    )
)
snapshot = get_snapshots().latest(board_id=board.id)
# The board as the page reads it: the snapshot's board (lock, dots) is the one its signature was made of.
board = snapshot.board
join_page.follow_the_facilitator(snapshot, language)
push_url = events_url(board, p=participant.id)
follow_structure(snapshot, push_url, participant_id=participant.id, key=join_page.LISTENER_KEY)
# Two slots drawn on every run, whatever they hold: what comes and goes (the mode choice while a round is
# open, the lock notice, a timer, the dots to place, the scoring form) stays inside them, so the note form
# below never moves. A form that moves, or is left out of a run, is built anew by the browser, which drops
# what someone was typing, and the focus.
mode_slot, step_slot = st.container(), st.container()
with mode_slot:
    mode = join_page.choose_mode(language) if snapshot.open_round is not None else join_page.MODE_NOTES
with step_slot:
    if mode == join_page.MODE_SCORE:
        scoring_section(board, participant, get_snapshots().latest(board_id=board.id, with_scores=True), language)
        join_page.note_form_below(language)
    else:
        join_page.followed_step(board, participant, language, push_url)
# Drawn while scoring too: a round that opens while someone writes leaves the note to finish and send.
join_page.note_form(board, participant, language, snapshot)
if mode != join_page.MODE_SCORE:
    join_page.followed_own_notes(board, participant, language, push_url)
    # Only what this participant may see: others' notes of a canvas in private writing stay out.
    join_page.look_back(snapshot.for_viewer(participant.id), language)
with st.expander(t("join.change_profile", language)):
    join_page.profile_form(board, language, participant=participant)
