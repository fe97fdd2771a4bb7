"""The facilitator's console: controls, links and the board (never on the projector)."""

from canvas.ui import console_page

console_page.render()
