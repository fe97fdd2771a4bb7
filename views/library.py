"""Tool library: the handbook's design tools, and one tool's worksheet."""

from canvas.ui import library_page

library_page.render()
