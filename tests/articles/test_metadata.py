"""What pages tell search engines and sites that show links to them: a
description, a canonical address, Open Graph and Twitter card tags and, on
articles, JSON-LD that stays inert whatever the editor typed."""

import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import image_upload, make_article, make_author

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = "Quotes \" ' & </script><script>alert(1)</script> stay text"


class Head(HTMLParser):
    """The <meta>, <link> and JSON-LD of a page, as a browser reads them."""

    def __init__(self, page):
        super().__init__()
        self.meta, self.links, self.json_ld, self.scripts = {}, {}, [], []
        self._in_json_ld = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, attrs.get("content"))
        elif tag == "link":
            self.links.setdefault(attrs.get("rel"), attrs.get("href"))
        elif tag == "script":
            self.scripts.append(attrs)
            self._in_json_ld = attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


def local_iso(moment):
    return timezone.localtime(moment).isoformat()


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode())


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://insight.example.gov.uk"
    return settings.SITE_URL


def test_an_article_describes_itself_for_search_and_sharing(client, site_url):
    article = make_article(
        title="Anyone can lead",
        slug="anyone-can-lead",
        standfirst="Leadership is everyone's job.",
        author=make_author(name="Richard Vize", slug="richard-vize"),
    )
    article.topics.add("Leadership")
    head = head_of(client, article.get_absolute_url())
    url = f"{site_url}/insight/anyone-can-lead/"

    assert head.links["canonical"] == url
    assert head.meta["description"] == "Leadership is everyone's job."
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == "Anyone can lead"
    assert head.meta["og:description"] == "Leadership is everyone's job."
    assert head.meta["og:url"] == url
    assert head.meta["og:site_name"] == "Insight"
    assert head.meta["article:published_time"] == local_iso(article.published_at)
    assert head.meta["article:modified_time"] == local_iso(article.updated_at)
    assert head.meta["article:tag"] == "Leadership"
    # no image yet: the plain card, and no image tags
    assert head.meta["twitter:card"] == "summary"
    assert "og:image" not in head.meta


def test_an_article_has_json_ld_for_search_engines(client, site_url, settings):
    article = make_article(
        title="Anyone can lead",
        author=make_author(name="Richard Vize", slug="richard-vize"),
    )
    [data] = head_of(client, article.get_absolute_url()).json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == "Anyone can lead"
    assert data["author"] == {
        "@type": "Person",
        "name": "Richard Vize",
        "url": "https://insight.example.gov.uk/authors/richard-vize/",
    }
    assert data["publisher"] == {
        "@type": "Organization",
        "name": settings.SITE_ORGANISATION,
    }
    assert data["datePublished"] == local_iso(article.published_at)
    assert data["dateModified"] == local_iso(article.published_at)  # never edited
    assert data["url"] == f"{site_url}{article.get_absolute_url()}"
    assert "image" not in data


def test_an_article_without_an_author_is_credited_to_the_publisher(client):
    article = make_article(author=None)
    [data] = head_of(client, article.get_absolute_url()).json_ld
    assert data["author"] == data["publisher"]


def test_a_hostile_title_stays_text_in_every_tag(client):
    article = make_article(title=HOSTILE_TITLE, standfirst=HOSTILE_TITLE)
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    head = Head(page)

    # one script element only besides the site's own file: nothing broke out
    # the JSON-LD data, then the site's own discussion.js and answers.js
    assert [s.get("type") for s in head.scripts] == ["application/ld+json", None, None]
    assert "<script>alert(1)" not in page
    [data] = head.json_ld
    assert data["headline"] == HOSTILE_TITLE
    assert data["description"] == HOSTILE_TITLE
    assert "\\u003C/script\\u003E" in page
    assert head.meta["og:title"] == HOSTILE_TITLE
    assert head.meta["description"] == HOSTILE_TITLE


@pytest.mark.parametrize(
    "url, canonical",
    [
        ("/", "/"),
        ("/?page=2", "/?page=2"),
        ("/?topic=housing&utm_source=x", "/?topic=housing"),
        ("/?perspective=no-such", "/"),
        ("/topics/housing/", "/topics/housing/"),
        ("/perspectives/", "/perspectives/"),
    ],
)
def test_lists_have_a_canonical_address(client, site_url, settings, url, canonical):
    settings.ARTICLES_PER_PAGE = 1
    for _ in range(2):
        make_article().topics.add("Housing")
    head = head_of(client, url)
    assert head.links["canonical"] == site_url + canonical
    assert head.meta["description"]


def test_a_topic_page_describes_itself(client):
    make_article().topics.add("Housing")
    head = head_of(client, reverse("articles:topic", args=["housing"]))
    assert (
        head.meta["description"] == "Articles about Housing on Insight, newest first."
    )


def test_a_perspective_page_has_a_canonical_address(client, site_url, perspective):
    head = head_of(client, perspective.get_absolute_url())
    assert head.links["canonical"] == site_url + perspective.get_absolute_url()


def test_an_article_with_a_lead_image_shares_it_with_its_alt_text(client, site_url):
    article = make_article(
        title="Pictured",
        lead_image=image_upload(size=(1600, 900)),
        lead_image_alt="Council staff and volunteers planning together",
    )
    head = head_of(client, article.get_absolute_url())
    [data] = head.json_ld

    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["og:image"].startswith(f"{site_url}/media/")
    assert head.meta["og:image"].endswith(".webp")
    assert head.meta["og:image:alt"] == "Council staff and volunteers planning together"
    assert data["image"]["url"] == head.meta["og:image"]
