"""How text is shortened wherever a page or an e-mail shows only part of it."""

import re

TRAILING = " \t\n,;:–—-"


def shorten(text, limit):
    """The text, or its start cut at a word boundary to at most `limit`
    characters with an ellipsis: never a word cut in half."""
    text = str(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():  # else the cut already falls between words
        spaces = [match.start() for match in re.finditer(r"\s", cut)]
        # back to the last space, unless that loses most of the text (one
        # very long word: cut it)
        if spaces and spaces[-1] > limit // 3:
            cut = cut[: spaces[-1]]
    return cut.rstrip(TRAILING) + "…"
