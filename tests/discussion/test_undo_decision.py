"""A decision can be undone for 10 seconds from the message it leaves, by
the moderator who made it, while no one has decided since; otherwise a clear
message, and nothing changes. Worked as members of the Moderators group,
with the Undo button posted as a browser without JavaScript would."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from discussion.models import CommentDecision, CommentReport
from tests.factories import make_comment
from tests.helpers import csrf_checked_client as browser
from tests.helpers import html, queue_url

pytestmark = pytest.mark.django_db

STATE = ["is_public", "is_removed", "is_featured", "moderated_at", "moderated_by_id"]


def page_url(comment):
    return reverse("admin:discussion_articlecomment_change", args=[comment.pk])


def token_on(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def press(client, page, comment, decision):
    """Press a decision's button on a page; the page it comes back to."""
    token = token_on(html(client.get(page)))
    response = client.post(
        reverse("admin:discussion_decide", args=[comment.pk, decision]),
        {"csrfmiddlewaretoken": token},
        HTTP_REFERER=f"http://testserver{page}",
        follow=True,
    )
    return html(response)


def undo_form(page):
    """The Undo button's form in the decision's message: its address and
    CSRF token."""
    form = re.search(
        r'<form method="post" action="([^"]+/undo/\d+/)"[^>]*>\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">',
        page,
    )
    assert form, "no Undo button in the message"
    return form[1], form[2]


def press_undo(client, action, token, page=None):
    return html(
        client.post(
            action,
            {"csrfmiddlewaretoken": token},
            HTTP_REFERER=f"http://testserver{page or queue_url()}",
            follow=True,
        )
    )


def state(comment):
    comment.refresh_from_db()
    return [getattr(comment, name) for name in STATE]


def open_reports(comment):
    return sorted(comment.reports.undismissed().values_list("reason", flat=True))


@pytest.fixture
def comments(published_article):
    """One comment in each state a decision starts from."""
    held = make_comment(published_article, is_public=False, user_name="Held Ha")
    reported = make_comment(published_article, user_name="Reported Ro")
    for reason, reporter in [("spam", "a"), ("abusive", "b"), ("other", "c")]:
        CommentReport.objects.create(
            comment=reported,
            reason=reason,
            details="Détails <b>é</b>",
            reporter=reporter * 64,
        )
    published = make_comment(published_article, user_name="Published Pi")
    removed = make_comment(published_article, is_removed=True, user_name="Gone Gu")
    return {
        "held": held,
        "reported": reported,
        "published": published,
        "removed": removed,
    }


CASES = [
    ("held", "approve", "Approved"),
    ("held", "remove", "Removed"),
    ("reported", "keep", "Kept"),
    ("reported", "approve", "Kept"),
    ("reported", "remove", "Removed"),
    ("reported", "feature", "Featured"),
    ("published", "feature", "Featured"),
    ("published", "remove", "Removed"),
    ("removed", "approve", "Approved"),
]


@pytest.mark.parametrize("where", ["queue", "comment page"])
@pytest.mark.parametrize(("which", "decision", "done"), CASES)
def test_undo_within_10_seconds_puts_the_comment_and_its_reports_back(
    sam, comments, which, decision, done, where
):
    comment = comments[which]
    client = browser(sam)
    page = queue_url() if where == "queue" else page_url(comment)
    before, reports_before = state(comment), open_reports(comment)

    after_decision = press(client, page, comment, decision)
    assert f"Comment by {comment.user_name}: {done}." in after_decision
    assert state(comment) != before or open_reports(comment) != reports_before

    action, token = undo_form(after_decision)
    after_undo = press_undo(client, action, token, page)

    assert f"Comment by {comment.user_name}: undone." in after_undo
    assert state(comment) == before
    assert open_reports(comment) == reports_before
    assert comment.decisions.first().kind == CommentDecision.Kind.UNDONE
    assert comment.decisions.first().decided_by == sam


def test_undone_reports_bring_the_comment_back_to_the_reported_queue(sam, comments):
    comment = comments["reported"]
    client = browser(sam)
    reported = f"{queue_url()}?status=reported"
    action, token = undo_form(press(client, reported, comment, "keep"))
    assert f"/{comment.pk}/change/" not in html(client.get(reported))

    page = press_undo(client, action, token, reported)

    assert f"/{comment.pk}/change/" in page
    assert "Undone" in html(client.get(page_url(comment)))


@pytest.mark.parametrize("seconds_later", [10.5, 11, 60, 3600 * 24])
def test_after_10_seconds_undo_is_refused_and_nothing_changes(
    sam, comments, seconds_later
):
    comment = comments["reported"]
    client = browser(sam)
    action, token = undo_form(press(client, queue_url(), comment, "keep"))
    decided, reports = state(comment), open_reports(comment)

    later = timezone.now() + timedelta(seconds=seconds_later)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = press_undo(client, action, token)

    assert "Too late to undo" in page and "Nothing changed." in page
    assert state(comment) == decided and open_reports(comment) == reports


def test_after_another_moderators_decision_undo_is_refused(sam, kim, comments):
    comment = comments["held"]
    sams = browser(sam)
    action, token = undo_form(press(sams, queue_url(), comment, "approve"))
    press(browser(kim), page_url(comment), comment, "remove")
    removed = state(comment)

    page = press_undo(sams, action, token)

    assert re.search(r"Not undone: Kim has since removed it at \d+:\d\d[ap]m", page)
    assert "Nothing changed." in page
    assert state(comment) == removed


def test_another_moderator_cannot_undo_yours(sam, kim, comments):
    comment = comments["published"]
    action, _ = undo_form(press(browser(sam), queue_url(), comment, "remove"))
    kims = browser(kim)
    removed = state(comment)

    page = press_undo(kims, action, token_on(html(kims.get(queue_url()))))

    assert "Not undone: only the moderator who decided can undo it" in page
    assert state(comment) == removed
    assert comment.decisions.first().kind == CommentDecision.Kind.REMOVED


def test_undo_cannot_be_undone_or_repeated(sam, comments):
    comment = comments["held"]
    client = browser(sam)
    action, token = undo_form(press(client, queue_url(), comment, "approve"))
    press_undo(client, action, token)
    held = state(comment)

    page = press_undo(client, action, token)

    assert "Not undone: you have since undone it" in page
    assert state(comment) == held


def test_undo_refuses_get_and_a_post_without_csrf(sam, comments):
    comment = comments["reported"]
    client = browser(sam)
    action, _ = undo_form(press(client, queue_url(), comment, "keep"))
    kept, reports = state(comment), open_reports(comment)

    assert client.get(action).status_code == 405
    assert client.post(action).status_code == 403
    assert client.post(action, {"csrfmiddlewaretoken": "x" * 64}).status_code == 403
    assert state(comment) == kept and open_reports(comment) == reports


def test_undo_of_a_decision_on_another_comment_is_not_found(sam, comments):
    client = browser(sam)
    action, token = undo_form(press(client, queue_url(), comments["held"], "approve"))
    elsewhere = action.replace(
        f"/{comments['held'].pk}/", f"/{comments['published'].pk}/"
    )
    published = state(comments["published"])

    response = client.post(elsewhere, {"csrfmiddlewaretoken": token})

    assert response.status_code == 404
    assert state(comments["published"]) == published
