"""The spam rules, matched against what readers would see, not the bytes
sent: links as the page makes them, words however they are disguised, and
e-mail domains however they are written."""

import re

from django.utils.html import urlize
from django_comments_xtd.models import BlackListedDomain

from .normalise import folded, letter_scripts, mail_domain, skeletons


def contains_phrase(text, phrase):
    """Whether the phrase appears as whole words, however it is disguised:
    look-alike letters, invisible characters, case, width or spacing.

    A text written wholly in another script is matched on its own letters,
    not their look-alikes (a Russian "сор", rubbish, is not the English
    "cop"), unless every letter of it looks like a plain letter: then it is a
    disguise."""
    return any(
        _appears(text, phrase, seen, wanted)
        for seen, wanted in zip(skeletons(text), skeletons(phrase), strict=True)
    )


def _appears(text, phrase, seen, wanted):
    if not wanted or not _has_words(seen, wanted):
        return False
    text_scripts = letter_scripts(text)
    if len(text_scripts) == 1 and text_scripts.isdisjoint(letter_scripts(phrase)):
        looks_plain = all(ch.isascii() or ch in wanted for ch in seen if ch.isalpha())
        if not looks_plain:
            return _has_words(folded(text), folded(phrase))
    return True


def _has_words(text, words):
    # a space in the phrase may have been hidden by an invisible character
    pattern = r" ?".join(re.escape(word) for word in words.split(" "))
    return re.search(rf"(?<!\w){pattern}(?!\w)", text) is not None


def link_count(text):
    """How many links the page will show: exactly what urlize links, bare
    domains and e-mail addresses included."""
    return urlize(text, autoescape=True).count("<a ")


def email_domain(email):
    """The domain of an address: after its last "@" (a quoted local part may
    hold another), in lower case, without a trailing dot."""
    return email.rsplit("@", 1)[-1].strip().rstrip(".").lower()


def is_blocked_domain(email):
    """Whether the domain the address's mail is delivered to, or a domain it
    is part of, is blocked: "ｓｐａｍ.example" and "sp\u00adam.example" are
    delivered to "spam.example"."""
    domain = mail_domain(email.rsplit("@", 1)[-1])
    if domain is None:
        return False  # no mail can reach it, and the form refuses it
    labels = domain.split(".")
    candidates = {".".join(labels[i:]) for i in range(len(labels))}
    return any(
        mail_domain(blocked) in candidates
        for blocked in BlackListedDomain.objects.values_list("domain", flat=True)
    )
