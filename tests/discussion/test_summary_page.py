"""What we heard: an article's comments, stances and quick answers by
perspective and point, as bars with real tables, readable without sight or
colour; small groups never picked out; a fixed number of queries."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from discussion import threads
from discussion.small_numbers import FEWER
from discussion.views import summary as summary_view
from tests.factories import make_comment, make_many_comments
from tests.helpers import clear_caches

from .answer_tables import by_label, tables

pytestmark = pytest.mark.django_db


def summary_url(article):
    return reverse("discussion:summary", args=[article.slug])


def summary_page(client, article):
    response = client.get(summary_url(article))
    assert response.status_code == 200
    return response.content.decode()


def test_the_article_links_to_its_summary(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert f'href="{summary_url(article)}"' in page


def test_drafts_have_no_summary(client, draft_article):
    assert client.get(summary_url(draft_article)).status_code == 404


def test_each_point_has_its_stances_as_a_table(client, article):
    point = article.points.first()
    for stance, count in (("agree", 6), ("disagree", 5), ("mixed", 9)):
        for _ in range(count):
            make_comment(article, point=point, stance=stance)

    page = summary_page(client, article)

    assert "<caption>Stances of comments on this point</caption>" in page
    assert '<th scope="row">Agree</th><td class="num">6</td><td class="num">30%' in page
    assert '<th scope="row">Mixed views</th><td class="num">9</td>' in page
    assert '<rect width="30" height="1"/>' in page
    assert "style=" not in page


def test_comments_are_public_so_their_counts_are_exact(client, article):
    point = article.points.first()
    for stance, count in (("agree", 6), ("disagree", 5), ("mixed", 1)):
        for _ in range(count):
            make_comment(article, point=point, stance=stance)

    page = summary_page(client, article)

    assert "12 comments on this point." in page
    assert "Comments are public, so they are counted exactly." in page
    (table,) = tables(page, "Stances of comments on this point")
    rows = by_label(table)
    assert rows["Agree"] == ["6", "50%"]
    assert rows["Mixed views"] == ["1", "8%"]
    assert rows["Total"] == ["12", "100%"]


def test_quick_answers_come_from_the_injected_counts(client, article, monkeypatch):
    point = article.points.first()
    other = article.points.last()
    councillors = point.perspective
    fake = {
        (point.pk, None, "agree"): 10,
        (point.pk, councillors.pk, "agree"): 20,
        (point.pk, councillors.pk, "disagree"): 10,
        (point.pk, councillors.pk, "unsure"): 10,
        (other.pk, None, "unsure"): 3,
    }
    monkeypatch.setattr(summary_view, "ANSWER_COUNTS", lambda article: fake)

    page = summary_page(client, article)

    first, second = tables(page, "Quick answers to this point, by perspective")
    assert first[0] == ["Answered as", "Agree", "Disagree", "Unsure", "Total", "Most"]
    rows = by_label(first)
    assert rows[councillors.name] == ["20", "10", "10", "40", "No clear majority"]
    assert rows["Other answers"] == ["10", "0", "0", "10", "–"]
    assert rows["All answers"] == ["30", "10", "10", "50", ""]
    assert '<span>Agree</span><span><svg class="bar"' in page
    assert by_label(second)["All answers"] == [FEWER] * 4 + [""]


def test_featured_and_most_replied_comments_are_listed(client, article):
    make_comment(article, comment="Chosen words.", is_featured=True)
    busy = make_comment(article, comment="Start of a long thread.")
    for _ in range(3):
        make_comment(article, parent=busy)
    quiet = make_comment(article, comment="A quieter thread.")
    make_comment(article, parent=quiet)

    page = summary_page(client, article)

    assert '<strong class="tag">Featured</strong>' in page
    assert "Chosen words." in page
    replied = page[page.index("Most replied-to comments") :]
    assert replied.index("Start of a long thread") < replied.index("A quieter thread")
    assert "– 3 replies</li>" in replied
    assert "– 1 reply</li>" in replied


def test_the_summary_is_cached_and_made_stale_by_a_new_comment(
    client, article, django_capture_on_commit_callbacks
):
    etag = client.get(summary_url(article))["ETag"]
    assert client.get(summary_url(article), HTTP_IF_NONE_MATCH=etag).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        make_comment(article, comment="Fresh view.", is_featured=True)

    assert "Fresh view." in summary_page(client, article)


@pytest.mark.parametrize("threads", [10, 1000])
def test_the_summary_costs_six_queries_on_a_cold_cache(
    client, article, threads, django_assert_max_num_queries
):
    point = article.points.first()
    comments = make_many_comments(article, threads // 2, replies_each=1)
    make_comment(article, point=point, stance="agree", is_featured=True)
    assert len(comments) == threads
    clear_caches()
    # the page's versions, the article with its points, the perspectives,
    # the counts, the featured and most replied comments, and the answers
    with django_assert_max_num_queries(6):
        response = client.get(summary_url(article))
    assert response.status_code == 200
    assert re.search(
        r"1,00\d published comments|1\d published comments", response.content.decode()
    )


def test_readers_answers_reach_the_cached_summary(
    client, article, django_capture_on_commit_callbacks
):
    point = article.points.first()
    before = summary_page(client, article)
    send = reverse("discussion:answer", args=[article.slug, point.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(6):
            reader = Client(REMOTE_ADDR=f"198.51.100.{number + 1}")
            assert reader.post(send, {"answer": "disagree"}).status_code == 302

    after = summary_page(client, article)
    assert after != before
    (table, *_others) = tables(after, "Quick answers to this point, by perspective")
    assert by_label(table)["All answers"][:4] == ["0", "6", "0", "6"]


def test_the_summary_links_to_withdrawing_every_answer(client, article):
    make_comment(article)
    page = summary_page(client, article)
    assert f'href="{reverse("discussion:withdraw-answers")}"' in page


@pytest.mark.parametrize("reorder", [False, True], ids=["as-listed", "reordered"])
def test_each_comment_keeps_its_own_perspective_and_point(
    client,
    article,
    councillors,
    staff_perspective,
    councillor_point,
    staff_point,
    reorder,
    monkeypatch,
):
    """Rows are read by name: a field added to SHOWN_FIELDS, wherever it goes,
    shifts no comment's perspective or point onto another's."""
    if reorder:
        monkeypatch.setattr(threads, "SHOWN_FIELDS", threads.SHOWN_FIELDS[::-1])
    # each commenter answers the other perspective's point
    ana = make_comment(
        article,
        user_name="Ana",
        perspective=councillors,
        point=staff_point,
        stance="agree",
        is_featured=True,
    )
    make_comment(
        article,
        user_name="Ben",
        perspective=staff_perspective,
        point=councillor_point,
        stance="disagree",
        is_featured=True,
    )
    make_comment(article, parent=ana, user_name="Cleo")
    bylines = [
        f"<b>Ana</b>, writing as {councillors.one_person}, agrees with this point",
        f"“{staff_point.plain_text}”",
        f"<b>Ben</b>, writing as {staff_perspective.one_person}, disagrees with "
        "this point",
        f"“{councillor_point.plain_text}”",
    ]

    summary = summary_page(client, article)
    discussion = client.get(article.get_absolute_url()).content.decode()

    for page in (summary, discussion):
        ana_at, ben_at = page.index("<b>Ana</b>"), page.index("<b>Ben</b>")
        assert page.index(bylines[0]) == ana_at < page.index(bylines[1]) < ben_at
        assert page.index(bylines[2]) == ben_at < page.index(bylines[3])
    assert "– 1 reply</li>" in summary
