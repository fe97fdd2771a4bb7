"""The app's colours, each named once: the brand (the house's roof), the ink and the paper of the board.

Every screen, chart and export takes them from here: the board's CSS and the page styles through the CSS
variables ``css_variables()`` declares (``--sc-roof`` …), Python through the constants. The one copy that must
be a literal is Streamlit's theme in ``.streamlit/config.toml`` (``primaryColor``, ``textColor``):
``tests/test_palette.py`` keeps it equal to these.
"""

from __future__ import annotations

ROOF = "#7a3b2e"  # the brand colour: the house's roof, primary buttons, the finished timer, chart bars
INK = "#1b1b1f"  # text, and the focus ring (about 17:1 on white)
MUTED = "#55555f"  # secondary text (7.3:1 on white)
LINE = "#c9c4b8"  # zone borders, rules, chart grids
ZONE_BG = "#fbfaf6"  # the paper of a pillar's zone
FOUNDATION_BG = "#efe9dc"  # the paper of the foundation's zones
TINT = "#f4f0e8"  # Streamlit's secondary background, the timer's chip

CSS_VARIABLES = {
    "--sc-roof": ROOF,
    "--sc-ink": INK,
    "--sc-muted": MUTED,
    "--sc-line": LINE,
    "--sc-zone-bg": ZONE_BG,
    "--sc-foundation-bg": FOUNDATION_BG,
    "--sc-tint": TINT,
}


def css_variables() -> str:
    """The palette as CSS custom properties, for a ``:root`` (or a component's root) rule."""
    return " ".join(f"{name}: {value};" for name, value in CSS_VARIABLES.items())
