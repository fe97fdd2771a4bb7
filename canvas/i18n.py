"""Translations: ``t(key, language)`` over ``content/i18n/<language>.toml``. Dutch is the default."""

from __future__ import annotations

import logging
from functools import cache

from canvas.content import CONTENT_DIR, ContentError, load_toml
from canvas.models import Language

DEFAULT_LANGUAGE = Language.NL
log = logging.getLogger(__name__)


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        elif isinstance(value, str):
            flat[name] = value
        else:
            raise ContentError(f"content/i18n: key '{name}' must be text, got {type(value).__name__}")
    return flat


@cache
def catalog(language: Language | str) -> dict[str, str]:
    """All messages of one language, keyed ``section.name``."""
    return _flatten(load_toml(CONTENT_DIR / "i18n" / f"{Language(language).value}.toml"))


def parse_language(value: str | None, default: Language = DEFAULT_LANGUAGE) -> Language:
    """A language from a URL or form value; anything unknown gives the default."""
    try:
        return Language((value or "").strip().lower())
    except ValueError:
        return default


def tn(key: str, language: Language | str, count: int, **values: object) -> str:
    """A message with a plural: ``key.one``, ``key.other`` (CLDR categories, by Babel) in the catalogue, with
    ``{count}`` filled in. A category the catalogue lacks falls back to ``other``."""
    from canvas.numbers import plural_form

    form = plural_form(count, Language(language))
    forms = catalog(language)
    chosen = f"{key}.{form}" if f"{key}.{form}" in forms else f"{key}.other"
    return t(chosen, language, count=count, **values)


def t(key: str, language: Language | str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message ``key`` in ``language``, with ``{name}`` placeholders filled from ``values``.

    A message with a plural (``key.one``, ``key.other``) asked for here takes its form from ``count``, or
    else from its one whole number ("{dots} stip" for ``dots=1``): a caller need not know the message has
    forms. With more than one number and no ``count``, ``tn`` says which number counts."""
    forms = catalog(language)
    message = forms.get(key)
    if message is None and f"{key}.other" in forms:
        numbers = [v for v in values.values() if isinstance(v, int) and not isinstance(v, bool)]
        counted = values.get("count", numbers[0] if len(numbers) == 1 else None)
        if isinstance(counted, int):
            return tn(key, language, counted, **{k: v for k, v in values.items() if k != "count"})
        message = forms[f"{key}.other"]
    if message is None:
        # Visible but not fatal in production; the i18n test fails on any missing key.
        log.warning("missing translation %s for %s", key, language)
        return key
    return message.format(**values) if values else message
