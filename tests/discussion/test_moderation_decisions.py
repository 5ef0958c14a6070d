"""A moderator decides row by row, in the queue or on a comment's page:
Approve, Remove or Keep, by POST with CSRF, recorded as who and when. The
commenter's words are not the moderator's to change, and deleting is last,
for superusers only."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from discussion.models import ArticleComment, CommentReport
from tests.factories import make_comment
from tests.helpers import html, queue_row, queue_url

pytestmark = pytest.mark.django_db


def decide_url(comment, decision):
    return reverse("admin:discussion_decide", args=[comment.pk, decision])


@pytest.fixture
def strict_moderator_client(moderator):
    """A moderator's browser, whose posts are CSRF-checked as a real one's."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    return client


def press(client, page_url, comment, decision):
    """Press a decision button on a page, with the page's CSRF token."""
    page = html(client.get(page_url))
    assert f'formaction="{decide_url(comment, decision)}"' in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    return client.post(
        decide_url(comment, decision),
        {"csrfmiddlewaretoken": token},
        HTTP_REFERER=f"http://testserver{page_url}",
    )


def test_each_row_offers_the_decisions_that_fit_its_state(
    moderator_client, published_article
):
    held = make_comment(published_article, is_public=False, user_name="Held")
    reported = make_comment(published_article, user_name="Reported")
    CommentReport.objects.create(comment=reported, reason="spam", reporter="a" * 64)
    removed = make_comment(published_article, is_removed=True, user_name="Gone")
    response = moderator_client.get(queue_url())

    def buttons(comment):
        return re.findall(r">(\w+)<span", queue_row(response, comment))

    assert buttons(held) == ["Approve", "Remove"]
    assert buttons(reported) == ["Keep", "Remove", "Feature"]
    assert buttons(removed) == ["Approve"]
    assert 'Remove<span class="visually-hidden"> comment by Held</span>' in (
        queue_row(response, held)
    )


def test_approve_from_the_queue_publishes_and_records_who_and_when(
    strict_moderator_client, moderator, published_article
):
    held = make_comment(published_article, is_public=False)

    response = press(strict_moderator_client, queue_url(), held, "approve")

    assert response.status_code == 302
    assert response["Location"] == f"http://testserver{queue_url()}"
    held.refresh_from_db()
    assert held.is_visible
    assert held.moderated_by == moderator and held.moderated_at
    assert LogEntry.objects.get(object_id=str(held.pk)).change_message == "Approved"


def test_keep_dismisses_the_reports_and_the_queue_stops_saying_reported(
    strict_moderator_client, moderator, published_article
):
    reported = make_comment(published_article, comment="Fair comment.")
    CommentReport.objects.create(comment=reported, reason="spam", reporter="a" * 64)
    assert "1 reported comment" in html(strict_moderator_client.get("/admin/"))

    press(strict_moderator_client, queue_url(), reported, "keep")

    reported.refresh_from_db()
    assert reported.is_visible
    assert reported.reports.get().dismissed_by == moderator  # kept, as evidence
    assert reported.moderated_by == moderator
    assert "reported comment" not in html(strict_moderator_client.get("/admin/"))


def test_remove_from_the_comments_own_page(strict_moderator_client, published_article):
    comment = make_comment(published_article)
    page_url = reverse("admin:discussion_articlecomment_change", args=[comment.pk])

    press(strict_moderator_client, page_url, comment, "remove")

    comment.refresh_from_db()
    assert comment.is_removed


def test_decisions_need_a_post_with_a_csrf_token_and_the_right(
    strict_moderator_client, client, viewer_client, published_article
):
    comment = make_comment(published_article, is_public=False)
    url = decide_url(comment, "approve")
    assert strict_moderator_client.get(url).status_code == 405
    assert strict_moderator_client.post(url).status_code == 403  # no CSRF token
    assert viewer_client.post(url).status_code in (302, 403)  # not a moderator
    assert (
        strict_moderator_client.post(decide_url(comment, "delete"), {}).status_code
        == 403
    )
    assert not ArticleComment.objects.get(pk=comment.pk).is_public


def test_moderators_cannot_change_the_commenters_words(
    moderator_client, published_article
):
    comment = make_comment(published_article, comment="My own words.")
    page = html(
        moderator_client.get(
            reverse("admin:discussion_articlecomment_change", args=[comment.pk])
        )
    )
    assert 'name="comment"' not in page
    assert 'name="user_name"' not in page
    assert "My own words." in page


def test_a_superusers_correction_is_logged_and_keeps_the_original(
    admin_client, published_article
):
    comment = make_comment(published_article, comment="Teh original words.")
    url = reverse("admin:discussion_articlecomment_change", args=[comment.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data.update(comment="The original words.", perspective="", point="")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    comment.refresh_from_db()
    assert comment.comment == "The original words."
    assert comment.original_comment == "Teh original words."
    assert LogEntry.objects.filter(object_id=str(comment.pk)).exists()


def test_delete_comes_last_and_only_for_superusers(
    moderator_client, admin_client, published_article
):
    make_comment(published_article)
    actions = re.findall(r'<option value="(\w+)"', html(admin_client.get(queue_url())))
    assert actions[-1] == "delete_selected"
    assert actions.index("approve") < actions.index("delete_selected")
    assert "delete_selected" not in html(moderator_client.get(queue_url()))


def test_an_erased_comment_cannot_be_approved_back(moderator_client, published_article):
    from django.core.management import call_command

    comment = make_comment(published_article, user_email="gone@example.org")
    call_command("commenter_data", "gone@example.org", "--erase", stdout=None)
    assert "Approve" not in queue_row(moderator_client.get(queue_url()), comment)
    moderator_client.post(decide_url(comment, "approve"))
    comment.refresh_from_db()
    assert comment.is_erased and not comment.is_visible


def test_approving_a_comment_hidden_by_reports_tells_its_author_nothing(
    client, moderator_client, published_article, mailoutbox, settings
):
    from tests.helpers import moderate, report_url

    settings.DISCUSSION_REPORTS_TO_HOLD = 2
    comment = make_comment(published_article, user_email="author@example.org")
    comment.followers_notified_at = comment.submit_date  # it was shown
    comment.save()
    for address in ("192.0.2.1", "198.51.100.2"):  # two networks
        client.post(report_url(comment), {"reason": "spam"}, REMOTE_ADDR=address)
    comment.refresh_from_db()
    assert not comment.is_visible
    mailoutbox.clear()

    moderate(moderator_client, "approve", [comment])

    comment.refresh_from_db()
    assert comment.is_visible
    assert not [m for m in mailoutbox if "author@example.org" in m.to]
