"""Page-wide CSS: less empty space above the content, headings that fit a phone, and what accessibility needs
of Streamlit's own elements (issue #12): a focus ring everyone can see, no needless tab stops, no English."""

import streamlit as st

from canvas.palette import css_variables

# Focus: Streamlit's own ring is a 2.5:1 tint on buttons and pills, and a 1.14:1 tint on radios and toggles.
# Ours is a 3 px near-black outline (about 17:1 on white, far above the 3:1 WCAG asks), drawn around the
# element a keyboard user is on. Radios, checkboxes and toggles hide their real <input> (in a box with
# overflow: hidden, so its own outline never shows): the ring goes around its label instead. Text boxes
# get it around their frame.
# Heading anchors: every heading had a "link to heading" button, one needless tab stop each; hidden.
# Input instructions: Streamlit's own English ("Press Ctrl+Enter to submit form", meaningless on a phone) is
# hidden; a character counter next to it stays (it is the last span; its "•" separator goes).
_BASE_CSS = """<style>
:root { PALETTE }
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
  outline: 3px solid var(--sc-ink) !important;
  outline-offset: 2px !important;
}
.stApp :is(button, a, summary, [tabindex]:not(input)):focus-visible {
  outline: 3px solid var(--sc-ink) !important; outline-offset: 2px !important;
}
/* Streamlit's <main> scrolls the page and is a tab stop (and the skip link's target): its ring was drawn
   outside the window. Inside it, it shows. ([tabindex] outweighs the rule for every control above, which
   put it back outside.) */
.stApp [data-testid=stMain][tabindex]:focus-visible { outline-offset: -3px !important; }
.stApp :is([data-testid=stRadioOption], [data-testid=stCheckbox] label):has(input:focus-visible) {
  outline: 3px solid var(--sc-ink); outline-offset: 2px; border-radius: 0.4rem;
}
.stApp :is([data-baseweb=input], [data-baseweb=textarea], [data-baseweb=select]):focus-within {
  outline: 3px solid var(--sc-ink); outline-offset: 1px;
}
/* --- segmented controls wrap (console phases) ----------------------------------------------------------
   Streamlit's segmented control scrolls sideways when its options do not fit, and hides the ones outside
   (on a phone the console's phase control lost "Vrij schrijven"). Its options wrap onto a next line instead;
   up to 1200 px, where they may wrap (the console's phase column wraps below about 1080 px in Dutch), each is
   a chip of its own, so a wrapped row does not look cut off. Wider, they stay one joined row. */
.stApp [role=radiogroup]:has(> button[data-variant=segmented_control]) {
  flex-wrap: wrap; overflow: visible; row-gap: 0.4rem;
}
@media (max-width: 1200px) {
  .stApp [role=radiogroup]:has(> button[data-variant=segmented_control]) { gap: 0.4rem; }
  .stApp button[data-variant=segmented_control] { border-radius: 0.5rem !important; margin: 0 !important; }
  /* Joined, the chosen option's neighbours leave their edge next to it to it; apart, each needs its own. */
  .stApp button[data-variant=segmented_control][aria-checked=true] + button[data-variant=segmented_control] {
    border-left-color: color-mix(in srgb, var(--sc-ink) 20%, transparent) !important;
  }
  .stApp button[data-variant=segmented_control]:has(+ button[aria-checked=true]) {
    border-right-color: color-mix(in srgb, var(--sc-ink) 20%, transparent) !important;
  }
}
/* --- text spacing (WCAG 1.4.12) --------------------------------------------------------------------------
   Streamlit's pills and segmented controls (the canvas switch, NL/EN, the phase control) have a fixed height
   and hide what does not fit: with a reader's own line height or paragraph spacing their labels were cut
   off. They grow with their label instead. */
.stApp [data-testid=stButtonGroup] button { height: auto !important; min-height: 2rem; }
.stApp [data-testid=stButtonGroup] button * { overflow: visible !important; }
/* Every other button's label (the library's "Bekijk …", the start page's parts of the house) wraps instead of
   ending in "…": Streamlit keeps a label on one line and cuts it, and a reader's spacing made it longer. */
.stApp button .stMarkdownEllipsis { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
.stApp [data-testid=stButton] button { height: auto !important; }
[data-testid=stHeaderActionElements] { display: none !important; }
[data-testid=InputInstructions] > span:first-child:not(:last-child),
[data-testid=InputInstructions] > span:only-child { display: none; }
[data-testid=InputInstructions] > span::before { content: none !important; }
</style>"""


def apply_base_style() -> None:
    # Static CSS of our own only; never user text. Not st.html: a style-only st.html goes to Streamlit's event
    # container, which under st.navigation never reached the page (the padding and focus rules had no effect).
    # The palette's variables on :root reach every element, shadow roots (board, timer) included.
    st.markdown(_BASE_CSS.replace("PALETTE", css_variables()), unsafe_allow_html=True)
