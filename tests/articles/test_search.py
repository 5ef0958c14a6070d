"""Search: articles and points with every word, the words marked, HTML
escaped, and a helpful page for awkward queries."""

import pytest
from django.urls import reverse

from tests.factories import make_article
from tests.helpers import html, main_content, text_of

pytestmark = pytest.mark.django_db


def test_search_finds_articles_containing_every_word(client):
    make_article(title="Systems leadership", standfirst="As Richard Vize sees it.")
    make_article(title="Leadership alone")
    response = client.get(reverse("articles:search"), {"q": "leadership vize"})
    page = text_of(main_content(response))
    assert "Systems leadership" in page
    assert "Leadership alone" not in page


def test_search_says_how_many_results_it_found(client, perspective):
    make_article(title="Systems leadership", points=[(perspective, "Leadership here")])
    response = client.get(reverse("articles:search"), {"q": "leadership"})
    page = text_of(main_content(response))
    assert "2 results for ‘leadership’" in page
    assert "No results" not in page


def test_search_finds_points_containing_every_word(client, perspective):
    article = make_article(
        points=[
            (perspective, "Partnership working builds trust"),
            (perspective, "Partnership alone is not enough"),
        ]
    )
    trusted = article.points.get(text__startswith="Partnership working")
    response = client.get(reverse("articles:search"), {"q": "trust partnership"})
    page = html(response)
    assert f'href="{trusted.get_absolute_url()}"' in page
    assert "not enough" not in page


def test_search_marks_the_words_it_found(client, perspective):
    make_article(points=[(perspective, "Partnership working builds trust")])
    response = client.get(reverse("articles:search"), {"q": "trust PARTNERSHIP"})
    page = html(response)
    assert "<mark>Partnership</mark> working builds <mark>trust</mark>" in page


def test_search_escapes_html_in_the_query(client, published_article):
    query = '<script>alert("leadership")</script>'
    page = html(client.get(reverse("articles:search"), {"q": query}))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_search_escapes_html_in_what_it_found(client):
    make_article(title="<b>Bold</b> & brave amp")
    page = html(client.get(reverse("articles:search"), {"q": "bold amp"}))
    assert "<b>" not in page
    assert "&lt;b&gt;<mark>Bold</mark>&lt;/b&gt; &amp; brave <mark>amp</mark>" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type one or more words"),
        ("   ", "Type one or more words"),
        ("%%%", "We could not find any words to search for"),
        ("x" * 1000, "No results for"),
        ("leadership\x00", "Everyone in the system demonstrates leadership"),
        ("' OR 1=1 --", "No results for"),
    ],
    ids=["empty", "spaces", "punctuation", "very long", "nul byte", "sql"],
)
def test_awkward_searches_get_a_helpful_page(client, published_article, query, message):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    page = text_of(main_content(response))
    assert "Search Insight" in page
    assert message in page
    assert "x" * 201 not in page


def test_search_finds_points_and_articles_by_perspective_name(client, article):
    page = html(client.get(reverse("articles:search"), {"q": "councillors"}))
    assert "set the tone for the whole place" in page
    assert "<h2>Articles</h2>" in page
    assert f">{article.title}</a></h3>" in page
    assert "Frontline staff see the system first" not in page
    assert article.title in page


def test_search_echoes_the_query_as_typed_and_escaped(client, article):
    page = html(client.get(reverse("articles:search"), {"q": "taxpayer's <b>view"}))
    assert "‘taxpayer&#x27;s &lt;b&gt;view’" in page
    assert "taxpayer s" not in page
