"""Finding tools in the handbook: by group, by dimension and by words. Pure code, no Streamlit."""

from __future__ import annotations

import unicodedata

from canvas.content import Handbook, Tool
from canvas.models import Language


def _fold(text: str) -> str:
    """Lower case without accents, so "financien" finds "Financiën"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tool_text(tool: Tool, language: Language) -> str:
    """Everything a search may match in one tool, in one language."""
    parts = [tool.name(language), tool.purpose(language), tool.when(language), tool.example(language)]
    parts += [step(language) for step in tool.steps]
    parts += [zone.title(language) + " " + zone.prompt(language) for zone in tool.canvas.zones]
    return _fold(" ".join(parts))


def find_tools(
    handbook: Handbook,
    *,
    language: Language,
    words: str = "",
    group: str | None = None,
    dimension: str | None = None,
) -> list[Tool]:
    """Tools matching every given filter, in handbook order (group, then position in the group).

    Args:
        words: every word must occur somewhere in the tool's text (in ``language``); empty matches all.
        group: a group key, or None for every group.
        dimension: a dimension key the tool works on (primary or not), or None.
    """
    wanted = _fold(words).split()
    group_order = {g.key: index for index, g in enumerate(handbook.groups)}
    found = [
        tool
        for tool in handbook.tools
        if (group is None or tool.group == group)
        and (dimension is None or dimension in tool.dimensions)
        and all(word in tool_text(tool, language) for word in wanted)
    ]
    return sorted(found, key=lambda t: (group_order[t.group], t.order))
