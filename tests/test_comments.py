"""The reader's discussion: post, confirm by e-mail, replies, follow-ups, feeds."""

import re
import time
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from discussion.forms import CommentForm
from discussion.models import ArticleComment, ModerationPolicy
from tests.factories import make_article, make_comment, make_perspective
from tests.helpers import clear_caches, comment_form_data, post_comment

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.failing_email.FailingEmailBackend"
DATE_PATTERN = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September"
    r"|October|November|December) \d{4} at \d{1,2}:\d{2}(am|pm)\b"
)


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


def test_posting_a_comment_asks_the_reader_to_check_their_email(
    client, mailoutbox, article
):
    response = post_comment(client, article)

    assert response.status_code == 302
    assert response.url == reverse("discussion:sent", args=[article.slug])
    assert "Check your email" in html(client.get(response.url))


def test_posting_a_comment_sends_one_email_with_a_confirmation_link(
    client, mailoutbox, article
):
    post_comment(client, article, email="sam@example.org", comment="My view.")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["sam@example.org"]
    assert "Anyone can lead" in mailoutbox[0].subject
    assert "My view." in mailoutbox[0].body
    assert link_in(mailoutbox[0], "confirm")


def test_a_posted_comment_is_not_stored_until_the_link_is_opened(
    client, mailoutbox, article
):
    post_comment(client, article)

    assert not ArticleComment.objects.exists()


def test_opening_the_confirmation_link_publishes_the_comment(
    client, mailoutbox, article, staff_perspective, councillor_point
):
    post_comment(
        client,
        article,
        name="Sam",
        comment="Leadership is everyone's job.",
        perspective=staff_perspective,
        point=councillor_point,
    )

    response = client.get(link_in(mailoutbox[0], "confirm"))

    assert response.status_code == 200
    assert "Your comment is published" in html(response)
    comment = ArticleComment.objects.get()
    assert comment.is_visible
    assert comment.article == article
    assert comment.user_name == "Sam"
    assert comment.perspective == staff_perspective
    assert comment.point == councillor_point


def test_a_confirmed_comment_shows_on_the_article_with_who_wrote_it_and_why(
    client, mailoutbox, article, staff_perspective, councillor_point
):
    post_and_confirm(
        client,
        mailoutbox,
        article,
        name="Sam",
        comment="Leadership is everyone's job.",
        perspective=staff_perspective,
        point=councillor_point,
    )
    comment = ArticleComment.objects.get()

    page = html(client.get(article.get_absolute_url()))

    assert "Leadership is everyone&#x27;s job." in page
    assert "<b>Sam</b>" in page
    assert "writing as frontline staff" in page
    assert 'Responding to: <a href="#point-' in page
    assert "Councillors set the tone for the whole place" in page
    assert f'id="c{comment.pk}"' in page
    # the date is the comment's permalink
    assert re.search(f'<a href="#c{comment.pk}">{DATE_PATTERN.pattern}</a>', page)


def test_comment_dates_read_like_25_november_2026_at_2_05pm(client, article):
    make_comment(article, submit_date=datetime(2026, 11, 25, 14, 5, tzinfo=UTC))

    assert "25 November 2026 at 2:05pm" in html(client.get(article.get_absolute_url()))


def test_opening_the_confirmation_link_twice_creates_no_duplicate(
    client, mailoutbox, article
):
    post_comment(client, article)
    link = link_in(mailoutbox[0], "confirm")
    client.get(link)

    again = client.get(link)

    assert again.status_code == 200
    assert "You have already confirmed this comment" in html(again)
    assert ArticleComment.objects.count() == 1


def test_a_tampered_confirmation_link_gives_a_400_page_in_the_sites_style(
    client, mailoutbox, article
):
    post_comment(client, article)
    link = link_in(mailoutbox[0], "confirm")
    tampered = link[:-3] + ("A" if link[-2] != "A" else "B") + "/"

    response = client.get(tampered)

    assert response.status_code == 400
    page = html(response)
    assert "This link does not work" in page
    assert "Skip to main content" in page  # the site's own layout
    assert not ArticleComment.objects.exists()


def test_signed_in_staff_skip_confirmation(admin_client, mailoutbox, article):
    response = post_comment(admin_client, article, comment="From the editors.")

    comment = ArticleComment.objects.get()
    assert comment.is_visible
    assert comment.comment == "From the editors."
    assert response.status_code == 302
    assert response.url == comment.get_absolute_url()
    assert mailoutbox == []


# Preview and errors


def test_preview_shows_the_comment_and_keeps_it_in_the_form(
    client, mailoutbox, article
):
    response = post_comment(
        client, article, comment="Draft of my view.", name="Sam", preview="1"
    )

    assert response.status_code == 200
    page = html(response)
    assert "Your comment will look like this" in page
    assert '<div class="comment__text"><p>Draft of my view.</p></div>' in page
    assert ">\nDraft of my view.</textarea>" in page
    assert 'value="Sam"' in page
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("comment", "", "Enter your comment"),
        ("comment", "   \n  ", "Enter your comment"),
        ("name", "", "Enter your name"),
        ("name", "   ", "Enter your name"),
        (
            "email",
            "not-an-address",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ("comment", "x" * 3001, "Your comment must be 3000 characters or fewer"),
        ("perspective", "999999", "Choose a perspective from the list"),
    ],
)
def test_a_comment_with_a_mistake_is_shown_again_with_the_error_beside_the_field(
    client, mailoutbox, article, staff_perspective, field, value, message
):
    typed = {
        "comment": "What I typed.",
        "name": "Sam",
        "email": "sam@example.org",
        "perspective": staff_perspective.pk,
        "followup": True,
    }
    typed[field] = value

    response = post_comment(client, article, **typed)

    assert response.status_code == 400
    page = html(response)
    assert "There is a problem" in page
    assert f'<a href="#id_{field}">{message}' in page  # in the summary
    assert f'id="id_{field}_error"><span class="visually-hidden">Error:</span> ' in page
    assert page.count(message) == 2  # summary and beside the field
    for name, kept in typed.items():
        if name == field or name == "followup":
            continue
        if name == "comment":
            assert f">\n{kept}</textarea>" in page
        elif name == "perspective":
            assert f'<option value="{kept}" selected>' in page
        else:
            assert f'value="{kept}"' in page
    assert 'name="followup" id="id_followup" checked' in page
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


class _Described(HTMLParser):
    """Collects element ids and the ids that aria-describedby refers to."""

    def __init__(self):
        super().__init__()
        self.ids = set()
        self.described_by = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described_by[attrs.get("name")] = attrs["aria-describedby"].split()


def test_each_comment_field_is_described_by_its_hint_and_its_error(client, article):
    parser = _Described()
    parser.feed(html(post_comment(client, article, name="", email="not-valid")))

    assert parser.described_by.keys() >= {"comment", "name", "email"}
    for name, refs in parser.described_by.items():
        assert set(refs) <= parser.ids, name
    assert any("error" in ref for ref in parser.described_by["name"])


def test_a_point_from_another_article_is_refused(client, mailoutbox, article):
    other = make_article(points=[(make_perspective(), "A point made elsewhere")])

    response = post_comment(
        client, article, comment="Kept text.", point=other.points.get()
    )

    assert response.status_code == 400
    page = html(response)
    assert "There is a problem" in page
    assert page.count("Choose a point from this article") == 2
    assert ">\nKept text.</textarea>" in page
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_an_expired_form_is_given_back_fresh_with_the_text_kept(
    client, mailoutbox, article
):
    data = comment_form_data(article, comment="Written slowly.")
    old = str(int(time.time()) - django_settings.COMMENTS_TIMEOUT - 60)
    data["timestamp"] = old
    data["security_hash"] = CommentForm(article).generate_security_hash(
        data["content_type"], data["object_pk"], old
    )

    response = client.post(reverse("discussion:post"), data)

    assert response.status_code == 400
    page = html(response)
    assert "This page was open for a long time" in page
    assert ">\nWritten slowly.</textarea>" in page
    assert f'value="{old}"' not in page
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_the_fresh_form_given_after_expiry_can_be_sent(client, mailoutbox, article):
    data = comment_form_data(article)
    old = str(int(time.time()) - django_settings.COMMENTS_TIMEOUT - 60)
    data["timestamp"] = old
    data["security_hash"] = CommentForm(article).generate_security_hash(
        data["content_type"], data["object_pk"], old
    )
    page = html(client.post(reverse("discussion:post"), data))
    for name in ("timestamp", "security_hash"):
        data[name] = re.search(rf'name="{name}" value="([^"]+)"', page).group(1)

    response = client.post(reverse("discussion:post"), data)

    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_a_bad_security_hash_gives_a_400_page(client, mailoutbox, article):
    data = comment_form_data(article)
    data["security_hash"] = "0" * 40

    response = client.post(reverse("discussion:post"), data)

    assert response.status_code == 400
    assert "Your comment could not be sent" in html(response)
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_a_filled_honeypot_is_refused(client, mailoutbox, article):
    response = post_comment(client, article, honeypot="I am a robot")

    assert response.status_code == 400
    assert "Your comment could not be sent" in html(response)
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_a_comment_on_a_draft_article_is_not_found(client, mailoutbox, draft_article):
    response = post_comment(client, draft_article)

    assert response.status_code == 404
    assert mailoutbox == []


def test_a_comment_on_a_missing_article_is_not_found(client, mailoutbox, article):
    data = comment_form_data(article)
    article.delete()

    response = client.post(reverse("discussion:post"), data)

    assert response.status_code == 404
    assert mailoutbox == []


# Replies


def test_the_reply_page_shows_the_comment_being_replied_to(client, article):
    parent = make_comment(article, user_name="Priya", comment="Start small.")

    response = client.get(reverse("discussion:reply", args=[parent.pk]))

    assert response.status_code == 200
    page = html(response)
    assert "<h1>Reply to Priya</h1>" in page
    assert "<blockquote><p>Start small.</p></blockquote>" in page
    assert f'name="reply_to" value="{parent.pk}"' in page


def test_a_confirmed_reply_is_stored_under_its_parent(client, mailoutbox, article):
    parent = make_comment(article)

    post_and_confirm(client, mailoutbox, article, reply_to=parent.pk)

    reply = ArticleComment.objects.exclude(pk=parent.pk).get()
    assert reply.parent_id == parent.pk
    assert reply.level == 1
    assert reply.thread_id == parent.thread_id


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


def test_a_comment_at_the_deepest_level_cannot_be_replied_to(client, article):
    deepest = make_comment(
        article, parent=make_comment(article, parent=make_comment(article))
    )
    assert deepest.level == 2

    response = client.get(reverse("discussion:reply", args=[deepest.pk]))

    assert response.status_code == 400
    assert "You cannot reply to this comment" in html(response)


def test_a_post_replying_to_the_deepest_level_is_refused(client, mailoutbox, article):
    deepest = make_comment(
        article, parent=make_comment(article, parent=make_comment(article))
    )

    response = post_comment(client, article, reply_to=deepest.pk, comment="Kept.")

    assert response.status_code == 400
    page = html(response)
    assert "There is a problem" in page
    assert "Replies cannot go deeper here" in page
    assert ">\nKept.</textarea>" in page
    assert ArticleComment.objects.count() == 3
    assert mailoutbox == []


def test_a_reply_to_a_comment_on_another_article_is_refused(
    client, mailoutbox, article
):
    elsewhere = make_comment(make_article())

    response = post_comment(client, article, reply_to=elsewhere.pk)

    assert response.status_code == 400
    assert "not part of this discussion" in html(response)
    assert ArticleComment.objects.count() == 1
    assert mailoutbox == []


def test_the_deepest_comments_have_no_reply_link(client, article):
    deepest = make_comment(
        article, parent=make_comment(article, parent=make_comment(article))
    )

    page = html(client.get(article.get_absolute_url()))

    assert reverse("discussion:reply", args=[deepest.parent_id]) in page
    assert reverse("discussion:reply", args=[deepest.pk]) not in page


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


def test_removing_a_comment_does_not_hide_its_replies(article):
    parent = make_comment(article)
    reply = make_comment(article, parent=parent)

    parent.is_removed = True
    parent.save()

    reply.refresh_from_db()
    assert reply.is_public
    assert reply.is_visible


def test_approving_a_comment_does_not_publish_its_held_replies(article):
    parent = make_comment(article, is_public=False)
    held = make_comment(article, parent=parent, is_public=False)

    parent.is_public = True
    parent.save()

    held.refresh_from_db()
    assert not held.is_public


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


def test_when_the_confirmation_email_fails_the_form_comes_back_with_a_message(
    client, mailoutbox, article, settings
):
    settings.EMAIL_BACKEND = FAILING_BACKEND

    response = post_comment(client, article, comment="Do not lose this.")

    assert response.status_code == 503
    page = html(response)
    assert "There is a problem" in page
    assert "We could not send the email to confirm your comment" in page
    assert ">\nDo not lose this.</textarea>" in page
    assert not ArticleComment.objects.exists()


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


def test_a_reply_confirmed_after_its_parent_was_removed_is_not_published(
    client, mailoutbox, article
):
    parent = make_comment(article)
    post_comment(client, article, reply_to=parent.pk)
    parent.is_removed = True
    parent.save()

    response = client.get(link_in(mailoutbox[0], "confirm"))

    assert response.status_code == 410
    assert ArticleComment.objects.count() == 1


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
