"""The presentation (projector): the live board with the join code. Never a secret, never a control."""

from canvas.ui import context, presentation_page
from canvas.ui.follow import stop_if_closed
from canvas.ui.live_board import live_board

stop_if_closed(context.current_language())
visit = presentation_page.without_the_secret(context.visit_board_or_stop())
presentation_page.style()
# The header is drawn with the board: the step's timer in it follows the board live.
live_board(visit, can_drag=False, header=lambda snapshot: presentation_page.header(snapshot, visit.language))
