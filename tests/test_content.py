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


# --- the handbook ----------------------------------------------------------------------------------

import shutil  # noqa: E402

from canvas.content import CONTENT_DIR, DIMENSION_KEYS, GROUP_KEYS, canvas_template, load_handbook  # noqa: E402
from canvas.models import Language  # noqa: E402


def test_the_handbook_loads_with_15_tools_in_5_groups() -> None:
    book = load_handbook()
    assert len(book.tools) == 15
    assert [len(book.tools_in(group)) for group in GROUP_KEYS] == [3, 3, 5, 2, 2]
    for group in GROUP_KEYS:
        assert [t.order for t in book.tools_in(group)] == list(range(1, len(book.tools_in(group)) + 1))
    # Every dimension is worked on by at least two tools, and the design group has one per pillar.
    for dimension in DIMENSION_KEYS:
        assert len(book.tools_for(dimension)) >= 2, dimension
    primaries = sorted(t.dimensions[0] for t in book.tools_in("design"))
    assert primaries == sorted(["governance", "finance", "legal", "embedding", "opentech"])


def test_every_tool_is_complete_in_both_languages_and_usable_as_a_canvas() -> None:
    book = load_handbook()
    for tool in book.tools:
        for language in Language:
            texts = [tool.name(language), tool.purpose(language), tool.when(language), tool.example(language)]
            texts += [step(language) for step in tool.steps]
            texts += [z.title(language) for z in tool.canvas.zones] + [z.prompt(language) for z in tool.canvas.zones]
            assert all(text.strip() for text in texts), (tool.key, language)
        assert tool.name(Language.NL) != "" and tool.example(Language.NL) != tool.example(Language.EN)
        assert "Noorderparktuin" not in tool.example(Language.NL) + tool.example(Language.EN)
        assert canvas_template(tool.key).zones == tool.canvas.zones


def test_the_rubric_has_five_levels_for_each_dimension() -> None:
    rubric = load_handbook().rubric
    assert [level.number for level in rubric.levels] == [1, 2, 3, 4, 5]
    assert [d.key for d in rubric.dimensions] == list(DIMENSION_KEYS)
    assert len({rubric.describe("legal", level).en for level in range(1, 6)}) == 5


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def test_a_tool_with_an_unknown_dimension_is_named_by_file_and_field(content_copy: Path) -> None:
    tool_file = content_copy / "tools" / "values_compass.toml"
    tool_file.write_text(tool_file.read_text().replace('dimensions = ["values"', 'dimensions = ["vallues"', 1))
    with pytest.raises(ContentError) as caught:
        load_handbook(content_copy)
    assert "values_compass.toml" in str(caught.value) and "dimensions" in str(caught.value)


def test_a_tool_missing_its_english_text_is_named_by_file_and_field(content_copy: Path) -> None:
    tool_file = content_copy / "tools" / "goals_tree.toml"
    text = tool_file.read_text()
    start = text.index("purpose = {")
    end = text.index("}", start)
    tool_file.write_text(text[:start] + 'purpose = { nl = "Alleen Nederlands" }' + text[end + 1 :])
    with pytest.raises(ContentError) as caught:
        load_handbook(content_copy)
    assert "goals_tree.toml: field 'purpose.en'" in str(caught.value)


def test_a_second_tool_with_the_same_key_is_refused(content_copy: Path) -> None:
    shutil.copy(content_copy / "tools" / "values_compass.toml", content_copy / "tools" / "zz_copy.toml")
    with pytest.raises(ContentError, match="also used by"):
        load_handbook(content_copy)
