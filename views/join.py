"""The phone: join a board, say who you are, then write, vote and score in the step the facilitator is on."""

import streamlit as st

from canvas.i18n import t
from canvas.text import escape_markdown
from canvas.ui import context, join_page
from canvas.ui.follow import stop_if_closed
from canvas.ui.phone import phone
from canvas.ui.privacy_page import statement_link

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
    statement_link(language)
    st.stop()

st.title(escape_markdown(board.title))
participant = join_page.participant_from_url(board)
if participant is None:
    join_page.profile_form(board, language, participant=None)
    statement_link(language)  # where a name is asked: what is kept, and for how long
    st.stop()

# Everything below the title is drawn in the browser from the board's live channel (canvas/ui/phone.py):
# the step, the timer, the lock, the notes read back, the dots, the scoring round, the note form and one's own
# notes. A facilitator's press costs no script run here; what the person does goes as one small request.
phone(board, participant, language)
with st.expander(t("join.change_profile", language)):
    join_page.profile_form(board, language, participant=participant)
    statement_link(language)
