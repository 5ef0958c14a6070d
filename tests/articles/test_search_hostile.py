"""No query breaks search: every one gets a 200 and a page that says what
happened, on SQLite and PostgreSQL alike."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.search import normalised_query, parse
from articles.search.query import MAX_QUERY_LENGTH, fts5_query
from tests.factories import make_comment
from tests.helpers import html, main_content, text_of

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(leadership system, 2)",
    "leadership AND OR NOT system",
    "*",
    "leader*",
    "^leadership",
    "title:leadership",
    "{title standfirst}: leadership",
    "((((leadership",
    "leadership))))",
    '"',
    '"leadership',
    'leadership "system',
    '""""',
    "-",
    "--leadership",
    "-leadership",
    "+leadership +",
    "- + * ^ : ( ) \" ' ! & | < > @ ~ \\",
    "leadership & !system | <-> :*",
    "' OR 1=1 --",
    "'; DROP TABLE articles_article; --",
    "%s %(q)s %% {{ query }} {% now 'Y' %}",
    "<script>alert('leadership')</script>",
    "x" * 5000,
    "leadership " * 600,
    "leadership\x00",
    "\x00\x00\x00",
    "lead\x00ership \x1b[31m",
    "\ud800leadership\udfff",
    "القيادة في الأنظمة",
    "系统领导 リーダーシップ 리더십",
    "नेतृत्व सब करते हैं",
    "🤝🏽 👩‍👩‍👧 🏳️‍🌈",
    "e\u0301\u0301\u0301 Z\u0351\u0352\u0353algo",
    "\u202eleadership\u202c \u200b\ufeff",
    "the and of",
    "-the -and",
    "or or or",
    "",
    "   ",
]

MESSAGES = [
    "Type one or more words",
    "No results for",
    "result",
    "We could not find any words to search for",
    "has only common words",
    "only says what to leave out",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_a_hostile_query_gets_a_sensible_page(client, published_article, query):
    make_comment(published_article, comment="Leadership <script>x()</script> here")
    # surrogates cannot be encoded as they are, so send the bytes a browser might
    encoded = quote(query.encode("utf-8", "surrogatepass"))
    response = client.get(f"{reverse('articles:search')}?q={encoded}")
    assert response.status_code == 200
    page = text_of(main_content(response))
    assert "Search Insight" in page
    assert any(message in page for message in MESSAGES)
    assert "x" * (MAX_QUERY_LENGTH + 1) not in page
    assert "<script>" not in html(response)


def test_a_query_is_normalised_to_printable_text_of_bounded_length():
    assert normalised_query("  trust\x00\tand\n\u202ecare\ud800 ") == "trust and care"
    assert normalised_query("e\u0301") == "\u00e9"
    assert len(normalised_query("x" * 5000)) == MAX_QUERY_LENGTH
    assert normalised_query("") == ""


def test_every_word_reaches_fts5_quoted():
    query = parse('trust "whole place" or council -police NEAR(a b) title:x*')
    assert fts5_query(query) == (
        '("trust" AND ("whole place" OR "council") AND "NEAR a" AND "b" AND '
        '"title x") NOT ("police")'
    )


def test_common_words_are_left_out_except_inside_a_phrase():
    assert parse("the and of").only_common_words
    assert not parse("the and of")
    assert [term.text for term in parse('the "state of the art"').terms] == [
        "state of the art"
    ]


def test_a_query_of_words_to_leave_out_searches_for_nothing():
    query = parse("-police -council")
    assert not query
    assert query.only_excluded
