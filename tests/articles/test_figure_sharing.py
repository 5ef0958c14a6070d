"""Figures away from the page: the full-text feeds carry them with absolute
addresses, and links to an article share a rendition with its size (Open
Graph and JSON-LD)."""

import html
import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import image_upload, make_article, make_media_picture

pytestmark = pytest.mark.django_db

FEEDS = ["articles:feed", "articles:feed-atom"]


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://insight.example"
    return settings.SITE_URL


@pytest.fixture
def chart(db):
    return make_media_picture(
        alt_text='A chart of "waiting times"',
        caption="Waiting times <fell>.",
        credit="Chart: NHS & partners",
    )


def feed_content(client, name):
    """The entry's content as feedparser reads it, and as the feed sent it
    (feedparser's own cleaning drops srcset)."""
    raw = client.get(reverse(name)).content
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    return entry.content[0].value, html.unescape(raw.decode())


@pytest.mark.parametrize("name", FEEDS)
def test_the_full_text_feed_carries_figures_with_absolute_addresses(
    client, site_url, chart, name
):
    make_article(
        introduction=f"Before.\n\n![](media:{chart.pk})\n\n![Gone](media:999999)",
        published_at=timezone.now() - timedelta(days=1),
    )
    content, sent = feed_content(client, name)

    assert content.count("<figure") == 1
    (img,) = re.findall(r"<img [^>]*>", content)
    src = re.search(r'src="([^"]+)"', img).group(1)
    assert src.startswith(f"{site_url}/media/media/") and src.endswith("-1200.webp")
    srcset = re.search(r'srcset="([^"]+)"', sent).group(1)
    assert len(srcset.split(", ")) == 3
    assert all(part.startswith(f"{site_url}/media/") for part in srcset.split(", ")), (
        srcset
    )
    assert 'width="1200"' in img and 'height="675"' in img
    assert 'alt="A chart of &quot;waiting times&quot;"' in img
    assert "Waiting times &lt;fell&gt;." in content
    assert "Chart: NHS &amp; partners" in content
    assert "Gone" not in content and "media:" not in content


@pytest.mark.parametrize("name", FEEDS)
def test_other_image_addresses_stay_links_in_the_feed(client, site_url, name):
    make_article(introduction="![Elsewhere](https://other.example/a.png)")
    content, _sent = feed_content(client, name)
    assert "<img" not in content
    assert '<a href="https://other.example/a.png">Elsewhere</a>' in content


def head_of(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    found = re.findall(r'<meta property="([^"]+)" content="([^"]*)"', page)
    meta = {name: html.unescape(value) for name, value in found}
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    return meta, data


def test_a_lead_image_is_shared_as_a_rendition_with_its_size(client, site_url, chart):
    article = make_article(
        introduction=f"![](media:{chart.pk})",
        lead_image=image_upload(size=(1000, 500)),
        lead_image_alt="The lead",
    )
    meta, data = head_of(client, article)
    assert meta["og:image"].startswith(f"{site_url}/media/articles/")
    assert meta["og:image"].endswith("-1200.webp")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1000", "500")
    assert meta["og:image:alt"] == "The lead"
    assert data["image"] == {
        "@type": "ImageObject",
        "url": meta["og:image"],
        "width": 1000,
        "height": 500,
    }


def test_without_a_lead_image_the_first_figure_is_shared(client, site_url, chart):
    article = make_article(
        introduction=f"![Gone](media:999999)\n\n![Its own alt](media:{chart.pk})"
    )
    meta, data = head_of(client, article)
    assert meta["og:image"].startswith(f"{site_url}/media/media/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "675")
    assert meta["og:image:alt"] == 'A chart of "waiting times"'
    assert data["image"]["url"] == meta["og:image"]
    assert (data["image"]["width"], data["image"]["height"]) == (1200, 675)


def test_an_article_with_no_picture_shares_none(client, site_url):
    meta, data = head_of(client, make_article(introduction="![x](media:999999)"))
    assert "og:image" not in meta
    assert "image" not in data
