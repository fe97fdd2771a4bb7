"""Finding tools: by words (accents and case do not matter), by group, by dimension."""

from canvas.content import load_handbook
from canvas.library import find_tools
from canvas.models import Language

BOOK = load_handbook()


def keys(tools) -> list[str]:
    return [t.key for t in tools]


def test_no_filter_lists_every_tool_in_handbook_order() -> None:
    found = find_tools(BOOK, language=Language.NL)
    assert len(found) == 15
    assert keys(found)[:3] == keys(BOOK.tools_in("foundation"))
    assert keys(found)[-2:] == keys(BOOK.tools_in("reflect"))


def test_group_and_dimension_filters_combine() -> None:
    design = find_tools(BOOK, language=Language.EN, group="design")
    assert keys(design) == keys(BOOK.tools_in("design"))
    legal_design = find_tools(BOOK, language=Language.EN, group="design", dimension="legal")
    assert legal_design and all("legal" in t.dimensions and t.group == "design" for t in legal_design)
    assert set(keys(legal_design)) < set(keys(design))


def test_words_match_in_the_chosen_language_without_accents_or_case() -> None:
    tool = BOOK.tool("value_flows")
    word = tool.name(Language.NL).split()[0]
    assert "value_flows" in keys(find_tools(BOOK, language=Language.NL, words=word.upper()))
    # "financien" finds text with "financiën".
    accented = [t for t in BOOK.tools if "financiën" in (t.purpose("nl") + " ".join(s("nl") for s in t.steps)).lower()]
    if accented:
        assert set(keys(accented)) <= set(keys(find_tools(BOOK, language=Language.NL, words="financien")))
    assert find_tools(BOOK, language=Language.NL, words="xyzzy-niets") == []


def test_every_word_must_match() -> None:
    both = find_tools(BOOK, language=Language.EN, words="permit neighbours")
    only_permit = find_tools(BOOK, language=Language.EN, words="permit")
    assert set(keys(both)) <= set(keys(only_permit))
