"""Search understands words: stems, phrases, `or` and `-word`; ranks titles
first; and the database keeps what it searches current, however it changes."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import ArgumentPoint, Article, Perspective
from tests.factories import make_article, make_perspective
from tests.helpers import html, main_content, text_of

pytestmark = pytest.mark.django_db


def search(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return main_content(response)


def titles(page):
    """The article titles found, best first."""
    return [
        text_of(item.split("</h3>", 1)[0])
        for item in page.split('<ul class="results">', 1)[1].split("<h3>")[1:]
    ]


def test_a_plural_finds_the_seed_article_about_partnership_working(client):
    call_command("loaddata", "seed", verbosity=0)
    page = search(client, "partnerships")
    assert "Anyone can be a systems leader" in text_of(page)
    assert "deep commitment to <mark>partnership</mark> working" in page


def test_a_singular_finds_the_points_about_organisational_boundaries(client):
    call_command("loaddata", "seed", verbosity=0)
    page = search(client, "organisational boundary")
    assert page.count("<mark>organisational</mark> <mark>boundaries</mark>") == 2
    assert "2 points" in text_of(page)


def test_a_quoted_phrase_finds_only_those_words_in_that_order(client, perspective):
    make_article(title="Whole place leadership")
    make_article(title="Leadership of the place as a whole")
    page = text_of(search(client, '"whole place"'))
    assert "Whole place leadership" in page
    assert "Leadership of the place as a whole" not in page
    both = text_of(search(client, "whole place"))
    assert "Leadership of the place as a whole" in both


def test_a_minus_sign_leaves_out_what_contains_the_word(client):
    make_article(title="Trust between councils")
    make_article(title="Trust between councils and police")
    page = text_of(search(client, "trust -police"))
    assert "Trust between councils" in page
    assert "councils and police" not in page


def test_or_finds_either_word(client):
    make_article(title="Regulators speak")
    make_article(title="Inspectors listen")
    make_article(title="Citizens decide")
    page = text_of(search(client, "regulators or inspectors"))
    assert "Regulators speak" in page
    assert "Inspectors listen" in page
    assert "Citizens decide" not in page


def test_or_and_every_other_word_must_all_match(client):
    make_article(title="Regulators and councils")
    make_article(title="Inspectors and councils")
    make_article(title="Regulators alone")
    page = text_of(search(client, "regulators or inspectors councils"))
    assert "Regulators and councils" in page
    assert "Inspectors and councils" in page
    assert "Regulators alone" not in page


def test_a_match_in_the_title_ranks_above_one_in_the_introduction(client):
    make_article(
        title="Notes from a workshop",
        introduction="We talked about resilience and much else besides.",
    )
    make_article(title="Resilience in public services", introduction="Notes.")
    page = search(client, "resilience")
    assert titles(page) == ["Resilience in public services", "Notes from a workshop"]


def test_a_perspective_name_finds_the_articles_that_address_it(client):
    regulators = make_perspective(name="Regulators and inspectors")
    make_article(title="Speaking to inspectors", points=[(regulators, "Be fair.")])
    make_article(title="Speaking to no one")
    page = text_of(search(client, "inspector"))
    assert "Speaking to inspectors" in page
    assert "Speaking to no one" not in page


def test_an_edit_is_searchable_at_once_even_when_made_in_bulk(client, perspective):
    article = make_article(title="Formerly", points=[(perspective, "An old point")])
    Article.objects.filter(pk=article.pk).update(title="Collaboration")
    ArgumentPoint.objects.filter(article=article).update(text="A fresh insight")
    Perspective.objects.filter(pk=perspective.pk).update(name="Stewards")
    assert "Collaboration" in text_of(search(client, "collaborations"))
    assert "<mark>insight</mark>" in search(client, "insights")
    assert "Collaboration" in text_of(search(client, "steward"))
    assert "No results" in text_of(search(client, "formerly"))
    assert "No results" in text_of(search(client, "old"))


def test_added_and_deleted_points_are_searchable_at_once(client, perspective):
    article = make_article(title="Growing")
    point = ArgumentPoint.objects.create(
        article=article, perspective=perspective, text="Kindness matters"
    )
    assert "Growing" in text_of(search(client, "kindness"))
    point.delete()
    assert "No results" in text_of(search(client, "kindness"))


def test_a_deleted_article_is_gone_from_search(client, perspective):
    article = make_article(title="Ephemeral", points=[(perspective, "Fleeting")])
    article.delete()
    assert "No results" in text_of(search(client, "ephemeral fleeting or"))


@pytest.mark.parametrize("hidden", ["draft_article", "scheduled_article"])
def test_unpublished_articles_and_their_points_never_appear(client, request, hidden):
    article = request.getfixturevalue(hidden)
    page = search(client, "piece or secret or scheduled")
    assert article.get_absolute_url() not in page
    assert "No results" in text_of(page)


def test_matches_are_marked_and_everything_else_escaped(client, perspective):
    make_article(
        title="<script>alert(1)</script> Trust",
        standfirst="<img src=x onerror=alert(2)> trust & care",
        points=[(perspective, "<b>Trust</b> is <i>earned</i>")],
    )
    page = html(client.get(reverse("articles:search"), {"q": "trust"}))
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Trust</mark>" in page
    assert "&lt;b&gt;<mark>Trust</mark>&lt;/b&gt; is &lt;i&gt;earned&lt;/i&gt;" in page


def test_marking_characters_typed_by_an_author_never_unbalance_the_page(client):
    make_article(title="Odd \ue000marks\ue001 \ue001 and trust \ue000")
    page = html(client.get(reverse("articles:search"), {"q": "trust"}))
    assert "<mark>trust</mark>" in page
    assert page.count("<mark>") == page.count("</mark>")
    assert "\ue000" not in page
    assert "\ue001" not in page


def test_search_costs_a_few_queries_whatever_it_finds(
    client, perspective, django_assert_max_num_queries
):
    for number in range(25):
        make_article(title=f"Trust {number}", points=[(perspective, "Trust here")])
    # articles, points and comments, and the page's versions unless cached; on
    # PostgreSQL each section reads its best matches' ids first
    with django_assert_max_num_queries(6):
        page = search(client, "trust")
    assert "The 20 articles that match best." in text_of(page)
    assert "The 20 points that match best." in text_of(page)


on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's bounds on a search"
)


@on_postgres
def test_a_common_word_ranks_the_newest_articles_that_hold_it(client, monkeypatch):
    from articles.search import postgres

    monkeypatch.setattr(postgres, "ARTICLES_EXAMINED", 3)
    for days_ago in range(5, 0, -1):  # the oldest first, as the table holds them
        make_article(
            title=f"Trust {days_ago} days ago",
            published_at=timezone.now() - timedelta(days=days_ago),
        )
    assert titles(search(client, "trust")) == [
        "Trust 1 days ago",
        "Trust 2 days ago",
        "Trust 3 days ago",
    ]


@on_postgres
def test_phrases_and_left_out_words_are_checked_among_the_rows_examined(
    client, perspective, monkeypatch
):
    from articles.search import postgres

    monkeypatch.setattr(postgres, "ROWS_EXAMINED", 4)
    make_article(
        title="Holding the words",
        points=[
            (perspective, "Trust placed locally"),
            (perspective, "Local trust matters"),
            (perspective, "Local trust and housing"),
            (perspective, "Local housing, trust"),
        ],
    )
    page = text_of(search(client, '"local trust" -housing'))
    assert "Local trust matters" in page
    assert "Local trust and housing" not in page
    assert "Trust placed locally" not in page
    assert "Local housing, trust" not in page
