"""The colours are named once (canvas/palette.py); nothing else in the code spells them out."""

import re
import tomllib
from pathlib import Path

from canvas import palette

ROOT = Path(__file__).resolve().parent.parent
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_streamlit_theme_uses_the_palette() -> None:
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["primaryColor"].lower() == palette.ROOF
    assert theme["textColor"].lower() == palette.INK
    assert theme["secondaryBackgroundColor"].lower() == palette.TINT


def test_no_other_file_spells_out_a_palette_colour() -> None:
    named = {value.lower() for value in palette.CSS_VARIABLES.values()}
    sources = [
        path
        for path in [*ROOT.glob("canvas/**/*.py"), *ROOT.glob("canvas/**/*.css"), *ROOT.glob("canvas/**/*.js")]
        if path.name != "palette.py"
    ]
    assert len(sources) > 50  # the glob still finds the code
    spelled = {
        f"{path.relative_to(ROOT)}: {colour}"
        for path in sources
        for colour in HEX.findall(path.read_text(encoding="utf-8"))
        if colour.lower() in named
    }
    assert spelled == set()


def test_every_palette_colour_is_a_css_variable() -> None:
    declared = palette.css_variables()
    for name, value in palette.CSS_VARIABLES.items():
        assert f"{name}: {value};" in declared
