"""The spam rules, matched against what readers would see, not the bytes
sent: links as the page makes them, words however they are disguised, and
e-mail domains however they are written."""

import re
import unicodedata

from django.db.models.functions import Lower
from django.utils.html import urlize
from django_comments_xtd.models import BlackListedDomain

# Letters from other alphabets that look like Latin ones (after casefolding),
# so "frее" written with Cyrillic "е" still matches "free".
LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "н": "h", "і": "i",
        "ї": "i", "ј": "j", "к": "k", "м": "m", "о": "o", "р": "p", "ԛ": "q",
        "с": "c", "ѕ": "s", "т": "t", "у": "y", "ԝ": "w", "х": "x", "ԁ": "d",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ζ": "z",
        # Latin letters that look like others
        "ɡ": "g", "ı": "i",
    }
)  # fmt: skip


def normalised(text):
    """Text as a reader perceives it: compatibility forms unified (NFKC),
    case folded, invisible format characters (zero-width spaces, joiners,
    soft hyphens) removed and look-alike letters folded to Latin."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return text.translate(LOOKALIKES)


def contains_phrase(text, phrase):
    """Whether the phrase appears as whole words, however it is disguised."""
    wanted = normalised(phrase).strip()
    if not wanted:
        return False
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", normalised(text)) is not None


def link_count(text):
    """How many links the page will show: exactly what urlize links, bare
    domains and e-mail addresses included."""
    return urlize(text, autoescape=True).count("<a ")


def email_domain(email):
    """The domain of an address: after its last "@" (a quoted local part may
    hold another), in lower case, without a trailing dot."""
    return email.rsplit("@", 1)[-1].strip().rstrip(".").lower()


def is_blocked_domain(email):
    """Whether the address's domain, or a domain it is part of, is blocked."""
    labels = email_domain(email).split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels))]
    return (
        BlackListedDomain.objects.annotate(name=Lower("domain"))
        .filter(name__in=candidates)
        .exists()
    )
