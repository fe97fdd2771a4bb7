"""The presentation (projector): the live board with the join code; no controls, no secrets."""

from canvas.ui import screen_page

screen_page.render()
