"""Baseline for bench/tick_cost.py: a page whose only content is a fragment rerun every second.

Run it from the repository root so the project's .streamlit/config.toml applies:

    streamlit run bench/bare_fragment_app.py
"""

import time

import streamlit as st


@st.fragment(run_every=1)
def tick() -> None:
    st.write(f"tick {time.time():.0f}")


tick()
