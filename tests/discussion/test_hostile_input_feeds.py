"""Every feed the site serves, found from the URLconf, with hostile text in
everything editors and commenters write. A feed reader shows titles, names
and categories as text (no tag in them ever renders) and descriptions as
HTML with safe tags only; each field still reads as it was typed.

Each feed is read twice: as raw XML (what every reader receives) and with
feedparser (what a typical reader makes of it)."""

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser
import pytest
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from articles.models import ArgumentPoint, Topic
from insight.site import absolute_url
from tests.factories import make_article, make_author, make_comment, make_perspective

pytestmark = pytest.mark.django_db

# At most 50 characters: the longest a commenter's name may be.
PAYLOADS = [
    "<b>bold</b> name",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    '<a href="https://evil.example/">link</a>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;b&amp;gt;twice&amp;lt;/b&amp;gt;",
    "&#60;i&#62;numeric&#x3C;/i&#x3E;",
    "]]><script>alert(1)</script>",
    "<![CDATA[<b>cdata</b>]]>",
    "<!-- hidden --><i>comment</i>",
    "<iframe src=//evil.example></iframe>",
    "<style>*{display:none}</style>styled",
    '<div style="color:red">styled</div>',
    "<math><mtext><b>maths</b></mtext></math>",
    "<<b>>double<</b>>",
    "<b unclosed",
    "Tom & Jerry < Spike > Butch",
    "\"quotes\" and 'apostrophes'",
    "O’Brien, Zoë – café ＜b＞",
]
# what XML 1.0 cannot carry: a feed leaves them out rather than break
UNWRITABLE = "Bell\x07 tab\x0b form\x0c escape\x1b end\ufffe"

SAFE_TAGS = {"p", "br", "a", "em", "strong"}
SAFE_ATTRIBUTES = {"href", "rel", "title"}
# an article's whole text (content:encoded, Atom content) may carry its structure
CONTENT_TAGS = SAFE_TAGS | {
    "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code",
}  # fmt: skip
CONTENT_ATTRIBUTES = SAFE_ATTRIBUTES | {"start"}
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def feed_routes(patterns=None, namespace=""):
    """(URL name, takes a slug) for every address whose view is a Feed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
            yield from feed_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "__wrapped__", pattern.callback)
            if isinstance(view, Feed):
                converters = getattr(pattern.pattern, "converters", {})
                yield namespace + pattern.name, "slug" in converters


def test_the_walk_finds_every_feed():
    assert sorted(feed_routes()) == [
        ("articles:author-feed", True),
        ("articles:feed", False),
        ("articles:feed-atom", False),
        ("articles:topic-feed", True),
        ("discussion:article-feed", True),
        ("discussion:feed", False),
    ]


class Markup(HTMLParser):
    """The tags and text an HTML-rendering reader would make of a string."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.words = [], []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.words.append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", {}))

    def unknown_decl(self, data):
        self.tags.append(("![", {}))

    @property
    def text(self):
        return "".join(self.words)


def shown_as_text(value, field):
    """A plain-text field as a reader that renders it as HTML shows it: it
    must carry no tag at all."""
    assert "<" not in value, f"{field} would render markup: {value!r}"
    return html.unescape(value)


def shown_as_html(value, field, tags=SAFE_TAGS, attributes_allowed=SAFE_ATTRIBUTES):
    """An HTML field: safe tags and links only; returns its text."""
    markup = Markup(value)
    for tag, attributes in markup.tags:
        assert tag in tags, f"{field} has <{tag}>: {value!r}"
        assert set(attributes) <= attributes_allowed, f"{field}: {attributes}"
        if "href" in attributes:
            assert urlsplit(attributes["href"]).scheme in {"http", "https", "mailto"}
    return markup.text


def shown_as_content(value, field):
    """An item's whole content: an article's structure, safe tags only."""
    return shown_as_html(value, field, CONTENT_TAGS, CONTENT_ATTRIBUTES)


def check_address(value, field):
    assert value, field
    assert urlsplit(value).scheme in {"http", "https"}, (field, value)
    assert not set(value) & set("<>\"' \n"), (field, value)


def read_rss(root):
    """{field: shown text} for the channel and each item of an RSS feed."""
    channel = root.find("channel")
    feed = {
        "title": shown_as_text(channel.findtext("title"), "channel title"),
        "description": shown_as_text(
            channel.findtext("description"), "channel description"
        ),
    }
    check_address(channel.findtext("link"), "channel link")
    for category in channel.findall("category"):
        shown_as_text(category.text or "", "channel category")
    items = []
    for item in channel.findall("item"):
        link = item.findtext("link")
        check_address(link, "link")
        for field in ("guid", "comments"):
            if item.find(field) is not None:
                check_address(item.findtext(field), field)
        for enclosure in item.findall("enclosure"):
            check_address(enclosure.get("url"), "enclosure")
        for category in item.findall("category"):
            shown_as_text(category.text or "", "category")
        creator = item.findtext(DC_CREATOR) or item.findtext("author") or ""
        items.append(
            {
                "link": link,
                "title": shown_as_text(item.findtext("title"), "title"),
                "creator": shown_as_text(creator, "creator"),
                "description": shown_as_html(
                    item.findtext("description") or "", "description"
                ),
                "content": shown_as_content(
                    item.findtext(CONTENT_ENCODED) or "", "content:encoded"
                ),
            }
        )
    return feed, items


def atom_text(element, field, read_html=shown_as_html):
    """An Atom text construct, as its type says a reader shows it."""
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "text":
        return element.text or ""
    assert kind == "html", f"{field} is {kind}"
    return read_html(element.text or "", field)


def read_atom(root):
    feed = {
        "title": atom_text(root.find(f"{ATOM}title"), "feed title"),
        "description": atom_text(root.find(f"{ATOM}subtitle"), "subtitle"),
    }
    for link in root.iter(f"{ATOM}link"):
        check_address(link.get("href"), "link")
    for category in root.iter(f"{ATOM}category"):
        assert category.get("type") is None
    items = []
    for entry in root.findall(f"{ATOM}entry"):
        check_address(entry.findtext(f"{ATOM}id"), "id")
        summary = entry.find(f"{ATOM}summary")
        assert summary is None or summary.get("type") == "html"
        items.append(
            {
                "link": entry.find(f"{ATOM}link").get("href"),
                "title": atom_text(entry.find(f"{ATOM}title"), "title"),
                "creator": entry.findtext(f"{ATOM}author/{ATOM}name") or "",
                "description": atom_text(summary, "summary"),
                "content": atom_text(
                    entry.find(f"{ATOM}content"), "content", shown_as_content
                ),
            }
        )
    return feed, items


def read_feed(content):
    root = ET.fromstring(content)
    return read_rss(root) if root.tag == "rss" else read_atom(root)


def feedparser_view(content):
    """The fields as feedparser hands them to a reader: plain-text fields
    render no tag, descriptions only safe ones."""
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    plain = [("feed title", parsed.feed.get("title_detail"))]
    for entry in parsed.entries:
        plain.append(("title", entry.get("title_detail")))
        plain.append(("author", entry.get("author_detail") and entry.author_detail))
        shown_as_html(entry.get("summary", ""), "summary")
        for content in entry.get("content", []):
            shown_as_content(content["value"], "content")
    for field, detail in plain:
        if not detail or "value" not in detail:
            continue
        if detail.get("type", "text/html") != "text/plain":
            assert Markup(detail["value"]).tags == [], (field, detail["value"])
    return parsed


def normalised(text):
    return " ".join(text.split())


@pytest.fixture
def hostile_site():
    """One article per payload, with the payload in every text of it and of
    its comment: returns {item's address: payload} and the slugs to ask."""
    expected, slugs = {}, set()
    for number, payload in enumerate(PAYLOADS):
        perspective = make_perspective(name=payload, description=payload)
        author = make_author(name=payload, role=payload, organisation=payload)
        article = make_article(
            points=[(perspective, payload)],
            title=payload,
            standfirst=payload,
            author=author,
            slug=f"hostile-{number}",
        )
        article.topics.add(payload)
        comment = make_comment(
            article,
            user_name=payload,
            comment=payload,
            perspective=perspective,
            point=ArgumentPoint.objects.get(article=article),
            stance="agree",
        )
        expected[absolute_url(article.get_absolute_url())] = payload
        expected[absolute_url(comment.get_absolute_url())] = payload
        slugs |= {
            article.slug,
            author.slug,
            *article.topics.values_list("slug", flat=True),
        }
    return expected, slugs


def every_feed(client, slugs):
    """(address, response) for every feed the URLconf serves, asked for every
    slug there is: those that answer 200."""
    answered = {}
    for name, takes_slug in feed_routes():
        urls = (
            [reverse(name, kwargs={"slug": slug}) for slug in sorted(slugs)]
            if takes_slug
            else [reverse(name)]
        )
        found = [(url, client.get(url)) for url in urls]
        answered[name] = [(url, r) for url, r in found if r.status_code == 200]
    # each feed was read at least once, so the checks below cannot pass empty
    assert all(answered.values()), {name: len(r) for name, r in answered.items()}
    return [pair for pairs in answered.values() for pair in pairs]


def test_every_feed_shows_hostile_text_as_typed_and_renders_no_markup(
    client, hostile_site
):
    expected, slugs = hostile_site
    feeds = every_feed(client, slugs)
    items_checked = contents_checked = 0
    for url, response in feeds:
        feed, items = read_feed(response.content)
        feedparser_view(response.content)
        if "/feeds/authors/" in url or "/feeds/topics/" in url:
            assert any(payload in feed["title"] for payload in PAYLOADS), url
        for item in items:
            payload = expected[item["link"]]
            assert payload in item["title"], (url, item)
            assert item["creator"] in (payload, settings.SITE_ORGANISATION), item
            assert normalised(item["description"]) == normalised(payload), item
            if "/comments/" not in item["link"]:  # an article: all of it
                assert normalised(payload) in normalised(item["content"]), item
                contents_checked += 1
            items_checked += 1
    assert items_checked >= 2 * len(PAYLOADS)
    assert contents_checked >= 2 * len(PAYLOADS)


def test_a_name_in_an_rss_title_reaches_the_reader_as_text(client, published_article):
    make_comment(published_article, user_name="<b>Bold</b> Bea")

    feed = feedparser.parse(client.get(reverse("discussion:feed")).content)

    entry = feed.entries[0]
    # feedparser, like most readers, takes an RSS title as HTML
    assert "<b>" not in entry.title
    assert Markup(entry.title).text.startswith("<b>Bold</b> Bea on ")
    assert Markup(entry.author).text == "<b>Bold</b> Bea"


def test_characters_xml_cannot_carry_never_break_a_feed(client):
    perspective = make_perspective(name=UNWRITABLE)
    author = make_author(name=UNWRITABLE)
    article = make_article(
        points=[(perspective, UNWRITABLE)],
        title=UNWRITABLE,
        standfirst=UNWRITABLE,
        author=author,
    )
    article.topics.add(UNWRITABLE)
    make_comment(article, user_name=UNWRITABLE[:50], comment=UNWRITABLE)
    slugs = {article.slug, author.slug, Topic.objects.get().slug}

    for _url, response in every_feed(client, slugs):
        feed, items = read_feed(response.content)
        assert items
        for item in items:
            assert "Bell tab form escape end" in item["title"]
