from canvas.text import escape_markdown


def test_markdown_specials_are_escaped() -> None:
    assert escape_markdown("**vet** [link](http://x) <b>") == r"\*\*vet\*\* \[link\]\(http\:\/\/x\) \<b\>".replace(
        r"\/", "/"
    )
    assert escape_markdown("Buurt 2.0 - samen!") == r"Buurt 2\.0 \- samen\!"
    assert escape_markdown("gewoon tekst") == "gewoon tekst"
