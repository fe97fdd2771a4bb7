"""User text inside Streamlit markdown stays literal: checked with a CommonMark parser and Streamlit's own rules."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from canvas.text import escape_markdown, literal_html
from tests.test_bad_input import CATALOGUE, LITERAL

ONE_LINE = [case.text for case in CATALOGUE if case.expected == LITERAL and "\n" not in case.text] + [
    "&amp; -- ---",  # entities and dashes slipped through the old escape
    "www.example.org and a@b.nl and https://x.example",  # GFM autolinks
    "*a* _b_ ~~c~~ `d` | e | f |",
    "1. first",
    "\\*backslash\\*",
]
# Streamlit-specific syntax, as the frontend detects it in the source (StreamlitMarkdown.js, 1.67):
EMOJI_SHORTCODE = re.compile(r":(?!material\/|streamlit:)[\w+-][\w_+-]*:")
DIRECTIVE = re.compile(r"(?<!\\):[A-Za-z]")  # :material/..:, :red[..], :streamlit: start with an unescaped colon
INLINE_MATH = re.compile(r"(?<![\\$])\$(?![\s$])")


def rendered_tokens(source: str) -> list:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = []
    for block in parser.parse(source):
        tokens.extend(block.children or [block])
    return tokens


@pytest.mark.parametrize("text", ONE_LINE)
def test_escaped_text_renders_as_exactly_its_characters(text: str) -> None:
    source = escape_markdown(text)
    tokens = rendered_tokens(source)
    kinds = {token.type for token in tokens} - {"paragraph_open", "paragraph_close", "inline"}
    assert kinds == {"text"}, kinds  # no link, image, emphasis, code, html, heading, list, table
    assert "".join(token.content for token in tokens if token.type == "text") == text
    assert not EMOJI_SHORTCODE.search(source)
    assert not DIRECTIVE.search(source)
    assert not INLINE_MATH.search(source)


def test_plain_words_are_left_alone() -> None:
    assert escape_markdown("gewoon tekst") == "gewoon tekst"


def test_html_template_text_is_escaped() -> None:
    assert literal_html('<img src="x"> &amp;') == "&lt;img src=&quot;x&quot;&gt; &amp;amp;"
