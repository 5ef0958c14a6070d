"""Moderation: the policy, the queue, reports, e-mails to moderators and
commenters, spam defences, privacy commands and the editable pages."""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import BlackListedDomain

from discussion.models import ArticleComment, CommentReport, ModerationPolicy
from tests.factories import make_article, make_comment
from tests.helpers import comment_form_data

# --- helpers -----------------------------------------------------------------


def set_policy(**fields):
    policy = ModerationPolicy.current()
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.save()
    return policy


def post_comment(client, article, **fields):
    return client.post(reverse("discussion:post"), comment_form_data(article, **fields))


def confirm_path(message):
    """The path of the confirmation link in a confirmation e-mail."""
    site_url = re.escape(django_settings.SITE_URL.rstrip("/"))
    match = re.search(site_url + r"(/comments/confirm/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def send_and_confirm(client, article, mailoutbox, **fields):
    """Post a comment as a reader and open the link we e-mail them."""
    response = post_comment(client, article, **fields)
    assert response.status_code == 302, response.content.decode()
    return client.get(confirm_path(mailoutbox[-1]))


def newest_comment():
    return ArticleComment.objects.order_by("-pk").first()


def article_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def queue_url():
    return reverse("admin:discussion_articlecomment_changelist")


def queue(client, **params):
    """The comments the moderation queue lists, in its order."""
    response = client.get(queue_url(), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def queue_row(response, comment):
    """The HTML of one comment's row in the queue."""
    rows = re.findall(r"<tr>.*?</tr>", response.content.decode(), re.DOTALL)
    found = [row for row in rows if f'value="{comment.pk}"' in row]
    assert len(found) == 1
    return found[0]


def act_on(client, action, comments):
    return client.post(
        queue_url(),
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
    )


def report_url(comment_or_pk):
    pk = getattr(comment_or_pk, "pk", comment_or_pk)
    return reverse("discussion:report", args=[pk])


def mail_to(mailoutbox, address):
    return [message for message in mailoutbox if address in message.to]


def ago(**delta):
    return timezone.now() - timedelta(**delta)


# --- policy rules ------------------------------------------------------------


def test_a_blocked_email_domain_is_refused_with_a_clear_page_and_nothing_sent(
    client, published_article, mailoutbox
):
    BlackListedDomain.objects.create(domain="spam.example")
    response = post_comment(client, published_article, email="sam@spam.example")
    assert response.status_code == 400
    assert "We do not accept comments from this email address" in (
        response.content.decode()
    )
    assert mailoutbox == []
    assert not ArticleComment.objects.exists()


# --- the policy admin --------------------------------------------------------


# --- the moderation queue ----------------------------------------------------


@pytest.fixture
def comments_in_every_state(published_article):
    reported = make_comment(published_article, comment="Reported.")
    CommentReport.objects.create(comment=reported, reason="spam", reporter="a" * 64)
    return {
        "awaiting": make_comment(published_article, is_public=False),
        "published": make_comment(published_article),
        "removed": make_comment(published_article, is_removed=True),
        "reported": reported,
    }


# --- reports -----------------------------------------------------------------


# --- e-mail ------------------------------------------------------------------


# --- spam --------------------------------------------------------------------


def test_a_filled_honeypot_is_refused(client, published_article, mailoutbox):
    response = post_comment(client, published_article, honeypot="http://spam.example")
    assert response.status_code == 400
    assert mailoutbox == []
    assert not ArticleComment.objects.exists()


def test_posting_too_often_is_refused_with_429_and_the_text_kept(
    client, settings, published_article, mailoutbox
):
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "comment": "2/10m",
    }
    for number in (1, 2):
        post_comment(client, published_article, comment=f"Comment {number}.")
    response = post_comment(client, published_article, comment="My third attempt.")
    assert response.status_code == 429
    page = response.content.decode()
    assert "You have sent a lot of comments in a short time" in page
    assert "My third attempt." in page
    assert len(mailoutbox) == 2


def test_posting_text_already_on_the_article_is_refused_as_a_duplicate(
    client, published_article, mailoutbox
):
    make_comment(published_article, comment="Same words again.")
    response = post_comment(client, published_article, comment="Same words again.")
    assert response.status_code == 400
    assert "This comment has already been posted on this article" in (
        response.content.decode()
    )
    assert mailoutbox == []


def test_confirming_a_second_copy_of_the_same_text_is_refused(
    client, published_article, mailoutbox
):
    for _ in range(2):
        post_comment(client, published_article, comment="Same words again.")
    first, second = (confirm_path(message) for message in mailoutbox)
    assert client.get(first).status_code == 200
    response = client.get(second)
    assert response.status_code == 409
    assert "already been posted" in response.content.decode()
    assert ArticleComment.objects.count() == 1


def test_staff_posting_the_same_text_twice_publishes_it_once(
    admin_client, published_article
):
    for _ in range(2):
        post_comment(admin_client, published_article, comment="Same words again.")
    assert ArticleComment.objects.count() == 1


# --- privacy commands --------------------------------------------------------


def test_purge_comment_ips_removes_addresses_older_than_the_given_days(
    published_article,
):
    old = make_comment(
        published_article, ip_address="192.0.2.1", submit_date=ago(days=40)
    )
    new = make_comment(
        published_article, ip_address="192.0.2.2", submit_date=ago(days=10)
    )
    out = StringIO()
    call_command("purge_comment_ips", "--days=30", stdout=out)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.ip_address is None
    assert new.ip_address == "192.0.2.2"
    assert "Removed IP addresses from 1 comment(s)" in out.getvalue()


def test_purge_comment_ips_dry_run_changes_nothing(published_article):
    old = make_comment(
        published_article, ip_address="192.0.2.1", submit_date=ago(days=40)
    )
    out = StringIO()
    call_command("purge_comment_ips", "--days=30", "--dry-run", stdout=out)
    old.refresh_from_db()
    assert old.ip_address == "192.0.2.1"
    assert "Would remove IP addresses from 1 comment(s)" in out.getvalue()


def test_commenter_data_export_prints_that_commenters_comments_only(
    published_article,
):
    other_article = make_article(title="Another piece")
    make_comment(
        published_article,
        user_name="Priya",
        user_email="priya@example.org",
        comment="My first view.",
        ip_address="192.0.2.1",
    )
    make_comment(
        other_article, user_email="PRIYA@example.org", comment="My second view."
    )
    make_comment(published_article, user_email="sam@example.org", comment="Sam's view.")
    out = StringIO()
    call_command("commenter_data", "priya@example.org", "--export", stdout=out)
    data = json.loads(out.getvalue())
    assert data["email"] == "priya@example.org"
    assert [item["comment"] for item in data["comments"]] == [
        "My first view.",
        "My second view.",
    ]
    assert data["comments"][0]["ip_address"] == "192.0.2.1"
    assert data["comments"][1]["article"] == "Another piece"
    assert "sam@example.org" not in out.getvalue()
    assert "Sam's view." not in out.getvalue()


@pytest.fixture
def priya_thread(published_article):
    parent = make_comment(
        published_article,
        user_name="Priya Shah",
        user_email="priya@example.org",
        comment="Words Priya wants gone.",
        ip_address="192.0.2.1",
        followup=True,
    )
    reply = make_comment(
        published_article, parent=parent, user_name="Sam", comment="A kept reply."
    )
    return parent, reply


def test_commenter_data_erase_blanks_the_commenters_details(priya_thread):
    parent, reply = priya_thread
    call_command("commenter_data", "priya@example.org", "--erase", stdout=StringIO())
    parent.refresh_from_db()
    assert "Priya" not in parent.user_name
    assert parent.user_email == ""
    assert parent.comment == ""
    assert parent.ip_address is None
    assert not parent.followup
    reply.refresh_from_db()
    assert reply.comment == "A kept reply."
    assert reply.is_visible


def test_commenter_data_erase_keeps_replies_readable_on_the_article(
    client, published_article, priya_thread
):
    call_command("commenter_data", "priya@example.org", "--erase", stdout=StringIO())
    page = article_page(client, published_article)
    assert "A kept reply." in page
    assert "Comment removed at the author’s request" in page
    assert "Words Priya wants gone." not in page
    assert "Priya" not in page


def test_commenter_data_erase_leaves_no_name_or_text_in_the_admin_history(
    moderator_client, priya_thread
):
    parent, _reply = priya_thread
    act_on(moderator_client, "remove", [parent])
    call_command("commenter_data", "priya@example.org", "--erase", stdout=StringIO())
    history = " ".join(entry.object_repr for entry in LogEntry.objects.all())
    assert "Priya" not in history
    assert "Words Priya wants gone." not in history


def test_commenter_data_erase_dry_run_changes_nothing(priya_thread):
    parent, _reply = priya_thread
    out = StringIO()
    call_command(
        "commenter_data", "priya@example.org", "--erase", "--dry-run", stdout=out
    )
    parent.refresh_from_db()
    assert parent.user_name == "Priya Shah"
    assert parent.user_email == "priya@example.org"
    assert parent.comment == "Words Priya wants gone."
    assert parent.ip_address == "192.0.2.1"
    assert parent.is_visible
    assert "Would erase 1 comment(s)" in out.getvalue()


# --- pages -------------------------------------------------------------------


@pytest.fixture
def pages(db):
    call_command("loaddata", "pages", verbosity=0)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/comments-policy/", "Comments policy"),
        ("/privacy/", "Privacy notice"),
        ("/accessibility/", "Accessibility statement"),
    ],
)
def test_an_editable_page_renders_with_its_title(client, pages, path, title):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<title>{title} – Insight</title>" in page
    assert f"<h1>{title}</h1>" in page


def test_the_footer_links_to_the_policy_privacy_and_accessibility_pages(
    client, pages, published_article
):
    footer = article_page(client, published_article).split(
        '<footer class="site-footer">'
    )[1]
    assert '<a href="/comments-policy/">Comments policy</a>' in footer
    assert '<a href="/privacy/">Privacy notice</a>' in footer
    assert '<a href="/accessibility/">Accessibility statement</a>' in footer


def test_the_comment_form_links_to_the_policy_and_privacy_notice(
    client, published_article
):
    page = article_page(client, published_article)
    form = page.split('<form class="comment-form"')[1].split("</form>")[0]
    assert '<a href="/comments-policy/">comments policy</a>' in form
    assert '<a href="/privacy/">privacy notice</a>' in form


@pytest.mark.parametrize(
    "heading",
    [
        "Compliance status",
        "Non-accessible content",
        "Enforcement procedure",
        "Feedback and contact information",
        "Preparation of this accessibility statement",
    ],
)
def test_the_accessibility_statement_has_a_section_the_regulations_ask_for(
    client, pages, heading
):
    page = client.get("/accessibility/").content.decode()
    assert re.search(rf"<h[23]>{heading}</h[23]>", page)
