"""Finding tools: by words (accents and case do not matter), by group, by dimension."""

import pytest

from canvas.content import LocalText, Tool, load_handbook
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
    assert find_tools(BOOK, language=Language.NL, words="xyzzy-niets") == []


# A small handbook of our own for the search rules, so that no rule depends on which words today's content uses.
def _tool(key: str, order: int, purpose_nl: str, purpose_en: str) -> Tool:
    template = BOOK.tools[0]
    return template.model_copy(
        update={
            "key": key,
            "order": order,
            "name": LocalText(nl=f"Werkvorm {key}", en=f"Tool {key}"),
            "purpose": LocalText(nl=purpose_nl, en=purpose_en),
            "when": LocalText(nl="Altijd.", en="Always."),
            "steps": tuple(LocalText(nl="Stap.", en="Step.") for _ in range(3)),
            "example": LocalText(nl="Voorbeeld.", en="Example."),
            "canvas": template.canvas.model_copy(update={"zones": template.canvas.zones[:2]}),
        }
    )


SMALL_BOOK = BOOK.model_copy(
    update={
        "tools": (
            _tool("money", 1, "Wie betaalt de Financiën van het buurthuis?", "Who pays for the community centre?"),
            _tool("coop", 2, "Een coöperatie voor de zonnepanelen.", "A cooperative for the solar panels."),
            _tool("plain", 3, "Samen een plan maken.", "Make a plan together."),
        )
    }
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("financien", ["money"]),  # no diaeresis typed, "Financiën" found
        ("FINANCIËN", ["money"]),  # case and accents both ignored
        ("cooperatie", ["coop"]),
        ("coöperatie zonnepanelen", ["coop"]),  # every word must occur
        ("cooperatie buurthuis", []),  # one word in each tool: neither matches
        ("werkvorm", ["money", "coop", "plain"]),  # the name counts too
    ],
)
def test_search_folds_accents_and_case(words: str, expected: list[str]) -> None:
    assert keys(find_tools(SMALL_BOOK, language=Language.NL, words=words)) == expected


def test_search_looks_only_in_the_chosen_language() -> None:
    assert keys(find_tools(SMALL_BOOK, language=Language.EN, words="cooperative")) == ["coop"]
    assert find_tools(SMALL_BOOK, language=Language.NL, words="cooperative") == []
    assert find_tools(SMALL_BOOK, language=Language.EN, words="financien") == []


def test_every_word_must_match() -> None:
    both = find_tools(BOOK, language=Language.EN, words="permit neighbours")
    only_permit = find_tools(BOOK, language=Language.EN, words="permit")
    assert set(keys(both)) <= set(keys(only_permit))
