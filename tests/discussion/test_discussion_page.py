"""How the article page shows its discussion: dates, threads, removed and
held comments, perspective and point filters, counts, and its query cost."""

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussion.models import ArticleComment
from tests.factories import make_comment
from tests.helpers import clear_caches, html

pytestmark = pytest.mark.django_db


class _CommentTree(HTMLParser):
    """Maps each comment's anchor to the anchor of the comment it sits in."""

    def __init__(self):
        super().__init__()
        self.open = []  # (tag, comment anchor or None)
        self.parents = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        anchor = None
        if tag == "li" and re.fullmatch(r"c\d+", attrs.get("id") or ""):
            anchor = attrs["id"]
            enclosing = [a for t, a in self.open if t == "li" and a]
            self.parents[anchor] = enclosing[-1] if enclosing else None
        if tag in {"li", "ol", "ul"}:
            self.open.append((tag, anchor))

    def handle_endtag(self, tag):
        if tag in {"li", "ol", "ul"}:
            while self.open and self.open.pop()[0] != tag:
                pass


def comment_tree(response):
    parser = _CommentTree()
    parser.feed(html(response))
    return parser.parents


def test_comment_dates_read_like_25_november_2026_at_2_05pm(client, article):
    make_comment(article, submit_date=datetime(2026, 11, 25, 14, 5, tzinfo=UTC))

    assert "25 November 2026 at 2:05pm" in html(client.get(article.get_absolute_url()))


def test_replies_nest_inside_the_comment_they_answer(client, article):
    first = make_comment(article)
    reply = make_comment(article, parent=first)
    reply_to_reply = make_comment(article, parent=reply)
    second = make_comment(article)

    tree = comment_tree(client.get(article.get_absolute_url()))

    assert tree == {
        first.anchor: None,
        reply.anchor: first.anchor,
        reply_to_reply.anchor: reply.anchor,
        second.anchor: None,
    }


def test_the_discussion_says_who_replied_to_whom(client, article):
    parent = make_comment(article, user_name="Priya")
    make_comment(article, parent=parent, user_name="Tom")

    page = html(client.get(article.get_absolute_url()))

    assert f', replying to <a href="#c{parent.pk}">Priya</a>' in page


def test_a_removed_comment_leaves_a_placeholder_and_its_replies_visible(
    client, article
):
    parent = make_comment(article, comment="Something unkind.")
    reply = make_comment(article, parent=parent, comment="A kind answer.")
    parent.is_removed = True
    parent.save()

    response = client.get(article.get_absolute_url())

    page = html(response)
    assert '<p class="removed">Comment removed</p>' in page
    assert "Something unkind." not in page
    assert "A kind answer." in page
    assert comment_tree(response)[reply.anchor] == parent.anchor
    assert f'replying to <a href="#c{parent.pk}">a removed comment</a>' in page


def test_a_held_comment_is_not_shown(client, article):
    make_comment(article, comment="Awaiting a moderator.", is_public=False)

    page = html(client.get(article.get_absolute_url()))

    assert "Awaiting a moderator." not in page
    assert "0 comments" in page
    assert "No one has commented yet." in page


def test_a_removed_comment_without_visible_replies_leaves_no_placeholder(
    client, article
):
    make_comment(article, is_removed=True)

    assert "Comment removed" not in html(client.get(article.get_absolute_url()))


def test_the_perspective_filter_shows_only_that_perspectives_comments(
    client, article, councillors, staff_perspective
):
    make_comment(article, comment="From a councillor.", perspective=councillors)
    make_comment(article, comment="From the front line.", perspective=staff_perspective)
    make_comment(article, comment="From nobody in particular.")

    page = html(client.get(article.get_absolute_url() + "?perspective=councillors"))

    assert "From a councillor." in page
    assert "From the front line." not in page
    assert "From nobody in particular." not in page
    assert "Showing 1 comment from councillors." in page


def test_the_discussion_counts_comments_per_perspective_and_in_all(
    client, article, councillors, staff_perspective
):
    make_comment(article, perspective=councillors)
    make_comment(article, perspective=staff_perspective)
    make_comment(article, perspective=staff_perspective)
    make_comment(article)
    make_comment(article, perspective=councillors, is_public=False)
    make_comment(article, perspective=councillors, is_removed=True)

    page = html(client.get(article.get_absolute_url()))

    assert '<p class="discussion__count">4 comments</p>' in page
    assert "Councillors (1)</a>" in page
    assert "Frontline staff (2)</a>" in page
    assert page.index("Councillors (1)") < page.index("Frontline staff (2)")


def test_each_point_links_to_its_comments(client, article, councillor_point):
    make_comment(article, point=councillor_point)
    make_comment(article, point=councillor_point)

    page = html(client.get(article.get_absolute_url()))

    assert (
        f'<a href="?point={councillor_point.pk}#discussion">2 comments'
        '<span class="vh"> on this point</span></a>'
    ) in page


def test_the_point_filter_shows_only_comments_on_that_point(
    client, article, councillor_point, staff_point
):
    make_comment(article, comment="On the councillors' point.", point=councillor_point)
    make_comment(article, comment="On the staff point.", point=staff_point)

    page = html(client.get(f"{article.get_absolute_url()}?point={councillor_point.pk}"))

    assert "On the councillors&#x27; point." in page
    assert "On the staff point." not in page
    assert "Showing 1 comment responding to" in page


def test_respond_to_this_point_preselects_and_quotes_the_point(
    client, article, staff_point
):
    page = html(client.get(article.get_absolute_url()))
    assert (
        f'href="?respond={staff_point.pk}#comment-form">Respond to this point' in page
    )

    page = html(client.get(f"{article.get_absolute_url()}?respond={staff_point.pk}"))

    assert f'<option value="{staff_point.pk}" selected>' in page
    assert "You are responding to this point, made to frontline staff" in page
    assert (
        "<blockquote><p>Frontline staff see the system first</p></blockquote>" in page
    )


def test_the_article_page_costs_the_same_queries_with_300_comments_as_with_5(
    client, article, councillors, councillor_point
):
    def add_comments(count):
        for number in range(count):
            parent = make_comment(
                article,
                perspective=councillors if number % 2 else None,
                point=councillor_point if number % 3 else None,
            )
            if number % 4 == 0:
                make_comment(article, parent=parent)

    add_comments(4)
    client.get(article.get_absolute_url())  # the first page creates the policy
    clear_caches()  # measure the page as rendered, not as served from the cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(article.get_absolute_url()).status_code == 200
    add_comments(236)
    assert ArticleComment.objects.count() == 300
    clear_caches()
    with CaptureQueriesContext(connection) as many:
        page = html(client.get(article.get_absolute_url()))

    assert "300 comments" in page
    assert len(many) == len(few)


def test_bylines_and_the_form_name_one_person_from_a_perspective(
    client, article, councillors
):
    councillors.singular_label = "a councillor"
    councillors.save()
    make_comment(article, perspective=councillors, user_name="Alice")

    page = html(client.get(article.get_absolute_url()))

    assert "<b>Alice</b>, writing as a councillor" in page
    assert f'<option value="{councillors.pk}">A councillor</option>' in page
    assert "writing as councillors" not in page


def test_no_page_shows_a_commenters_email_address(
    client, settings, article, councillor_point
):
    settings.DISCUSSION_THREADS_PER_PAGE = 1
    thread = make_comment(
        article,
        user_name="Olu Adeyemi",
        user_email="olu.adeyemi@mailbox.example",
        comment="Leadership starts on the ward.",
        perspective=councillor_point.perspective,
        point=councillor_point,
        stance="agree",
        followup=True,
        is_featured=True,
    )
    reply = make_comment(
        article, parent=thread, user_email="replier.hidden@mailbox.example"
    )
    make_comment(article, user_email="second.thread@mailbox.example")
    slug = article.slug
    addresses = [
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?page=2",
        f"{article.get_absolute_url()}?point={councillor_point.pk}",
        f"/comments/{thread.pk}/",
        f"/comments/{reply.pk}/",
        f"/comments/reply/{thread.pk}/",
        f"/comments/report/{thread.pk}/",
        "/feeds/comments/",
        f"/feeds/comments/{slug}/",
        f"/insight/{slug}/what-we-heard/",
        f"/insight/{slug}/what-we-heard/comments.csv",
        "/search/?q=leadership+ward",
        councillor_point.perspective.get_absolute_url(),
    ]
    shown = []
    for address in addresses:
        response = client.get(address, follow=True)
        assert response.status_code == 200, address
        shown.append(b"".join(response) if response.streaming else response.content)
    everything = b"\n".join(shown).decode()
    assert "Leadership starts on the ward." in everything
    assert "Olu Adeyemi" in everything
    for part in ("olu.adeyemi", "replier.hidden", "second.thread", "mailbox.example"):
        assert part not in everything
