"""Page-wide CSS: less empty space above the content, and headings that fit a phone."""

import streamlit as st

_BASE_CSS = """<style>
.stMainBlockContainer { padding-top: 2.2rem; padding-bottom: 2rem; }
@media (max-width: 640px) {
  .stMainBlockContainer { padding-top: 1.2rem; }
  .stMainBlockContainer h1 { font-size: 2rem; }
  .stMainBlockContainer h2 { font-size: 1.5rem; }
}
/* --- focus ring (board-a11y) -------------------------------------------------------------------------
   WCAG 2.4.7/2.4.11: Streamlit's own focus glow is a pale tint of the primary colour (under 3:1 on white).
   Every control gets a 3px near-black outline instead (about 17:1 on the app's white background). Radios,
   checkboxes and toggles hide their <input>, so the ring goes on the label that holds it. */
.stApp :is(button, a, summary, select, [role="button"], [role="tab"], [role="option"], [tabindex="0"]):focus-visible,
.stApp label:has(input:focus-visible) {
  outline: 3px solid #1b1b1f !important;
  outline-offset: 2px !important;
}
</style>"""


def apply_base_style() -> None:
    # Static CSS of our own only; never user text. Not st.html: a style-only st.html goes to Streamlit's event
    # container, which under st.navigation never reached the page (the padding and focus rules had no effect).
    st.markdown(_BASE_CSS, unsafe_allow_html=True)
