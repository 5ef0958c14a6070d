"""A cached page changes when something on it changes (comments published,
moderated, reported or erased; the article edited; comments paused) and
not when a comment is only held for a moderator."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from discussion.models import ArticleComment, CommentReport, ModerationPolicy
from tests.factories import make_comment

pytestmark = pytest.mark.django_db


def etag_after(client, article, change):
    before = client.get(article.get_absolute_url())["ETag"]
    change()
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=before)
    return response


def test_publishing_a_comment_changes_the_page(
    client, article, django_capture_on_commit_callbacks
):
    def publish():
        with django_capture_on_commit_callbacks(execute=True):
            make_comment(article, comment="Freshly published view")

    response = etag_after(client, article, publish)
    assert response.status_code == 200
    assert "Freshly published view" in response.content.decode()


def test_a_comment_held_for_a_moderator_leaves_the_cached_page_alone(
    client, article, django_capture_on_commit_callbacks
):
    def hold():
        with django_capture_on_commit_callbacks(execute=True):
            make_comment(article, comment="Waiting words", is_public=False)

    response = etag_after(client, article, hold)
    assert response.status_code == 304


def test_removing_a_held_comment_changes_its_placeholder_over_replies(
    client, article, django_capture_on_commit_callbacks
):
    held = make_comment(article, is_public=False)
    make_comment(article, parent=held, comment="A published reply")
    before = client.get(article.get_absolute_url())
    assert "Comment waiting for a moderator" in before.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        held.is_removed = True
        held.save()
    after = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert "Comment removed" in after.content.decode()
    assert "A published reply" in after.content.decode()


@pytest.mark.parametrize("action", ["approve", "remove"])
def test_a_moderators_decision_changes_the_page(
    client, admin_client, article, action, django_capture_on_commit_callbacks
):
    comment = make_comment(
        article, comment="Waiting words", is_public=action != "approve"
    )
    before = client.get(article.get_absolute_url())
    assert ("Waiting words" in before.content.decode()) is (action == "remove")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:discussion_articlecomment_changelist"),
            {"action": action, "_selected_action": [comment.pk]},
        )
    after = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert ("Waiting words" in after.content.decode()) is (action == "approve")
    assert LogEntry.objects.filter(object_id=str(comment.pk)).exists()


def test_a_comment_held_after_reports_leaves_the_page(
    client, article, settings, django_capture_on_commit_callbacks
):
    comment = make_comment(article, comment="Reported words")
    assert "Reported words" in client.get(article.get_absolute_url()).content.decode()
    report_url = reverse("discussion:report", args=[comment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(settings.DISCUSSION_REPORTS_TO_HOLD):  # from as many /24s
            client.post(
                report_url, {"reason": "spam"}, REMOTE_ADDR=f"192.0.{number + 1}.1"
            )
    assert CommentReport.objects.filter(comment=comment).count() == 3
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Reported words" not in page


def test_erasing_a_commenter_changes_the_page(
    client, article, django_capture_on_commit_callbacks
):
    erased = make_comment(
        article, comment="Words to erase", user_email="erase@example.org"
    )
    make_comment(article, parent=erased, comment="A reply that stays")
    assert "Words to erase" in client.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("commenter_data", "erase@example.org", "--erase", stdout=None)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Words to erase" not in page
    assert "Comment removed at the author’s request" in page
    assert "A reply that stays" in page


def test_editing_the_article_changes_the_page(
    client, article, django_capture_on_commit_callbacks
):
    def edit():
        with django_capture_on_commit_callbacks(execute=True):
            article.standfirst = "A new standfirst for readers."
            article.save()

    response = etag_after(client, article, edit)
    assert "A new standfirst for readers." in response.content.decode()


def test_pausing_comments_changes_every_article_page(
    client, article, django_capture_on_commit_callbacks
):
    assert (
        'id="comment-form"' in client.get(article.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        policy = ModerationPolicy.current()
        policy.is_paused = True
        policy.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'id="comment-form"' not in page
    assert policy.pause_message in page


def test_a_deployment_renders_pages_afresh(
    client, article, django_capture_on_commit_callbacks
):
    # templates or settings may have changed with the code: every deployment
    # runs migrate
    def deploy():
        with django_capture_on_commit_callbacks(execute=True):
            call_command("migrate", verbosity=0)

    assert etag_after(client, article, deploy).status_code == 200


@pytest.mark.parametrize(
    "change, shows",
    [
        ({"is_featured": True}, "Featured comments"),
        ({"comment": "Words changed in bulk"}, "Words changed in bulk"),
        ({"user_name": "Renamed in bulk"}, "Renamed in bulk"),
    ],
)
def test_a_bulk_update_of_what_readers_see_changes_the_page(
    client, article, change, shows, django_capture_on_commit_callbacks
):
    comment = make_comment(article, comment="Words as written")

    def update():
        with django_capture_on_commit_callbacks(execute=True):
            ArticleComment.objects.filter(pk=comment.pk).update(**change)

    response = etag_after(client, article, update)
    assert response.status_code == 200
    assert shows in response.content.decode()


def test_a_bulk_update_of_what_readers_never_see_leaves_the_page_alone(
    client, article, django_capture_on_commit_callbacks
):
    comment = make_comment(article)

    def purge_address():
        with django_capture_on_commit_callbacks(execute=True):
            ArticleComment.objects.filter(pk=comment.pk).update(ip_address=None)

    assert etag_after(client, article, purge_address).status_code == 304
