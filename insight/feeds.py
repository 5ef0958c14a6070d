"""How the site's feeds carry text. Titles, names and categories are plain
text; descriptions are HTML with a few safe tags. Each feed format says
this in its own way, so the generator, not each feed, makes it so.

RSS readers render a title, a dc:creator and a category as HTML, so in RSS
plain text goes HTML-escaped (a typed <b> shows as <b>, never as bold).
Atom marks its titles and names type="text" (the default), so they go as
typed. In both, descriptions are cleaned with nh3, and characters XML 1.0
cannot carry are left out rather than break the whole feed. An item's
content (a whole article: content:encoded in RSS, content in Atom) is
cleaned the same way, with the tags an article may use and its links made
absolute, since a feed reader shows it away from the site.
"""

import re
from urllib.parse import urljoin

import nh3
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from django.utils.html import escape

# C0 controls other than tab and newlines, and the two non-characters
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

SAFE_TAGS = {"p", "br", "a", "em", "strong"}
SAFE_ATTRIBUTES = {"a": {"href", "rel", "title"}}
SAFE_SCHEMES = {"http", "https", "mailto"}

CONTENT_TAGS = SAFE_TAGS | {
    "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code",
    "figure", "figcaption", "img", "span",
}  # fmt: skip
CONTENT_ATTRIBUTES = SAFE_ATTRIBUTES | {
    "ol": {"start"},
    # an article's figures (articles/figures.py), their addresses absolute
    "img": {"src", "srcset", "sizes", "width", "height", "alt"},
}
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"

FEED_TEXT = ("title", "subtitle", "description", "author_name", "feed_copyright")
ITEM_TEXT = ("title", "author_name", "item_copyright")


def writable(text):
    return UNWRITABLE.sub("", str(text))


def safe_html(markup):
    """A description's HTML with safe tags only: links keep their own rel."""
    return nh3.clean(
        writable(markup),
        tags=SAFE_TAGS,
        attributes=SAFE_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
    )


def safe_content(markup, base_url):
    """An item's whole content with an article's tags only, its links
    absolute (a reader opens them from the feed, not from the page)."""

    def absolute(tag, attribute, value):
        return urljoin(base_url, value) if attribute in ("href", "src") else value

    return nh3.clean(
        writable(markup),
        tags=CONTENT_TAGS,
        attributes=CONTENT_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        attribute_filter=absolute,
    )


class TextAndSafeHTML:
    """Plain text as this format's readers read it; descriptions cleaned."""

    def plain_text(self, text):
        return writable(text)

    def _plain(self, fields, names):
        for name in names:
            if fields.get(name) is not None:
                fields[name] = self.plain_text(fields[name])
        fields["categories"] = [
            self.plain_text(category) for category in fields.get("categories") or ()
        ]
        return fields

    def __init__(self, **feed):
        super().__init__(**self._plain(feed, FEED_TEXT))

    def add_item(self, **item):
        item = self._plain(item, ITEM_TEXT)
        if item.get("description") is not None:
            item["description"] = safe_html(item["description"])
        if item.get("content") is not None:
            item["content"] = safe_content(item["content"], item["link"])
        super().add_item(**item)


class RssFeed(TextAndSafeHTML, Rss201rev2Feed):
    def plain_text(self, text):
        return str(escape(writable(text)))

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content") is not None:
            handler.addQuickElement("content:encoded", item["content"])
        if item["updateddate"] is not None:  # RSS has no date of its own for it
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))


class AtomFeed(TextAndSafeHTML, Atom1Feed):
    def add_item(self, **item):
        # every Atom entry has an updated date: its publication, if no later
        item["updateddate"] = item.get("updateddate") or item.get("pubdate")
        super().add_item(**item)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content") is not None:
            handler.addQuickElement("content", item["content"], {"type": "html"})
