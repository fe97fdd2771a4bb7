"""Page-wide CSS: less empty space above the content, and headings that fit a phone."""

import streamlit as st

_BASE_CSS = """<style>
.stMainBlockContainer { padding-top: 2.2rem; padding-bottom: 2rem; }
@media (max-width: 640px) {
  .stMainBlockContainer { padding-top: 1.2rem; }
  .stMainBlockContainer h1 { font-size: 2rem; }
  .stMainBlockContainer h2 { font-size: 1.5rem; }
}
</style>"""


def apply_base_style() -> None:
    # Static CSS of our own only; never user text.
    st.html(_BASE_CSS)
