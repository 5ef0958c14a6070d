"""British and American spellings of one word, so that a search in either
finds text written in the other: pure functions, no database.

The query is widened, not the index: each word also asks for its other
spellings (`organization` becomes `organization or organisation`), so
nothing is indexed again. The pairs come from breame's word list (about 1,700,
every family: -our/-or, -re/-er, -ence/-ense, -ise/-ize, -yse/-yze, -ll-/-l-,
ae/e, oe/e). Words the list lacks are changed by rule only in the -ise/-ize
and -yse/-yze families, where the other spelling is never another word; the
other families are left to the list, as a rule would turn "our" into "or",
"hour" into "hor" and "here" into "her".

Where one spelling is also a British word of its own, the pair is not used
that way round, or at all: see ONE_WAY and NOT_PAIRED. `program` and
`programme` find each other both ways: British English writes "program" for
software and "programme" for a plan, and one word cannot say which is meant,
so a search for either finds both.
"""

import itertools
import re

from breame.data.spelling_constants import (
    AMERICAN_ENGLISH_SPELLINGS,
    BRITISH_ENGLISH_SPELLINGS,
)

from .query import Query, Term

# American spellings that are also British words with a meaning of their own
# (a gas meter, to tire): a search for them is not widened to the British
# spelling, though "metre" and "tyre" still find "meter" and "tire".
ONE_WAY = frozenset({"meter", "meters", "tire", "tires"})

# Pairs in the list that are different words in British English, or wrong.
NOT_PAIRED = frozenset(
    """
    draft drafts draught draughts filter filters philtre philtres groin groins
    groyne groynes ton tons tonne tonnes tranquility tranquilly pummel pummeled
    pummelled pummelling
    """.split()
)

# -ise/-ize and -yse/-yze endings, paired; a rule changes only words with at
# least MIN_STEM letters before the ending, which leaves out "size", "prize",
# "seize", "rise" and "wise".
_ENDINGS = [
    ("ization", "isation"),
    ("izations", "isations"),
    ("izational", "isational"),
    ("ize", "ise"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("izer", "iser"),
    ("izers", "isers"),
    ("yze", "yse"),
    ("yzes", "yses"),
    ("yzed", "ysed"),
    ("yzing", "ysing"),
    ("yzer", "yser"),
]
MIN_STEM = 4
# words a rule would change into another real word ("prise" is not
# "prize"), or that are spelt -ise or -ize everywhere ("exercise", "capsize")
_RULE_EXCEPTIONS = re.compile(
    r"siz(e|es|ed|ing|er|ers)$|^(prise|prize|seize|baize|maize|assize)"
    r"|^(exerc|expert|enterpr|franch|merchand|comprom|surpr|otherw|likew|clockw"
    r"|prom|prem|treat|dev|rev|superv|telev|improv|disgu|chast|desp|dem|prec"
    r"|conc|exc|inc)is(e|es|ed|ing|er|ers)$"
)
_OTHER_ENDING = {a: b for pair in _ENDINGS for a, b in (pair, pair[::-1])}
_LONGEST_FIRST = sorted(_OTHER_ENDING, key=len, reverse=True)

# a phrase of several words has at most this many spellings, itself included
MAX_SPELLINGS_PER_TERM = 4


def _listed(word):
    if word in NOT_PAIRED:
        return None
    if word in AMERICAN_ENGLISH_SPELLINGS and word not in ONE_WAY:
        other = AMERICAN_ENGLISH_SPELLINGS[word]
    else:
        other = BRITISH_ENGLISH_SPELLINGS.get(word)
    return None if other in NOT_PAIRED else other


def _by_rule(word):
    if _RULE_EXCEPTIONS.search(word):
        return None
    # the longest ending that fits: "izers" before "izer"
    for ending in _LONGEST_FIRST:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)] + _OTHER_ENDING[ending]
    return None


def other_spelling(word):
    """The word's other spelling, British for American or American for
    British, in lower case; None if it has none."""
    lowered = word.lower()
    other = _listed(lowered) or _by_rule(lowered)
    return other if other and other != lowered else None


def spellings_of(term):
    """The term and its other spellings, the term first: each word as typed
    or in its other spelling, at most MAX_SPELLINGS_PER_TERM in all."""
    choices = [
        (word, other) if (other := other_spelling(word)) else (word,)
        for word in term.words
    ]
    combinations = itertools.islice(itertools.product(*choices), MAX_SPELLINGS_PER_TERM)
    return [Term(words) for words in combinations]


def with_other_spellings(query):
    """The parsed Query, each term also accepting its other spellings (and a
    left-out word leaving those out too)."""

    def widened(terms):
        seen = {}
        for term in terms:
            for spelling in spellings_of(term):
                seen.setdefault(spelling.text.lower(), spelling)
        return tuple(seen.values())

    return Query(
        groups=tuple(widened(group) for group in query.groups),
        excluded=widened(query.excluded),
        only_common_words=query.only_common_words,
        only_excluded=query.only_excluded,
    )
