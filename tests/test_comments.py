"""The reader's discussion: post, confirm by e-mail, replies, follow-ups, feeds."""

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from discussion.models import ArticleComment, ModerationPolicy
from tests.factories import make_article, make_comment, make_perspective
from tests.helpers import clear_caches, comment_form_data, post_comment

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.failing_email.FailingEmailBackend"


def html(response):
    return response.content.decode()


def link_in(mail, name):
    """The path of the site link called name ("confirm" or "mute") in a mail."""
    site = re.escape(django_settings.SITE_URL.rstrip("/"))
    found = re.search(rf"{site}(/comments/{name}/[^/\s]+/)", mail.body)
    assert found, f"no {name} link in: {mail.body}"
    return found.group(1)


def post_and_confirm(client, mailoutbox, article, **fields):
    """Post a comment and open the link in its confirmation e-mail, running
    what waits for the commit; returns the confirmation page."""
    sent_before = len(mailoutbox)
    assert post_comment(client, article, **fields).status_code == 302
    with_link = mailoutbox[sent_before]
    del mailoutbox[sent_before]
    return client.get(link_in(with_link, "confirm"))


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


@pytest.fixture
def councillors(db):
    return make_perspective(name="Councillors", slug="councillors", position=1)


@pytest.fixture
def staff_perspective(perspective):
    perspective.position = 2
    perspective.save()
    return perspective


@pytest.fixture
def article(db, councillors, staff_perspective):
    return make_article(
        title="Anyone can lead",
        slug="anyone-can-lead",
        points=[
            (councillors, "Councillors set the tone for the whole place"),
            (staff_perspective, "Frontline staff see the system first"),
        ],
    )


@pytest.fixture
def councillor_point(article):
    return article.points.get(perspective__slug="councillors")


@pytest.fixture
def staff_point(article):
    return article.points.get(perspective__slug="frontline-staff")


# The whole flow: post, e-mail, confirm, show


def test_comment_dates_read_like_25_november_2026_at_2_05pm(client, article):
    make_comment(article, submit_date=datetime(2026, 11, 25, 14, 5, tzinfo=UTC))

    assert "25 November 2026 at 2:05pm" in html(client.get(article.get_absolute_url()))


# Preview and errors


# Replies


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


# Removed and held comments


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


# Perspectives and points


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

    assert "4 comments:" in page
    assert "Councillors (1)</a>" in page
    assert "Frontline staff (2)</a>" in page
    assert page.index("Councillors (1)") < page.index("Frontline staff (2)")


def test_each_point_links_to_its_comments(client, article, councillor_point):
    make_comment(article, point=councillor_point)
    make_comment(article, point=councillor_point)

    page = html(client.get(article.get_absolute_url()))

    assert (
        f'<a href="?point={councillor_point.pk}#discussion">2 comments'
        '<span class="visually-hidden"> on this point</span></a>'
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


# Plain text only


def test_markup_in_a_comment_and_name_is_shown_as_text(client, article):
    make_comment(
        article,
        user_name="<script>alert(1)</script>",
        comment="<script>alert(1)</script> <b>bold</b>",
    )

    page = html(client.get(article.get_absolute_url()))

    assert "<script>alert(1)" not in page
    assert "<b>bold</b>" not in page
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in page


def test_markup_in_a_previewed_comment_is_shown_as_text(client, article):
    page = html(
        post_comment(client, article, comment="<script>alert(1)</script>", preview="1")
    )

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markup_in_a_comment_replied_to_is_shown_as_text(client, article):
    parent = make_comment(
        article, user_name="<i>Ann</i>", comment="<script>alert(1)</script>"
    )

    page = html(client.get(reverse("discussion:reply", args=[parent.pk])))

    assert "<script>alert(1)" not in page
    assert "<i>Ann</i>" not in page
    assert "Reply to &lt;i&gt;Ann&lt;/i&gt;" in page


def test_line_breaks_in_a_comment_are_kept(client, article):
    make_comment(article, comment="First line.\nSecond line.\n\nNew paragraph.")

    page = html(client.get(article.get_absolute_url()))

    assert "First line.<br>Second line.<br><br>New paragraph." in page


def test_links_in_a_comment_are_marked_nofollow_ugc(client, article):
    make_comment(article, comment="See https://example.org/report for more.")

    page = html(client.get(article.get_absolute_url()))

    assert (
        '<a href="https://example.org/report" rel="nofollow ugc">'
        "https://example.org/report</a>"
    ) in page


# Follow-ups


def test_followers_are_emailed_when_a_later_comment_is_confirmed(
    client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    make_comment(article, user_email="quiet@example.org", followup=False)
    make_comment(article, user_email="author@example.org", followup=True)

    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(
            client,
            mailoutbox,
            article,
            name="Author",
            email="author@example.org",
            comment="A later comment.",
            followup=True,
        )

    assert [mail.to for mail in mailoutbox] == [["follower@example.org"]]
    comment = ArticleComment.objects.get(comment="A later comment.")
    assert "A later comment." in mailoutbox[0].body
    assert f"{comment.get_absolute_url()}" in mailoutbox[0].body
    assert link_in(mailoutbox[0], "mute")


def test_followers_of_another_article_are_not_emailed(
    client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(make_article(), user_email="elsewhere@example.org", followup=True)

    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(client, mailoutbox, article)

    assert mailoutbox == []


def test_followers_are_emailed_once_per_comment(
    client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article)
        link = link_in(mailoutbox.pop(), "confirm")
        client.get(link)
        client.get(link)
        ArticleComment.objects.get(user_email="alex@example.org").save()

    assert len(mailoutbox) == 1


def test_a_held_comment_sends_follow_ups_when_it_is_approved(
    mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        held = make_comment(article, is_public=False, comment="Held for a while.")
    assert mailoutbox == []

    held.is_public = True
    with django_capture_on_commit_callbacks(execute=True):
        held.save()

    assert [mail.to for mail in mailoutbox] == [["follower@example.org"]]
    assert "Held for a while." in mailoutbox[0].body


def test_a_comment_by_staff_sends_follow_ups(
    admin_client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(admin_client, article)

    assert [mail.to for mail in mailoutbox] == [["follower@example.org"]]


def test_the_mute_link_stops_further_follow_ups(
    client, mailoutbox, article, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(client, mailoutbox, article)
    mute = link_in(mailoutbox.pop(), "mute")

    response = client.get(mute)

    assert response.status_code == 200
    assert "You will not get any more emails about this article" in html(response)
    with django_capture_on_commit_callbacks(execute=True):
        post_and_confirm(
            client,
            mailoutbox,
            article,
            email="someone@example.org",
            comment="A second comment, after the mute.",
        )
    assert mailoutbox == []


def test_a_tampered_mute_link_gives_a_400_page(client, article):
    response = client.get(reverse("discussion:mute", args=["not-a-key"]))

    assert response.status_code == 400
    assert "This link does not work" in html(response)


def test_a_failed_follow_up_still_publishes_the_comment(
    client, mailoutbox, article, settings, caplog, django_capture_on_commit_callbacks
):
    make_comment(article, user_email="follower@example.org", followup=True)
    post_comment(client, article, comment="Published regardless.")
    link = link_in(mailoutbox[0], "confirm")
    settings.EMAIL_BACKEND = FAILING_BACKEND

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)

    assert response.status_code == 200
    assert "Your comment is published" in html(response)
    assert ArticleComment.objects.get(comment="Published regardless.").is_visible
    assert "Follow-up e-mails" in caplog.text
    assert "follower@example.org" not in caplog.text


# Closed discussions


def test_an_article_with_comments_turned_off_says_comments_are_closed(client):
    article = make_article(allow_comments=False)

    page = html(client.get(article.get_absolute_url()))

    assert "Comments are closed." in page
    assert 'id="comment-form"' not in page
    assert "Respond to this point" not in page


def test_a_comment_on_an_article_with_comments_turned_off_is_refused(
    client, mailoutbox
):
    article = make_article(allow_comments=False)

    response = post_comment(client, article)

    assert response.status_code == 403
    assert "Comments are closed" in html(response)
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_comments_close_the_set_number_of_days_after_publication(client, mailoutbox):
    policy = ModerationPolicy.current()
    policy.close_after_days = 30
    policy.save()
    old = make_article(published_at=timezone.now() - timedelta(days=31))
    recent = make_article(published_at=timezone.now() - timedelta(days=29))

    assert "Comments are closed." in html(client.get(old.get_absolute_url()))
    assert "Comments are closed." not in html(client.get(recent.get_absolute_url()))
    response = post_comment(client, old)
    assert response.status_code == 403
    assert "Comments are closed" in html(response)
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_a_confirmation_link_opened_after_comments_close_publishes_nothing(
    client, mailoutbox, article
):
    post_comment(client, article)
    article.allow_comments = False
    article.save()

    response = client.get(link_in(mailoutbox[0], "confirm"))

    assert response.status_code == 403
    assert not ArticleComment.objects.exists()


# Counts elsewhere, and feeds


def test_the_index_shows_each_articles_comment_count(client, article):
    make_comment(article)
    make_comment(article)
    make_comment(article, is_public=False)

    for url in ("/", "/?perspective=councillors"):
        page = html(client.get(url))
        assert "2 comments" in page


def test_the_perspectives_page_shows_how_many_comments_each_has(
    client, article, councillors
):
    make_comment(article, perspective=councillors)
    make_comment(article, perspective=councillors)
    make_comment(article, perspective=councillors, is_removed=True)

    page = html(client.get(reverse("articles:perspectives")))

    assert "2 comments" in page


def test_a_perspective_page_shows_each_articles_comment_count(
    client, article, councillors
):
    make_comment(article)
    make_comment(article)

    page = html(client.get(councillors.get_absolute_url()))

    assert "2 comments" in page


def test_a_perspective_page_lists_the_latest_comments_written_from_it(
    client, article, councillors, staff_perspective
):
    make_comment(article, comment="A councillor writes.", perspective=councillors)
    make_comment(article, comment="Someone else writes.", perspective=staff_perspective)
    make_comment(
        article, comment="A held councillor.", perspective=councillors, is_public=False
    )

    page = html(client.get(councillors.get_absolute_url()))

    assert "A councillor writes." in page
    assert "Someone else writes." not in page
    assert "A held councillor." not in page


def test_the_comments_feed_lists_published_comments_only(
    client, article, draft_article
):
    make_comment(article, comment="Published and visible.")
    make_comment(article, comment="Held back.", is_public=False)
    make_comment(article, comment="Taken down.", is_removed=True)
    make_comment(draft_article, comment="On a draft.")

    response = client.get(reverse("discussion:feed"))

    assert response.status_code == 200
    feed = html(response)
    assert "Published and visible." in feed
    assert "Held back." not in feed
    assert "Taken down." not in feed
    assert "On a draft." not in feed


def test_an_articles_comment_feed_lists_only_its_own_comments(client, article):
    make_comment(article, comment="On this article.")
    make_comment(article, comment="Held back.", is_public=False)
    make_comment(make_article(), comment="On another article.")

    response = client.get(reverse("discussion:article-feed", args=[article.slug]))

    assert response.status_code == 200
    feed = html(response)
    assert "On this article." in feed
    assert "Held back." not in feed
    assert "On another article." not in feed


def test_there_is_no_comment_feed_for_a_draft(client, draft_article):
    response = client.get(reverse("discussion:article-feed", args=[draft_article.slug]))

    assert response.status_code == 404


# Permalinks


def test_a_comments_link_takes_the_reader_to_it_on_the_article(client, article):
    comment = make_comment(article)

    response = client.get(comment.get_absolute_url())

    assert comment.get_absolute_url() == f"/comments/{comment.pk}/"
    assert response.status_code == 302
    assert response.url == f"{article.get_absolute_url()}#c{comment.pk}"


def test_a_comment_on_a_later_page_is_linked_on_that_page(client, article, settings):
    settings.DISCUSSION_THREADS_PER_PAGE = 2
    first, second, third = (make_comment(article) for _ in range(3))
    reply = make_comment(article, parent=third)

    response = client.get(reply.get_absolute_url())

    assert response.url == f"{article.get_absolute_url()}?page=2#c{reply.pk}"
    page = html(client.get(f"{article.get_absolute_url()}?page=2"))
    assert f'<li id="c{reply.pk}">' in page
    assert f'<a href="?page=2#c{reply.pk}">' in page
    assert f'id="c{first.pk}"' not in page
    assert "Comments page 2 of 2" in page


def test_a_held_comment_has_no_link_that_shows_it(client, article):
    held = make_comment(article, is_public=False)

    assert client.get(held.get_absolute_url()).status_code == 404


# The page cache


def test_a_newly_published_comment_reaches_readers_of_a_cached_page(
    client, article, django_capture_on_commit_callbacks
):
    assert "No one has commented yet." in html(client.get(article.get_absolute_url()))

    with django_capture_on_commit_callbacks(execute=True):
        make_comment(article, comment="Just published.")

    assert "Just published." in html(client.get(article.get_absolute_url()))


def test_a_reader_whose_copy_is_current_gets_not_modified(client, article):
    first = client.get(article.get_absolute_url())

    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert "no-cache" in first["Cache-Control"]


def test_signed_in_staff_are_never_served_the_readers_cached_page(
    client, admin_client, article
):
    client.get(article.get_absolute_url())  # cached for readers

    page = html(admin_client.get(article.get_absolute_url()))

    assert "We will email you a link" not in page


# CSRF: readers' pages are cached, so only signed-in posts carry a token


def test_a_reader_can_comment_from_a_page_without_a_csrf_token(mailoutbox, article):
    reader = Client(enforce_csrf_checks=True)
    page = html(reader.get(article.get_absolute_url()))
    assert "csrfmiddlewaretoken" not in page

    response = post_comment(reader, article)

    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_signed_in_staff_can_comment_from_the_article_page_with_csrf_checks(
    admin_user, article
):
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(admin_user)
    page = html(staff.get(article.get_absolute_url()))
    form = page.split('<form class="comment-form"')[1].split("</form>")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    data = comment_form_data(article, comment="From the editors.")
    response = staff.post(
        reverse("discussion:post"), {**data, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert ArticleComment.objects.get().comment == "From the editors."


def test_a_signed_in_post_without_a_csrf_token_is_refused(admin_user, article):
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(admin_user)

    response = post_comment(staff, article, comment="Forged.")

    assert response.status_code == 403
    assert not ArticleComment.objects.exists()


# Performance


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
