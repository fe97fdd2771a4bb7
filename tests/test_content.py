"""Content files load, validate, and fail with a message that names the file and the field."""

from pathlib import Path

import pytest

from canvas.content import ContentError, canvas_templates, parse_canvas_template
from canvas.models import Band


def test_every_canvas_file_loads() -> None:
    templates = canvas_templates()
    assert "collaboration" in templates
    house = templates["collaboration"]
    assert house.layout == "house"
    assert [z.band for z in house.zones].count(Band.PILLAR) == 5
    assert [z.band for z in house.zones].count(Band.FOUNDATION) == 3


def test_a_broken_field_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'key = "x"\ntitle = { nl = "X" }\n[[zones]]\nkey = "a"\n'
        'title = { nl = "A", en = "A" }\nprompt = { nl = "", en = "p" }\n'
    )
    with pytest.raises(ContentError) as caught:
        parse_canvas_template(bad)
    message = str(caught.value)
    assert str(bad) in message
    assert "title.en" in message and "zones.0.prompt.nl" in message


def test_invalid_toml_and_duplicate_zones_are_reported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("key = \n")
    with pytest.raises(ContentError, match="not valid TOML"):
        parse_canvas_template(broken)
    twice = tmp_path / "twice.toml"
    zone = '[[zones]]\nkey = "a"\ntitle = { nl = "A", en = "A" }\nprompt = { nl = "p", en = "p" }\n'
    twice.write_text('key = "x"\ntitle = { nl = "X", en = "X" }\n' + zone + zone)
    with pytest.raises(ContentError, match="unique"):
        parse_canvas_template(twice)
