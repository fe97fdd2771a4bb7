"""Shared screen (projector): the live board with the join code."""

from canvas.ui import screen_page

screen_page.render()
