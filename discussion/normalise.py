"""One way to compare what people type: text as a reader sees it, e-mail
addresses as the mail is delivered, and names as one line.

Every rule that compares text or addresses (held words, blocked domains, the
limit on confirmation e-mails per mailbox, the duplicate check and erasure)
asks this module, so a disguise that beats one beats none of them.
"""

import functools
import re
import unicodedata

import regex
from confusable_homoglyphs import categories
from confusable_homoglyphs.utils import load
from django.utils.encoding import punycode

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): code
# points that show nothing, such as joiners, variation selectors, Hangul
# fillers, tag characters and the combining grapheme joiner.
IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")
WHITESPACE = re.compile(r"\s+")

# What cannot stand in a one-line name: controls (line feed, tab, NEL, vertical
# tab, form feed...), line and paragraph separators, the bidi controls that
# reorder what follows them, and code points that are no characters at all.
NOT_ONE_LINE = regex.compile(
    r"[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}\p{Cs}\p{Noncharacter_Code_Point}]"
)

# Scripts every writing system shares: they say nothing about which one a text is in
SHARED_SCRIPTS = {"COMMON", "INHERITED", "Unknown"}


def folded(text):
    """Text as a reader perceives it: compatibility forms unified (NFKC), case
    folded, every default-ignorable code point removed, runs of white space
    made one space."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFC", IGNORABLE.sub("", text))
    return " ".join(text.split())


def text_skeleton(text):
    """Text as it looks, letters compared whatever their case: folded, and
    each character replaced by the prototype Unicode's confusables.txt gives
    it (the UTS #39 skeleton), so "cаsіnо" in Cyrillic letters and "CASINO"
    both read "casino"."""
    return _skeleton(text.casefold())


def shape_skeleton(text):
    """Text as it looks, capitals as they are drawn: the UTS #39 skeleton
    taken before case is folded, so "payday Ioan" with a capital "I" reads
    "payday loan", and "Ƅ" (whose small form looks like nothing) reads "b"."""
    return _skeleton(text)


@functools.lru_cache(maxsize=64)  # one text is compared with many
def skeletons(text):
    """Both ways text can look like another: a disguise matches either."""
    return text_skeleton(text), shape_skeleton(text)


def looks_alike(text, other):
    """Whether a reader would take one text for the other."""
    return any(
        mine == theirs
        for mine, theirs in zip(skeletons(text), skeletons(other), strict=True)
    )


def _skeleton(text):
    # The prototypes are taken before NFKC too, as NFKC turns some look-alikes
    # into other letters (the lunate sigma "ϲ", like "c", becomes "σ"); and
    # case is folded after, as "0" stands for "O".
    prototypes = _prototypes()
    text = IGNORABLE.sub("", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFD", folded(text.translate(prototypes)))
    text = unicodedata.normalize("NFD", text.translate(prototypes).casefold())
    return " ".join(text.split())


def letter_scripts(text):
    """The scripts of the letters in text (LATIN, GREEK, CYRILLIC...)."""
    letters = IGNORABLE.sub("", text)
    return {categories.alias(ch) for ch in letters if ch.isalpha()} - SHARED_SCRIPTS


def mail_domain(domain):
    """The domain a mail is delivered to, as Django's mail code writes it:
    IDNA (with its mapping of full-width letters and removal of soft hyphens
    and zero-width characters), lower case, without a trailing dot. None if
    no mail can be sent to it."""
    domain = domain.strip()
    try:
        ascii_domain = punycode(domain)
    except UnicodeError:
        return None
    return ascii_domain.lower().rstrip(".")


def mailbox(email):
    """The mailbox an address reaches: its local part folded, without a
    "+tag", at its domain as the mail is delivered. "Erin+news@ＥＸＡＭＰＬＥ.org"
    is "erin@example.org"."""
    local, _at, domain = email.strip().rpartition("@")
    local = folded(local).split("+", 1)[0]
    return f"{local}@{mail_domain(domain) or folded(domain)}"


def one_line(name):
    """A name as one line, for mail and feeds: anything that would break the
    line or reorder it becomes a space. The form refuses such names; this
    keeps names stored before, or typed in the admin, in their place."""
    return WHITESPACE.sub(" ", NOT_ONE_LINE.sub(" ", name)).strip()


def breaks_the_line(name):
    return NOT_ONE_LINE.search(name) is not None


@functools.cache
def _prototypes():
    """Each confusable character mapped to its prototype.

    The library's data is generated from confusables.txt, whose every line
    maps one character to a prototype, stored both ways: so each prototype
    and the characters confusable with it form a star, and the prototype is
    the centre (the one linked to all the others). In a pair either is taken,
    the same one each time. The data shows right-to-left characters between
    left-to-right marks, which are not part of them.
    """
    pairs = {
        _unmarked(char): {_unmarked(entry["c"]) for entry in entries}
        for char, entries in load("confusables.json").items()
    }
    table = {}
    for char, linked in pairs.items():
        if len(char) != 1:
            continue  # a prototype of several characters, never a source
        if any(_is_prototype_of(other, char, pairs) for other in linked):
            (prototype,) = linked
            table[ord(char)] = prototype
    return table


def _is_prototype_of(candidate, char, pairs):
    if len(pairs[char]) != 1:
        return False  # char is itself a centre, linked to several
    others = pairs.get(candidate, set())
    if len(candidate) > 1 or len(others) > 1:
        return True
    return candidate < char  # a pair: the lower code point stands for both


def _unmarked(text):
    return text.replace("\u200e", "").replace("\u200f", "") or text
