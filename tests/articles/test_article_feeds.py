"""The article feeds carry the whole article, cleaned, as content, the
standfirst as summary, and the date of the last update after publication."""

from datetime import timedelta
from xml.etree import ElementTree as ET

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

FEEDS = ["articles:feed", "articles:feed-atom"]
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

INTRODUCTION = (
    "## Why it matters\n\nSee [our privacy notice](/privacy/) and "
    "[the guide](https://example.org/guide).\n\n- first\n- second"
)


@pytest.fixture
def whole_article(perspective, councillors):
    return make_article(
        title="Whole article",
        standfirst="Short and plain.",
        introduction=INTRODUCTION,
        attribution="Based on content from Richard Vize",
        points=[
            (perspective, "Frontline staff see *the system* first"),
            (councillors, "Councillors set the tone"),
        ],
        published_at=timezone.now() - timedelta(days=3),
    )


def entry_of(client, name):
    parsed = feedparser.parse(client.get(reverse(name)).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    return entry


@pytest.mark.parametrize("name", FEEDS)
def test_a_feed_entry_carries_the_whole_article_and_the_standfirst_as_summary(
    client, whole_article, name
):
    entry = entry_of(client, name)

    assert entry.summary == "Short and plain."
    content = entry.content[0].value
    assert entry.content[0].type == "text/html"
    assert "<h2>Why it matters</h2>" in content
    assert "<li>first</li>" in content
    assert "<h2>Councillors</h2>" in content
    assert "<li>Frontline staff see <em>the system</em> first</li>" in content
    assert "Based on content from Richard Vize" in content
    # a link relative to the site still works from a feed reader
    assert 'href="http' in content and 'href="/privacy/"' not in content
    assert "https://example.org/guide" in content
    assert "id=" not in content


@pytest.mark.parametrize("name", FEEDS)
def test_the_raw_feed_says_content_and_summary_in_its_own_format(
    client, whole_article, name
):
    root = ET.fromstring(client.get(reverse(name)).content)
    if root.tag == "rss":
        item = root.find("channel/item")
        assert item.findtext("description") == "Short and plain."
        assert "<h2>Why it matters</h2>" in item.findtext(CONTENT_ENCODED)
    else:
        entry = root.find(f"{ATOM}entry")
        assert entry.find(f"{ATOM}summary").text == "Short and plain."
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "html"
        assert "<h2>Why it matters</h2>" in content.text


def test_a_never_edited_article_has_no_updated_date_in_rss_and_its_publication_in_atom(
    client, whole_article
):
    assert "updated" not in entry_of(client, "articles:feed")
    atom = entry_of(client, "articles:feed-atom")
    assert atom.updated_parsed == atom.published_parsed


@pytest.mark.parametrize("name", FEEDS)
def test_an_article_edited_after_publication_carries_its_updated_date(
    client, whole_article, name
):
    whole_article.standfirst = "Corrected."
    whole_article.save()
    revised = Article.objects.get().revised_at

    entry = entry_of(client, name)

    assert entry.updated_parsed[:6] == revised.utctimetuple()[:6]
    assert entry.updated_parsed != entry.published_parsed


def test_the_feed_costs_the_same_queries_for_many_articles(
    client, perspective, django_assert_max_num_queries
):
    for number in range(15):
        make_article(points=[(perspective, f"Point {number}")])

    with django_assert_max_num_queries(6):
        client.get(reverse("articles:feed"))
