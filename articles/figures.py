"""Pictures from the media library in an article's text, as readers see them.

The kept HTML of an introduction holds an empty `<figure data-media="42">`
for each reference (markdown.py). When the page is shown, every picture of
the text is fetched in one query and each place becomes a figure with its
renditions, alt text, caption and credit; a place whose picture is not in
the library (never was, or was deleted) shows nothing. Changing the library
bumps the site's version (receivers.py), so cached pages show the change.
"""

import html
import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from insight.site import absolute_url

from .markdown import MAX_FIGURES
from .models import MediaPicture

# as nh3 writes what markdown.render_figure made
PLACE = re.compile(r'<figure data-media="(\d+)"(?: data-alt="([^"]*)")?></figure>')
# the largest id a database keeps
MAX_ID = 2**63 - 1
SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"


def numbers_in(kept_html):
    """The library pictures a kept introduction shows, by number, in order."""
    numbers = [int(number) for number, _alt in PLACE.findall(kept_html or "")]
    return [number for number in numbers if number <= MAX_ID][:MAX_FIGURES]


def pictures_of(article):
    """{number: MediaPicture} of the pictures the article's text shows, in
    one query, kept on the article for the rest of the page."""
    if not hasattr(article, "_media_pictures"):
        numbers = set(numbers_in(article.introduction_html))
        article._media_pictures = (
            MediaPicture.objects.in_bulk(numbers) if numbers else {}
        )
    return article._media_pictures


def first_picture(article):
    """The first library picture the text shows, or None."""
    pictures = pictures_of(article)
    for number in numbers_in(article.introduction_html):
        if number in pictures:
            return pictures[number]
    return None


def introduction_with_figures(article, absolute=False):
    """The article's introduction as readers see it, its figures filled in;
    with absolute addresses for feeds."""
    kept = article.introduction_html or ""
    if "<figure" not in kept:
        return mark_safe(kept)  # cleaned by nh3 when saved
    pictures = pictures_of(article)

    def fill(match):
        number = int(match.group(1))
        media = pictures.get(number) if number <= MAX_ID else None
        if media is None:
            return ""
        alt = html.unescape(match.group(2) or "")
        return figure_html(media, alt, absolute)

    return mark_safe(PLACE.sub(fill, kept))


def figure_html(media, alt="", absolute=False):
    """One library picture as a figure: the alt text the reference gives, or
    else the library's (none when it is decorative)."""
    picture = media.picture()
    if picture is None:
        return ""
    address = _absolute if absolute else str
    sources = (source.rsplit(" ", 1) for source in picture.srcset.split(", "))
    srcset = ", ".join(f"{address(url)} {width}" for url, width in sources)
    image = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        ' loading="lazy" decoding="async">',
        address(picture.src),
        srcset,
        SIZES,
        picture.width,
        picture.height,
        "" if media.is_decorative else (alt or media.alt_text),
    )
    words = format_html_join(
        " ",
        '<span class="{}">{}</span>',
        (
            (css_class, text)
            for css_class, text in (
                ("figure__caption", media.caption),
                ("figure__credit", media.credit),
            )
            if text
        ),
    )
    caption = format_html("<figcaption>{}</figcaption>", words) if words else ""
    return format_html('<figure class="figure">{}{}</figure>', image, caption)


def _absolute(url):
    """An address under MEDIA_URL made absolute; one from a bucket already is."""
    return absolute_url(url) if url.startswith("/") else url
