"""Participant (phone): join a board, write sticky notes, manage your own notes."""

from canvas.ui import participant_page

participant_page.render()
