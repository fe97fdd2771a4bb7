"""Export (facilitator): the board as a PDF report, PNG images, CSV tables and JSON."""

from canvas.ui import export_page

export_page.render()
