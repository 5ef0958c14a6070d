"""How comment text and times are shown: used by the templates' filters and
by the discussion, which prepares a long list in Python."""

import re

from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import urlize
from django.utils.safestring import mark_safe

# urlize is slow, and most comments have no links: it runs only when the text
# has something it could turn into one (a scheme, www., an e-mail address or
# one of the bare domains it recognises).
MIGHT_LINK = re.compile(r"://|www\.|@|\.(com|edu|gov|int|mil|net|org)\b", re.IGNORECASE)


def comment_text(text):
    """A commenter's plain text: escaped, line breaks kept, links clickable."""
    if not MIGHT_LINK.search(text):
        return mark_safe(linebreaksbr(text, autoescape=True))
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    # urlize escapes everything else, so this attribute can only be its own.
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc"')
    return mark_safe(linebreaksbr(linked, autoescape=False))


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def govuk_datetime(value):
    """25 November 2026 at 2:05pm, in the site's time zone.

    Built by hand: Django's date formatting is the slowest part of a long
    discussion."""
    if not value:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    month = MONTHS[local.month - 1]
    return f"{local.day} {month} {local.year} at {hour}:{local.minute:02d}{suffix}"


def govuk_time_of_day(value):
    """ "at 4:26pm" today, or "on 25 November 2026 at 2:05pm" another day."""
    when = govuk_datetime(value)
    if timezone.localtime(value).date() == timezone.localdate():
        return when[when.index(" at ") + 1 :]
    return f"on {when}"
