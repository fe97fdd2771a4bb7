"""Start: create a board or join one with a code."""

from canvas.ui import start_page

start_page.render()
