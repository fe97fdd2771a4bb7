"""Serve Samenwerkingscanvas with live push: ``streamlit run serve.py``.

The app itself is app.py (the navigation script); this file adds the live channel, a server-sent-events
route per board, so screens draw a note the moment it is written and phones follow the facilitator, and the
route by which a phone writes (a note, a dot, a score) without a Streamlit script run.
``streamlit run app.py`` still works: pages then poll once a second instead.
"""

import sys

import streamlit as st
from starlette.middleware import Middleware

from canvas.settings import Settings, SettingsError
from canvas.ui.push import lifespan
from canvas.web.actions import actions_route
from canvas.web.events import events_route
from canvas.web.loading import LoadingNotice

try:
    settings = Settings.from_env()
except SettingsError as error:  # a typo or a bad value stops the start, naming the variable
    sys.exit(f"Samenwerkingscanvas cannot start: {error}")
# The live channel (GET /events/<code>) and the phone's requests (POST /act/<code>) beside the app.
routes = [events_route(max_stream_seconds=settings.stream_max_seconds), actions_route()]
# Every page says "loading…" at once, before Streamlit's scripts have run (a phone that scanned the QR code saw
# a blank page for seconds).
app = st.App("app.py", routes=routes, lifespan=lifespan, middleware=[Middleware(LoadingNotice)])
