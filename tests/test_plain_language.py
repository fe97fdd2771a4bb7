"""Plain language on the phone (issue 23, item 7): citizens read the phone, so it speaks everyday Dutch (B1)
and plain English. The handbook's own terms ("Governance", "Sociale inbedding", "Juridische kaders") may stay
as the names of the house's parts, but only with a plain line beside them (``plain``); every other text the
phone shows (its labels, the phase names and help, the rubric) uses none of the jargon below, and keeps its
sentences short. Canvas titles are names (the house, a tool) and are not checked; "canvas" itself is not used
on the phone ("werkblad")."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from canvas.content import default_canvas
from canvas.models import BoardCreate, Language, Phase
from canvas.phone_view import phone_room, phone_static
from canvas.store import Store

# Words a citizen stumbles on, as the start of a word (case does not matter).
JARGON = {
    Language.NL: (
        "governance",
        "inbedding",
        "juridisch",
        "onthul",
        "canvas",
        "kaders",
        "rubric",
        "framework",
        "participatie",
        "stakeholder",
        "implementatie",
        "faciliteren",
        "verantwoording",
        "wederkerigheid",
        "zelforganisatie",
        "parapluvergunning",
        "evalueren",
    ),
    Language.EN: ("governance", "embedding", "framework", "canvas", "rubric", "stakeholder", "reciprocity"),
}
LONGEST_SENTENCE = 16  # words; B1 advice is about 10 on average and seldom more than 15
MEAN_SENTENCE = 10.0


def jargon_in(text: str, language: Language) -> list[str]:
    return [word for word in JARGON[language] if re.search(rf"\b{word}", text, re.IGNORECASE)]


def sentences(text: str) -> list[list[str]]:
    """The sentences of a text, as lists of words ("{count}" and the like count as one word)."""
    parts = re.split(r"(?<=[.!?])\s+|[.!?]$", text.strip())
    return [words for part in parts if (words := re.findall(r"[\w{}'’()-]+", part))]


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.fixture
def house_store(sqlite_url: str) -> Iterator[Store]:
    store = Store(sqlite_url)
    yield store
    store.close()


def phone_texts(store: Store, language: Language) -> tuple[list[str], list[tuple[str, str]]]:
    """What a phone on a house board shows in ``language``: the texts that must be plain by themselves, and
    the (handbook term, plain line) pairs of the house's parts."""
    static = phone_static(language)
    plain_texts = list(strings(static["labels"]))
    named: list[tuple[str, str]] = []
    for dimension in static["rubric"]:
        named.append((dimension["name"], dimension.get("plain", "")))
        for level in dimension["levels"]:
            plain_texts += [level["name"], level["line"]]
    created = store.create_board(first_canvas=default_canvas(), new=BoardCreate(title="Buurt"))
    board_id = created.board.id
    canvas_id = store.load_snapshot(board_id=board_id).active_canvas.id
    token = created.facilitator_token
    for phase in Phase:
        store.set_phase(board_id=board_id, canvas_id=canvas_id, phase=phase, facilitator_token=token)
        room = phone_room(store.load_snapshot(board_id=board_id), language)
        plain_texts += [room["active"]["phase_name"], room["active"]["help"]]
    for zone in room["canvases"][0]["zones"]:
        named.append((zone["title"], zone.get("plain", "")))
        plain_texts.append(zone["prompt"])
    return plain_texts, named


@pytest.mark.parametrize("language", [Language.NL, Language.EN])
def test_the_phone_uses_no_jargon_without_a_plain_line_beside_it(house_store: Store, language: Language) -> None:
    plain_texts, named = phone_texts(house_store, language)
    assert [(text, jargon_in(text, language)) for text in plain_texts if jargon_in(text, language)] == []
    for term, plain in named:
        if jargon_in(term, language):
            assert plain, f"{term!r} has no plain line on the phone"
        assert not jargon_in(plain, language), (term, plain)
    # Every part of the house says what it means, not only the ones with a hard name.
    assert all(plain for _, plain in named), named


def test_the_phones_dutch_keeps_its_sentences_short(house_store: Store) -> None:
    plain_texts, named = phone_texts(house_store, Language.NL)
    all_sentences = [words for text in plain_texts + [plain for _, plain in named] for words in sentences(text)]
    long = [" ".join(words) for words in all_sentences if len(words) > LONGEST_SENTENCE]
    assert long == []
    # The rubric's lines and the step's help are the phone's longest reading: short sentences on average.
    static = phone_static(Language.NL)
    reading = [level["line"] for dimension in static["rubric"] for level in dimension["levels"]]
    lengths = [len(words) for text in reading for words in sentences(text)]
    assert sum(lengths) / len(lengths) <= MEAN_SENTENCE, sum(lengths) / len(lengths)
