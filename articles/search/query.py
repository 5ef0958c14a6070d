"""What a reader typed, made safe and understood: pure functions, no database.

The reader's syntax is the web's: a "quoted phrase" matches those words in
that order, `or` between two words accepts either, and `-word` leaves out
whatever contains the word. Every other word must appear. Each backend turns
the parsed query into its own syntax from the words alone, so nothing the
reader typed reaches a full-text parser as syntax.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10

# PostgreSQL's `english` stop words (tsearch_data/english.stop), left out of
# the query on both databases so that each finds the same things.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he
    him his himself she her hers herself it its itself they them their theirs
    themselves what which who whom this that these those am is are was were be
    been being have has had having do does did doing a an the and but if or
    because as until while of at by for with about against between into
    through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both
    each few more most other some such no nor not only own same so than too
    very s t can will just don should now
    """.split()
)

# a "phrase" (its closing quote optional), or a run of anything but quotes
# and spaces, either one perhaps after a minus sign
_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


def normalised_query(raw):
    """The query as the page shows and searches it: control and formatting
    characters and lone surrogates gone, Unicode composed, spaces collapsed,
    at most MAX_QUERY_LENGTH characters. The same text always gives the same
    result, so it can key a cache."""
    kept = []
    for character in unicodedata.normalize("NFC", _without_surrogates(raw)):
        category = unicodedata.category(character)
        if category in {"Zs", "Zl", "Zp", "Cc"}:
            kept.append(" ")
        elif category[0] != "C":
            kept.append(character)
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH].strip()


def _without_surrogates(text):
    # a lone surrogate cannot be encoded, so neither database would take it
    return text.encode("utf-8", "ignore").decode("utf-8") if text else ""


def words_in(text):
    """The words in text: runs of letters, digits and combining marks."""
    words = []
    current = []
    for character in text:
        if unicodedata.category(character)[0] in "LNM":
            current.append(character)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


@dataclass(frozen=True)
class Term:
    """One or more words that must appear in this order."""

    words: tuple[str, ...]

    @property
    def text(self):
        return " ".join(self.words)


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (a group is terms joined by
    `or`, any one of which will do), and no excluded term may."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    only_common_words: bool = False
    only_excluded: bool = False

    def __bool__(self):
        return bool(self.groups)

    @property
    def terms(self):
        return [term for group in self.groups for term in group]


def parse(query):
    """The Query in an already normalised query string."""
    groups = []
    excluded = []
    joins_previous = False
    dropped_common_word = False
    tokens = list(_TOKEN.finditer(query))
    for index, token in enumerate(tokens):
        minus, phrase, bare = token.groups()
        if phrase is None and bare.lower() == "or" and not minus:
            # `or` joins the terms either side of it, when there are two
            joins_previous = bool(groups) and index + 1 < len(tokens)
            continue
        words = tuple(words_in(phrase if phrase is not None else bare))
        if phrase is None and len(words) == 1 and words[0].lower() in STOP_WORDS:
            dropped_common_word = True
            words = ()
        if not words or len(groups) + len(excluded) >= MAX_TERMS:
            joins_previous = False
            continue
        term = Term(words)
        if minus:
            excluded.append(term)
        elif joins_previous:
            groups[-1] = (*groups[-1], term)
        else:
            groups.append((term,))
        joins_previous = False
    return Query(
        groups=tuple(groups),
        excluded=tuple(excluded) if groups else (),
        only_common_words=dropped_common_word and not groups and not excluded,
        only_excluded=bool(excluded) and not groups,
    )


def fts5_query(query):
    """The query in SQLite FTS5's syntax, every word quoted."""

    def quoted(term):
        return '"' + term.text.replace('"', '""') + '"'

    def either(group):
        joined = " OR ".join(quoted(term) for term in group)
        return f"({joined})" if len(group) > 1 else joined

    wanted = " AND ".join(either(group) for group in query.groups)
    if not query.excluded:
        return wanted
    unwanted = " OR ".join(quoted(term) for term in query.excluded)
    return f"({wanted}) NOT ({unwanted})"


def websearch_text(term):
    """One term as websearch_to_tsquery() reads it: a quoted phrase."""
    return '"' + term.text + '"'
