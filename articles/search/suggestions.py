""" "Did you mean …": for a search that found little, the site's own words
nearest to the words typed.

The vocabulary is the words of published articles as written (titles,
standfirsts, introductions, points, perspectives, topics and bylines; not
readers' comments), kept by the database (migrations 0013 and 0014,
forgiving_search).
Each backend answers in one query, for every word at once: whether the word,
or its other spelling, is in a published article (stems included, so
"leaders" is not taken for a misspelling of "leader"), and if not, the
most similar words by trigrams that are (pg_trgm on PostgreSQL; on SQLite
the FTS5 vocabulary, with the same measure written in Python,
trigram_similarity), of which the one fewest edits away is offered. On
SQLite a word is only compared with words of the same first letter, which
keeps that query short: a first letter typed wrong finds no suggestion there.
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
# the most similar words each backend returns, among which the fewest edits win
CANDIDATES = 10
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


def edits_between(one, other):
    """How many letters must be added, removed, changed or swapped with the
    next to turn one word into the other (Damerau-Levenshtein, each letter
    edited once)."""
    before, previous = None, list(range(len(other) + 1))
    for i, letter in enumerate(one, start=1):
        current = [i]
        for j, their_letter in enumerate(other, start=1):
            cost = 0 if letter == their_letter else 1
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            )
            if (
                before is not None
                and i > 1
                and j > 1
                and letter == other[j - 2]
                and one[i - 2] == their_letter
            ):
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return previous[-1]


def nearest(word, candidates):
    """The candidate a typist most likely meant: the fewest edits, then one
    longer than typed (a letter left out is the commonest slip), then the
    most similar; None if every candidate needs too many edits."""
    allowed = max(2, len(word) // 3)
    ranked = sorted(
        (
            edits_between(word, candidate),
            len(candidate) <= len(word),
            -trigram_similarity(word, candidate),
            candidate,
        )
        for candidate in candidates
    )
    return ranked[0][-1] if ranked and ranked[0][0] <= allowed else None


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
    replacements = {}
    for word, known, candidates in backend.nearest_words(asked):
        meant = None if known else nearest(word, candidates)
        if meant and meant != word:
            replacements[word] = meant
    if not replacements:
        return None
    suggested = _WORD.sub(
        lambda word: replacements.get(word.group().lower(), word.group()), typed
    )
    return suggested if words_in(suggested.lower()) != words_in(typed.lower()) else None
