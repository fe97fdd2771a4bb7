"""What is wrong with some input, as an i18n key and its values: for pages and for the phone's requests alike.

Pure code (pydantic only): the pages (canvas/ui/errors.py) and the participant's requests (canvas/web) say
the same thing about the same input.
"""

from __future__ import annotations

from pydantic import ValidationError

from canvas.text import CONTROL_CHARACTERS, INVISIBLE_ONLY

# A note's own wording for "empty" and "too long", wherever a note is written or edited.
NOTE_TEXT_KEYS = {"empty_key": "error.note_empty", "too_long_key": "error.note_too_long_kept"}


def input_problem(
    error: ValidationError, *, empty_key: str = "error.text_empty", too_long_key: str = "error.text_too_long"
) -> tuple[str, dict[str, object]]:
    """The i18n key (and its values) that says best what is wrong with some input.

    Args:
        empty_key, too_long_key: a field's own wording for "empty" and "too long" (filled with ``max``).
    """
    problems = error.errors()
    kinds = {problem["type"] for problem in problems}
    # string_unicode: pydantic's own refusal of a lone surrogate, which no database can store either.
    if kinds & {CONTROL_CHARACTERS, "string_unicode"}:
        return "error.control_characters", {}
    if INVISIBLE_ONLY in kinds:
        return "error.invisible_only", {}
    for problem in problems:
        if problem["type"] == "string_too_long":
            limit = problem["ctx"]["max_length"]
            length = len(problem.get("input") or "")
            return too_long_key, {"max": limit, "max_comment": limit, "length": length, "over": length - limit}
    if kinds & {"string_too_short", "missing", "too_short"}:
        return empty_key, {}
    return "error.generic", {}
