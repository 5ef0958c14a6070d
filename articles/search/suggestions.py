""" "Did you mean …": for a search that found little, the site's own words
nearest to the words typed.

The vocabulary is the words of published articles as written (titles,
standfirsts, introductions, points, perspectives, topics and bylines; not
readers' comments), kept by the database (migration 0012_forgiving_search).
Each backend answers in one query, for every word at once: whether the word,
or its other spelling, is in a published article (stems included, so
"leaders" is not taken for a misspelling of "leader"), and if not, the
nearest word by trigram similarity that is. PostgreSQL measures it with
pg_trgm; SQLite reads the FTS5 vocabulary with the same measure written in
Python (trigram_similarity). A word is only looked for among words starting
with the same letter on SQLite, which keeps that query short: a first letter
typed wrong finds no suggestion there.
"""

import re

from .query import words_in
from .spellings import other_spelling

# a search that found fewer results than this gets a suggestion, if any
SUGGEST_BELOW = 3
# as pg_trgm's default similarity_threshold
MIN_SIMILARITY = 0.3
MIN_WORD_LENGTH = 3
MAX_WORDS = 10
_WORD = re.compile(r"[^\W_]+")


def trigrams(word):
    """The trigrams pg_trgm takes from one word: lower case, two spaces
    before and one after."""
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(one, other):
    """pg_trgm's similarity(): shared trigrams over all trigrams of both."""
    mine, theirs = trigrams(one), trigrams(other)
    shared = len(mine & theirs)
    return shared / (len(mine) + len(theirs) - shared) if mine or theirs else 0.0


def words_to_check(query):
    """The words of a parsed Query's terms worth correcting, in lower case."""
    words = []
    for term in query.terms:
        for word in term.words:
            lowered = word.lower()
            if (
                len(lowered) >= MIN_WORD_LENGTH
                and lowered.isalpha()
                and lowered not in words
            ):
                words.append(lowered)
    return words[:MAX_WORDS]


def suggestion(typed, query, found, backend):
    """The search to suggest instead of typed (the normalised query, parsed
    as query), which found `found` results; None when it found enough, or
    when no word has a nearer one in the site's vocabulary. The words typed
    are replaced where they stand, so quotes, `or` and minus signs stay."""
    if found >= SUGGEST_BELOW or not query:
        return None
    words = words_to_check(query)
    if not words:
        return None
    asked = [(word, other_spelling(word) or word) for word in words]
    replacements = {
        word: nearest
        for word, known, nearest in backend.nearest_words(asked)
        if not known and nearest and nearest != word
    }
    if not replacements:
        return None
    suggested = _WORD.sub(
        lambda word: replacements.get(word.group().lower(), word.group()), typed
    )
    return suggested if words_in(suggested.lower()) != words_in(typed.lower()) else None
