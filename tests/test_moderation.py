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
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
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


def test_hold_all_holds_a_confirmed_comment(client, published_article, mailoutbox):
    set_policy(hold_all=True)
    send_and_confirm(client, published_article, mailoutbox)
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "Every comment is held for approval"


def test_without_hold_all_a_confirmed_comment_is_published_at_once(
    client, published_article, mailoutbox
):
    set_policy(hold_all=False)
    response = send_and_confirm(client, published_article, mailoutbox)
    assert "Your comment is published" in response.content.decode()
    assert newest_comment().is_visible


def test_hold_first_comments_holds_a_first_comment_from_an_address(
    client, published_article, mailoutbox
):
    set_policy(hold_first_comments=True)
    make_comment(published_article, user_email="someone.else@example.org")
    send_and_confirm(client, published_article, mailoutbox, email="new@example.org")
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "It is the first comment from this email address"


def test_hold_first_comments_publishes_the_next_comment_after_one_is_approved(
    client, admin_client, published_article, mailoutbox
):
    set_policy(hold_first_comments=True)
    send_and_confirm(client, published_article, mailoutbox, comment="First go.")
    first = newest_comment()
    assert first.is_awaiting_moderation
    act_on(admin_client, "approve", [first])
    send_and_confirm(
        client,
        published_article,
        mailoutbox,
        email="ALEX@example.org",
        comment="Second go.",
    )
    second = newest_comment()
    assert second.comment == "Second go."
    assert second.is_visible


def test_hold_links_at_holds_a_comment_with_that_many_links(
    client, published_article, mailoutbox
):
    set_policy(hold_links_at=3)
    text = "See https://a.example/1, www.b.example and http://c.example/x please."
    send_and_confirm(client, published_article, mailoutbox, comment=text)
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "It has 3 or more links"


def test_hold_links_at_publishes_a_comment_with_one_link_fewer(
    client, published_article, mailoutbox
):
    set_policy(hold_links_at=3)
    text = "See https://a.example/1 and www.b.example please."
    send_and_confirm(client, published_article, mailoutbox, comment=text)
    assert newest_comment().is_visible


def test_a_held_phrase_holds_a_comment_whatever_its_case(
    client, published_article, mailoutbox
):
    set_policy(held_words="free money\nscam\n")
    text = "Everyone gets FREE Money here."
    send_and_confirm(client, published_article, mailoutbox, comment=text)
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "It contains a held word or phrase"


def test_a_held_word_inside_another_word_does_not_hold_a_comment(
    client, published_article, mailoutbox
):
    set_policy(held_words="free money\nscam\n")
    text = "Scampi at the canteen, and the scams inquiry, were discussed freely."
    send_and_confirm(client, published_article, mailoutbox, comment=text)
    assert newest_comment().is_visible


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


def test_hold_all_holds_a_comment_confirmed_after_it_was_switched_on(
    client, published_article, mailoutbox
):
    post_comment(client, published_article)
    set_policy(hold_all=True)
    client.get(confirm_path(mailoutbox[-1]))
    assert newest_comment().is_awaiting_moderation


def test_a_comment_sent_under_hold_all_is_published_if_confirmed_after_it_was_off(
    client, published_article, mailoutbox
):
    set_policy(hold_all=True)
    post_comment(client, published_article)
    set_policy(hold_all=False)
    client.get(confirm_path(mailoutbox[-1]))
    comment = newest_comment()
    assert comment.is_visible
    assert comment.held_reason == ""


def test_a_held_comment_says_awaiting_moderation_when_confirmed(
    client, published_article, mailoutbox
):
    set_policy(hold_all=True)
    response = send_and_confirm(client, published_article, mailoutbox)
    assert response.status_code == 200
    assert "Your comment is awaiting moderation" in response.content.decode()


def test_a_held_comment_is_shown_on_the_article_only_once_approved(
    client,
    admin_client,
    published_article,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    set_policy(hold_all=True)
    text = "A comment waiting its turn."
    send_and_confirm(client, published_article, mailoutbox, comment=text)
    assert text not in article_page(client, published_article)
    # the approval refreshes readers' cached page once it is committed
    with django_capture_on_commit_callbacks(execute=True):
        act_on(admin_client, "approve", [newest_comment()])
    assert text in article_page(client, published_article)


# --- the policy admin --------------------------------------------------------


def policy_form(**fields):
    data = {
        "hold_links_at": "2",
        "held_words": "",
        "close_after_days": "",
        "pause_message": "Commenting is paused.",
        "_save": "Save",
    }
    data.update(fields)
    return data


def policy_change_url():
    # the policy list creates the one policy; these tests go to it directly
    return reverse(
        "admin:discussion_moderationpolicy_change", args=[ModerationPolicy.current().pk]
    )


def test_the_policy_list_goes_straight_to_the_single_policy(admin_client):
    response = admin_client.get(reverse("admin:discussion_moderationpolicy_changelist"))
    assert response.status_code == 302
    assert response.url == policy_change_url()
    assert admin_client.get(response.url).status_code == 200


def test_the_policy_admin_saves_a_valid_change(admin_client):
    response = admin_client.post(
        policy_change_url(), policy_form(close_after_days="30", hold_all="on")
    )
    assert response.status_code == 302
    policy = ModerationPolicy.current()
    assert policy.close_after_days == 30
    assert policy.hold_all


def test_the_policy_admin_refuses_negative_days_with_a_message(admin_client):
    response = admin_client.post(
        policy_change_url(), policy_form(close_after_days="-5")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["close_after_days"]
    assert "Please correct the error below" in response.content.decode()
    assert ModerationPolicy.current().close_after_days is None


def test_the_policy_admin_refuses_zero_links_with_a_message(admin_client):
    response = admin_client.post(policy_change_url(), policy_form(hold_links_at="0"))
    assert response.status_code == 200
    assert "Enter 1 or more, or leave it empty" in response.content.decode()
    assert ModerationPolicy.current().hold_links_at == 2


# --- the moderation queue ----------------------------------------------------


def test_the_queue_lists_the_oldest_waiting_comment_first(
    moderator_client, published_article
):
    newer = make_comment(published_article, is_public=False, submit_date=ago(hours=1))
    older = make_comment(published_article, is_public=False, submit_date=ago(days=2))
    assert queue(moderator_client) == [older, newer]


def test_the_queue_lists_awaiting_comments_before_published_ones(
    moderator_client, published_article
):
    published = make_comment(published_article, submit_date=ago(days=3))
    waiting = make_comment(published_article, is_public=False, submit_date=ago(days=1))
    assert queue(moderator_client) == [waiting, published]


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


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("awaiting", {"awaiting"}),
        ("published", {"published", "reported"}),
        ("removed", {"removed"}),
        ("reported", {"reported"}),
    ],
)
def test_the_queue_filters_comments_by_status(
    moderator_client, comments_in_every_state, status, expected
):
    listed = set(queue(moderator_client, status=status))
    assert listed == {comments_in_every_state[name] for name in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Priya", "priya"),
        ("priya.shah@council.example", "priya"),
        ("budgets are tight", "priya"),
        ("Housing first", "sam"),
    ],
)
def test_the_queue_searches_name_email_text_and_article_title(
    moderator_client, published_article, query, expected
):
    housing = make_article(title="Housing first")
    found = {
        "priya": make_comment(
            published_article,
            user_name="Priya Shah",
            user_email="priya.shah@council.example",
            comment="Budgets are tight this year.",
        ),
        "sam": make_comment(housing, user_name="Sam", comment="Rent matters."),
    }
    assert queue(moderator_client, q=query) == [found[expected]]


def test_the_queue_shows_excerpt_article_perspective_waiting_time_and_reports(
    moderator_client, published_article, perspective
):
    text = "Long considered words " * 10
    comment = make_comment(
        published_article,
        comment=text,
        perspective=perspective,
        is_public=False,
        submit_date=ago(days=2, minutes=1),
    )
    for reporter in ("a", "b"):
        CommentReport.objects.create(
            comment=comment, reason="off-topic", reporter=reporter * 64
        )
    response = moderator_client.get(queue_url())
    row = queue_row(response, comment)
    assert Truncator(text).chars(80) in row
    assert text.strip() not in row
    assert f'<a href="{comment.get_absolute_url()}">Published piece</a>' in row
    assert re.search(r'<td class="field-perspective[^"]*">Frontline staff</td>', row)
    assert '<td class="field-waiting">2\xa0days</td>' in row
    assert '<td class="field-report_count">2</td>' in row
    assert "Awaiting moderation" in row


def test_the_queue_costs_the_same_queries_whatever_the_number_of_comments(
    moderator_client, published_article, perspective
):
    def queries_for_queue():
        with CaptureQueriesContext(connection) as captured:
            moderator_client.get(queue_url())
        return len(captured)

    make_comment(published_article, perspective=perspective)
    few = queries_for_queue()
    for _ in range(10):
        comment = make_comment(published_article, perspective=perspective)
        CommentReport.objects.create(comment=comment, reason="spam", reporter="r")
    assert queries_for_queue() == few


def test_bulk_approve_records_who_decided_when_and_logs_it(
    moderator_client, moderator, published_article
):
    held = [make_comment(published_article, is_public=False) for _ in range(2)]
    before = timezone.now()
    response = act_on(moderator_client, "approve", held)
    assert response.status_code == 302
    for comment in held:
        comment.refresh_from_db()
        assert comment.is_visible
        assert comment.moderated_by == moderator
        assert before <= comment.moderated_at <= timezone.now()
        assert LogEntry.objects.filter(
            user=moderator, object_id=str(comment.pk), change_message="Approved"
        ).exists()


def test_bulk_remove_hides_records_who_decided_when_and_logs_it(
    moderator_client, moderator, published_article
):
    shown = [make_comment(published_article) for _ in range(2)]
    before = timezone.now()
    response = act_on(moderator_client, "remove", shown)
    assert response.status_code == 302
    for comment in shown:
        comment.refresh_from_db()  # still there: removing is not deleting
        assert comment.is_removed
        assert comment.moderated_by == moderator
        assert before <= comment.moderated_at <= timezone.now()
        assert LogEntry.objects.filter(
            user=moderator, object_id=str(comment.pk), change_message="Removed"
        ).exists()


def test_removing_a_comment_keeps_its_reply_readable_under_a_placeholder(
    client, moderator_client, published_article
):
    parent = make_comment(published_article, comment="Words to be removed.")
    reply = make_comment(published_article, parent=parent, comment="A kept reply.")
    act_on(moderator_client, "remove", [parent])
    reply.refresh_from_db()
    assert reply.is_visible
    page = article_page(Client(), published_article)
    assert "A kept reply." in page
    assert "Comment removed" in page
    assert "Words to be removed." not in page


def test_a_moderator_gets_no_delete_action(moderator_client, published_article):
    make_comment(published_article)
    response = moderator_client.get(queue_url())
    choices = response.context["action_form"].fields["action"].choices
    actions = [name for name, _label in choices]
    assert "approve" in actions
    assert "remove" in actions
    assert "delete_selected" not in actions


def test_a_moderator_cannot_open_the_delete_page(moderator_client, published_article):
    comment = make_comment(published_article)
    url = reverse("admin:discussion_articlecomment_delete", args=[comment.pk])
    assert moderator_client.get(url).status_code == 403
    assert moderator_client.post(url, {"post": "yes"}).status_code == 403
    assert ArticleComment.objects.filter(pk=comment.pk).exists()


def test_a_moderator_cannot_bulk_delete_by_sending_the_action_anyway(
    moderator_client, published_article
):
    comment = make_comment(published_article)
    moderator_client.post(
        queue_url(),
        {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"},
    )
    assert ArticleComment.objects.filter(pk=comment.pk).exists()


def test_a_superuser_may_delete_a_comment(admin_client, published_article):
    comment = make_comment(published_article)
    response = admin_client.get(queue_url())
    actions = [
        name for name, _ in response.context["action_form"].fields["action"].choices
    ]
    assert "delete_selected" in actions
    url = reverse("admin:discussion_articlecomment_delete", args=[comment.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not ArticleComment.objects.filter(pk=comment.pk).exists()


def test_an_editor_without_comment_permissions_cannot_open_the_queue(editor_client):
    assert editor_client.get(queue_url()).status_code == 403


def test_an_editor_sees_no_moderation_summary_on_the_admin_index(
    editor_client, published_article
):
    make_comment(published_article, is_public=False)
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "moderation-summary" not in page
    assert "awaiting moderation" not in page


def test_the_admin_index_shows_how_many_wait_and_for_how_long(
    moderator_client, published_article
):
    make_comment(published_article, is_public=False, submit_date=ago(hours=3))
    make_comment(published_article, is_public=False, submit_date=ago(minutes=5))
    make_comment(published_article)  # published: not waiting
    page = moderator_client.get(reverse("admin:index")).content.decode()
    assert "2 comments awaiting moderation" in page
    assert "The oldest has waited 3\xa0hours." in page
    assert f'href="{queue_url()}?status=awaiting"' in page


def test_the_admin_index_says_when_nothing_is_waiting(
    moderator_client, published_article
):
    make_comment(published_article)
    page = moderator_client.get(reverse("admin:index")).content.decode()
    assert "No comments are awaiting moderation." in page


# --- reports -----------------------------------------------------------------


def test_a_reader_without_an_account_can_open_the_report_form(
    client, published_article
):
    comment = make_comment(published_article, comment="A questionable remark.")
    response = client.get(report_url(comment))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Report a comment</h1>" in page
    assert "A questionable remark." in page


def test_a_reader_without_an_account_can_report_a_comment(client, published_article):
    comment = make_comment(published_article)
    response = client.post(
        report_url(comment),
        {"reason": "abusive", "details": "Name-calling."},
        REMOTE_ADDR="192.0.2.1",
    )
    assert response.status_code == 200
    assert "Thank you for your report" in response.content.decode()
    report = CommentReport.objects.get()
    assert report.comment_id == comment.pk
    assert report.reason == "abusive"
    assert report.details == "Name-calling."
    assert "192.0.2.1" not in report.reporter  # kept as a keyed hash


def test_a_report_without_a_reason_shows_the_form_again_with_an_error(
    client, published_article
):
    comment = make_comment(published_article)
    response = client.post(report_url(comment), {"details": "It is rude."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose why this comment should be removed" in page
    assert "It is rude." in page
    assert not CommentReport.objects.exists()


def test_the_same_address_reporting_twice_counts_once(client, published_article):
    comment = make_comment(published_article)
    for _ in range(2):
        response = client.post(
            report_url(comment), {"reason": "spam"}, REMOTE_ADDR="192.0.2.1"
        )
    assert "You have already reported this comment" in response.content.decode()
    assert comment.reports.count() == 1
    comment.refresh_from_db()
    assert comment.is_visible


def test_reports_from_three_addresses_hold_the_comment(client, published_article):
    comment = make_comment(published_article, comment="Contested words.")
    for number in (1, 2):
        client.post(
            report_url(comment), {"reason": "spam"}, REMOTE_ADDR=f"192.0.2.{number}"
        )
    comment.refresh_from_db()
    assert comment.is_visible
    client.post(report_url(comment), {"reason": "spam"}, REMOTE_ADDR="192.0.2.3")
    comment.refresh_from_db()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "Reported by 3 people"
    assert "Contested words." not in article_page(client, published_article)


def test_reporting_a_missing_comment_is_not_found(client, db):
    assert client.get(report_url(999999)).status_code == 404
    assert client.post(report_url(999999), {"reason": "spam"}).status_code == 404


def test_reports_are_rate_limited_per_address(client, settings, published_article):
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "report": "2/h",
    }
    comments = [make_comment(published_article) for _ in range(3)]
    responses = [
        client.post(report_url(comment), {"reason": "spam"}, REMOTE_ADDR="192.0.2.9")
        for comment in comments
    ]
    assert [response.status_code for response in responses] == [200, 200, 429]
    assert "You have sent too many reports" in responses[-1].content.decode()
    assert CommentReport.objects.count() == 2
    other = client.post(
        report_url(comments[2]), {"reason": "spam"}, REMOTE_ADDR="192.0.2.10"
    )
    assert other.status_code == 200


# --- e-mail ------------------------------------------------------------------


def test_moderators_are_told_of_a_held_comment(
    client, published_article, moderator, editor, mailoutbox
):
    set_policy(hold_all=True)
    send_and_confirm(client, published_article, mailoutbox, comment="Check me.")
    told = mail_to(mailoutbox, "moderator@example.org")
    assert len(told) == 1
    assert told[0].to == ["moderator@example.org"]  # not the editor
    assert "waiting for moderation" in told[0].subject
    assert "Check me." in told[0].body
    assert "Every comment is held for approval" in told[0].body
    assert f"{queue_url()}?status=awaiting" in told[0].body


def test_moderators_are_told_of_a_reported_comment(
    client, published_article, moderator, mailoutbox
):
    comment = make_comment(published_article, comment="Buy my things.")
    client.post(report_url(comment), {"reason": "spam", "details": "An advert."})
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["moderator@example.org"]
    assert "has been reported" in message.subject
    assert "It is spam or advertising" in message.body
    assert "An advert." in message.body
    assert "Buy my things." in message.body


def test_moderators_get_no_email_about_a_published_comment(
    client, published_article, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_and_confirm(client, published_article, mailoutbox)
    assert newest_comment().is_visible
    assert [message.to for message in mailoutbox] == [["alex@example.org"]]


def test_the_commenter_hears_when_their_held_comment_is_published(
    moderator_client, published_article, mailoutbox
):
    comment = make_comment(
        published_article, is_public=False, user_email="held@example.org"
    )
    act_on(moderator_client, "approve", [comment])
    told = mail_to(mailoutbox, "held@example.org")
    assert len(told) == 1
    assert told[0].subject == "Your comment on Published piece is published"
    assert comment.get_absolute_url() in told[0].body


def test_approving_a_published_comment_sends_nothing(
    moderator_client, published_article, mailoutbox, django_capture_on_commit_callbacks
):
    comment = make_comment(published_article)
    with django_capture_on_commit_callbacks(execute=True):
        act_on(moderator_client, "approve", [comment])
    assert mailoutbox == []


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
