"""The moderation queue in the admin: order, filters, search, columns, the
approve and remove actions, who may delete, and the admin index summary."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from discussion.admin.paging import CappedPaginator
from discussion.models import ArticleComment, CommentReport
from tests.factories import make_article, make_comment, make_many_comments
from tests.helpers import ago, article_page, moderate, queue, queue_row, queue_url


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


def test_the_queue_shows_text_article_perspective_waiting_time_and_reports(
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
    for reporter, details in (("a", "Rude to me."), ("b", "")):
        CommentReport.objects.create(
            comment=comment, reason="off-topic", reporter=reporter * 64, details=details
        )
    response = moderator_client.get(queue_url())
    row = queue_row(response, comment)
    assert text.strip() in row
    assert f'<a href="{comment.get_absolute_url()}">Published piece</a>' in row
    assert "<p>Frontline staff</p>" in row
    assert "Waiting 2\xa0days" in row
    assert row.count("Reported <time") == 2
    assert "It is off topic. “Rude to me.”" in row
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
    response = moderate(moderator_client, "approve", held)
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
    response = moderate(moderator_client, "remove", shown)
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
    moderate(moderator_client, "remove", [parent])
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


def test_the_queue_counts_no_further_than_its_cap(
    moderator_client, published_article, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    make_many_comments(published_article, 5)
    with CaptureQueriesContext(connection) as captured:
        response = moderator_client.get(queue_url())
    assert "More than 3 comments" in response.content.decode()
    assert len(response.context["cl"].result_list) == 5
    counts = [query["sql"] for query in captured if "COUNT(*)" in query["sql"]]
    assert counts
    assert all("LIMIT 4" in sql for sql in counts)
