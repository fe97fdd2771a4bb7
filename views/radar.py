"""Radar: the collaboration's maturity as the group scores it, per party and over time."""

from canvas.ui import radar_page

radar_page.render()
