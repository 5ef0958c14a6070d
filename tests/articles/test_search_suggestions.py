""" "Did you mean …": a search that found little offers the site's own words
nearest to those typed, as a link that runs that search, in one query."""

import re
from html import unescape
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.search import normalised_query
from articles.search.suggestions import edits_between, trigram_similarity
from tests.factories import make_article, make_author, make_comment
from tests.helpers import main_content, text_of

pytestmark = pytest.mark.django_db


def page_for(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return main_content(response)


def suggested(page):
    """The suggestion's link and text, or None."""
    found = re.search(r'Did you mean <a href="([^"]*)">([^<]*)</a>\?', page)
    return (unescape(found[1]), unescape(found[2])) if found else None


@pytest.fixture
def seed(db):
    call_command("loaddata", "seed", verbosity=0)
    return Article.objects.get()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("leadr", "leader"),
        ("sistems", "systems"),
        ("Sistems", "systems"),
        ("partnrship", "partnership"),
        ("councilors comunity", "councilors community"),  # only the misspelling
        ("goverment", "government"),
        ("organisatinal boundries", "organisational boundaries"),
        ("sistems leadr", "systems leader"),
        ('"sistems leadr"', '"systems leader"'),
        ("leadr -police", "leader -police"),
    ],
)
def test_a_misspelling_is_offered_the_sites_word(client, seed, typed, meant):
    page = page_for(client, typed)
    link, text = suggested(page)
    assert text.lower() == meant.lower()
    assert link == reverse("articles:search") + "?q=" + quote(text, safe="/")
    followed = page_for(client, text)
    assert "No results" not in text_of(followed)
    assert suggested(followed) is None


@pytest.mark.parametrize(
    "typed",
    ["leader", "leaders", "systems", "partnerships", "councillors", "organizations"],
)
def test_words_the_site_has_in_any_form_or_spelling_get_no_suggestion(
    client, seed, typed
):
    assert suggested(page_for(client, typed)) is None


def test_a_search_that_found_enough_gets_no_suggestion(client, perspective):
    for number in range(3):
        make_article(title=f"Leadr number {number}", standfirst="Leader")
    page = page_for(client, "leadr")
    assert "3 results" in text_of(page)
    assert suggested(page) is None


def test_nothing_near_gives_no_suggestion_and_the_usual_advice(client, seed):
    page = page_for(client, "xylophonic")
    assert suggested(page) is None
    assert "Check the spelling" in text_of(page)


def test_a_drafts_words_are_never_suggested(client, perspective):
    make_article(title="Restructuring plans", status=Article.Status.DRAFT)
    make_article(title="Something published")
    assert suggested(page_for(client, "restructurin")) is None


def test_words_that_left_an_article_are_not_suggested(client):
    article = make_article(title="Reorganisation ahead")
    article.title = "Plans ahead"
    article.save()
    assert suggested(page_for(client, "reorganisatoin")) is None


def test_an_authors_name_and_a_topic_are_in_the_vocabulary(client):
    article = make_article(author=make_author(name="Amara Okonkwo"))
    article.topics.add("Homelessness")
    assert suggested(page_for(client, "okonkow"))[1] == "okonkwo"
    assert suggested(page_for(client, "homelesness"))[1] == "homelessness"


def test_comments_words_are_not_suggested(client):
    article = make_article(title="Plans")
    make_comment(article, comment="Quintessential")
    assert suggested(page_for(client, "quintesential")) is None


def test_the_suggestion_costs_at_most_one_query(
    client, seed, django_assert_max_num_queries
):
    page_for(client, "leadr")  # anything asked once per process
    with CaptureQueriesContext(connection) as without_suggestion:
        page_for(client, "partnership")
    with django_assert_max_num_queries(len(without_suggestion) + 1):
        page = page_for(client, "sistems leadr partnrship goverment")
    assert suggested(page)[1] == "systems leader partnership government"


def test_the_suggestion_is_one_plain_sentence_after_the_count(client, seed):
    page = page_for(client, "leadr")
    status = page.index('role="status"')
    assert "No results for ‘leadr’." in text_of(page)
    assert page.index("Did you mean") > status
    assert "Check the spelling" not in text_of(page)


@pytest.mark.parametrize(
    ("one", "other", "similarity"),
    [
        ("leadr", "leader", 4 / 9),
        ("sistems", "systems", 5 / 11),
        ("word", "word", 1.0),
        ("abc", "xyz", 0.0),
    ],
)
def test_similarity_is_measured_as_pg_trgm_does(one, other, similarity):
    assert trigram_similarity(one, other) == pytest.approx(similarity)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT similarity(%s, %s)", [one, other])
            assert cursor.fetchone()[0] == pytest.approx(similarity, abs=1e-6)


@pytest.mark.parametrize(
    "typed",
    [
        'leadr"',
        "leadr' OR 1=1 --",
        "leadr\u0301",
        "ünïcödé leadr",
        "leadr" * 40,
        "leadr or sistems",
        "-leadr",
        "le4dr",
    ],
)
def test_odd_input_gets_a_suggestion_that_changes_only_words(client, seed, typed):
    found = suggested(page_for(client, typed))
    if found:
        # quotes, signs and spaces stay where the reader put them
        skeleton = re.compile(r"[^\W_]+")
        assert skeleton.sub("w", found[1]) == skeleton.sub("w", normalised_query(typed))
        assert "leader" in found[1] or "systems" in found[1]


@pytest.mark.parametrize(
    ("one", "other", "edits"),
    [
        ("leadershp", "leadership", 1),
        ("leadershp", "leaders", 2),
        ("sistems", "systems", 1),
        ("partnerhsip", "partnership", 1),  # two letters swapped
        ("word", "word", 0),
        ("", "abc", 3),
    ],
)
def test_edits_are_counted_as_a_typist_makes_them(one, other, edits):
    assert edits_between(one, other) == edits
    assert edits_between(other, one) == edits


def test_the_word_fewest_edits_away_wins_over_a_shorter_more_similar_one(client):
    make_article(title="Leaders and leadership", standfirst="Lead, leader.")
    assert suggested(page_for(client, "leadershp"))[1] == "leadership"
    assert suggested(page_for(client, "leadr"))[1] == "leader"
