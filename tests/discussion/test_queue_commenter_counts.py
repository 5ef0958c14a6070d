"""Each row of the moderation queue says how many comments its commenter has
had published, removed and reported, counted by mailbox in any spelling, as
their commenter page counts them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from discussion.models import CommentReport
from tests.factories import make_comment
from tests.helpers import queue_row, queue_url


def counts_in(row):
    """(published, removed, reported) as the row states them."""
    found = re.search(
        r"(\d+) published, (\d+) removed, (\d+) reported", " ".join(row.split())
    )
    assert found, row
    return tuple(int(number) for number in found.groups())


def report(comment, reporter="r"):
    CommentReport.objects.create(comment=comment, reason="spam", reporter=reporter)


@pytest.fixture
def three_commenters(published_article):
    """Ada writes from three spellings of one mailbox; Ben has one held
    comment; Cy has published comments, one reported twice and one reported
    and since kept."""
    article = published_article
    ada = [
        make_comment(article, user_name="Ada", user_email="ada@example.org"),
        make_comment(article, user_name="Ada", user_email="ADA@Example.ORG"),
        make_comment(article, user_name="Ada L", user_email="ada+news@example.org"),
        make_comment(
            article, user_name="Ada", user_email="Ada+x@example.org", is_removed=True
        ),
        make_comment(
            article, user_name="Ada", user_email="ada@example.org", is_public=False
        ),
    ]
    report(ada[1])
    ben = [make_comment(article, user_email="ben@example.org", is_public=False)]
    cy = [make_comment(article, user_email="cy@example.net") for _ in range(4)]
    report(cy[0], "a")
    report(cy[0], "b")
    report(cy[1])
    CommentReport.objects.filter(comment=cy[1]).update(dismissed_at=cy[1].submit_date)
    # someone else, whose address merely mentions Ada's, counts for no one
    make_comment(article, user_email="ada@example.org.uk", is_removed=True)
    return {"ada": ada, "ben": ben, "cy": cy}


@pytest.mark.parametrize(
    ("who", "expected"),
    [("ada", (3, 1, 1)), ("ben", (0, 0, 0)), ("cy", (4, 0, 2))],
)
def test_every_row_of_a_commenter_shows_their_counts(
    sams_browser, three_commenters, who, expected
):
    response = sams_browser.get(queue_url())
    for comment in three_commenters[who]:
        row = queue_row(response, comment)
        assert counts_in(row) == expected
        page = reverse("admin:discussion_commenter", args=[comment.commenter])
        assert f'href="{page}"' in row


@pytest.mark.parametrize("who", ["ada", "ben", "cy"])
def test_the_row_and_the_commenter_page_agree(sams_browser, three_commenters, who):
    comment = three_commenters[who][0]
    row = queue_row(sams_browser.get(queue_url()), comment)
    page = sams_browser.get(
        reverse("admin:discussion_commenter", args=[comment.commenter])
    )
    summary = page.context["summary"]
    assert counts_in(row) == (
        summary["published"],
        summary["removed"],
        summary["reported"],
    )


def test_the_counts_follow_a_decision(sams_browser, three_commenters):
    held = three_commenters["ben"][0]
    sams_browser.post(reverse("admin:discussion_decide", args=[held.pk, "approve"]))
    assert counts_in(queue_row(sams_browser.get(queue_url()), held)) == (1, 0, 0)


def test_the_counts_for_a_page_are_read_in_one_query(sams_browser, published_article):
    for number in range(30):
        make_comment(published_article, user_email=f"person{number}@example.org")
    with CaptureQueriesContext(connection) as captured:
        response = sams_browser.get(queue_url())
    assert response.status_code == 200
    grouped = [
        query["sql"]
        for query in captured
        if '"commenter"' in query["sql"] and "GROUP BY" in query["sql"]
    ]
    assert len(grouped) == 1, grouped


def test_a_full_page_with_counts_costs_at_most_ten_queries_for_a_moderator(
    sams_browser, published_article
):
    for number in range(50):
        comment = make_comment(
            published_article,
            user_email=f"person{number % 20}@example.org",
            is_public=number % 2 == 0,
        )
        report(comment)
    with CaptureQueriesContext(connection) as captured:
        response = sams_browser.get(queue_url())
    assert response.content.decode().count("Their comments: ") == 50
    assert len(captured) <= 10, [query["sql"][:120] for query in captured]


def test_the_commenter_page_costs_at_most_ten_queries_for_a_moderator(
    sams_browser, published_article
):
    for number in range(30):
        comment = make_comment(
            published_article,
            user_email=["ada@example.org", "ADA+x@example.org"][number % 2],
            is_public=number % 3 > 0,
        )
        report(comment)
    page = reverse("admin:discussion_commenter", args=[comment.commenter])
    with CaptureQueriesContext(connection) as captured:
        response = sams_browser.get(page)
    assert response.context["summary"]["reported"] == 30
    assert len(captured) <= 10, [query["sql"][:120] for query in captured]
