"""Serve Samenwerkingscanvas with live push: ``streamlit run serve.py``.

The app itself is app.py (the navigation script); this file adds a server-sent-events route per board
so shared screens update the moment a note is written. ``streamlit run app.py`` still works: screens
then poll once a second instead.
"""

import streamlit as st

from canvas.live import events_route
from canvas.settings import Settings
from canvas.ui.push import lifespan

settings = Settings.from_env()
app = st.App("app.py", routes=[events_route(max_stream_seconds=settings.stream_max_seconds)], lifespan=lifespan)
