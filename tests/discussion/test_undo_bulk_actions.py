"""The queue's bulk actions (approve, keep, remove, feature, unfeature the
selected comments) can be undone together for 10 seconds from the message
they leave, by the moderator who decided, while no one has decided on any of
them since; otherwise a clear message, and none of them changes. Worked as
members of the Moderators group, posting as a browser without JavaScript."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from discussion.decisions import decide
from discussion.models import CommentDecision, CommentReport
from tests.factories import make_comment
from tests.helpers import csrf_checked_client as browser
from tests.helpers import html, queue_url

pytestmark = pytest.mark.django_db

STATE = ["is_public", "is_removed", "is_featured", "moderated_at", "moderated_by_id"]


def token_on(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def bulk(client, action, comments):
    """Select the comments in the queue and run an action; the page after."""
    token = token_on(html(client.get(queue_url())))
    return html(
        client.post(
            queue_url(),
            {
                "action": action,
                "_selected_action": [comment.pk for comment in comments],
                "csrfmiddlewaretoken": token,
            },
            follow=True,
        )
    )


def undo_form(page):
    """The Undo button's form in the bulk action's message: where it posts
    and every hidden field it sends."""
    form = re.search(
        r'<form method="post" action="([^"]+/undo/)" class="undo-decision">'
        r"(.*?)</form>",
        page,
        re.DOTALL,
    )
    assert form, "no Undo button in the message"
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form[2])
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return form[1], data


def press_undo(client, action, data):
    return html(
        client.post(
            action, data, HTTP_REFERER=f"http://testserver{queue_url()}", follow=True
        )
    )


def states(comments):
    found = []
    for comment in comments:
        comment.refresh_from_db()
        reports = sorted(
            comment.reports.undismissed().values_list("reporter", flat=True)
        )
        found.append([*(getattr(comment, name) for name in STATE), reports])
    return found


@pytest.fixture
def mixed(published_article):
    """Held, reported, published and featured comments, by different people."""

    def make(kind, number):
        comment = make_comment(
            published_article,
            user_name=f"{kind.title()} {number}",
            is_public=kind != "held",
            is_featured=kind == "featured",
        )
        if kind == "reported":
            for reporter in ("a", "b"):
                CommentReport.objects.create(
                    comment=comment, reason="spam", reporter=f"{reporter}{number}"
                )
        return comment

    return {
        kind: [make(kind, number) for number in range(3)]
        for kind in ("held", "reported", "published", "featured")
    }


CASES = [
    ("approve", ["held", "reported"], "3 comments approved and published"),
    ("remove", ["held", "published", "featured"], "9 comments removed"),
    ("keep", ["reported"], "3 reported comments kept"),
    ("feature", ["published", "reported"], "6 comments featured"),
    ("unfeature", ["featured"], "3 comments unfeatured"),
]


@pytest.mark.parametrize(("action", "kinds", "said"), CASES)
def test_a_bulk_action_is_undone_for_every_comment_within_10_seconds(
    sam, mixed, action, kinds, said
):
    comments = [comment for kind in kinds for comment in mixed[kind]]
    before = states(comments)
    client = browser(sam)

    after_action = bulk(client, action, comments)
    assert said in after_action
    assert states(comments) != before

    page = press_undo(client, *undo_form(after_action))

    assert f"{len(comments)} comments: undone." in page
    assert states(comments) == before
    for comment in comments:
        last = comment.decisions.first()
        assert last.kind == CommentDecision.Kind.UNDONE
        assert last.decided_by == sam


def test_undoing_a_bulk_action_puts_back_only_what_it_changed(sam, mixed):
    """Approving held and already published comments changes only the held."""
    comments = mixed["held"] + mixed["published"]
    client = browser(sam)
    after_action = bulk(client, "approve", comments)
    assert "3 comments approved and published" in after_action

    page = press_undo(client, *undo_form(after_action))

    assert "3 comments: undone." in page
    assert all(comment.is_awaiting_moderation for comment in mixed["held"])
    for comment in mixed["published"]:
        assert comment.is_visible
        assert not comment.decisions.exists()


@pytest.mark.parametrize("seconds_later", [10.5, 60, 3600])
def test_after_10_seconds_a_bulk_undo_is_refused_and_nothing_changes(
    sam, mixed, seconds_later
):
    comments = mixed["held"]
    client = browser(sam)
    form = undo_form(bulk(client, "approve", comments))
    decided = states(comments)

    later = timezone.now() + timedelta(seconds=seconds_later)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = press_undo(client, *form)

    assert "Too late to undo" in page and "Nothing changed." in page
    assert states(comments) == decided


@pytest.mark.parametrize("which", [0, 2])
def test_a_decision_since_on_any_of_them_refuses_the_undo_for_all(
    sam, kim, mixed, which
):
    comments = mixed["reported"]
    client = browser(sam)
    form = undo_form(bulk(client, "remove", comments))
    decide(comments[which].pk, "approve", kim)
    decided = states(comments)

    page = press_undo(client, *form)

    assert re.search(
        rf"Not undone: Kim has since approved the comment by "
        rf"{comments[which].user_name} at \d+:\d\d[ap]m",
        page,
    )
    assert "Nothing changed." in page
    assert states(comments) == decided


def test_another_moderator_cannot_undo_a_bulk_action(sam, kim, mixed):
    comments = mixed["held"]
    action, data = undo_form(bulk(browser(sam), "approve", comments))
    kims = browser(kim)
    decided = states(comments)
    data["csrfmiddlewaretoken"] = [token_on(html(kims.get(queue_url())))]

    page = press_undo(kims, action, data)

    assert "Not undone: only the moderator who decided can undo it" in page
    assert states(comments) == decided


def test_a_bulk_action_that_changed_nothing_offers_no_undo(sam, mixed):
    page = bulk(browser(sam), "keep", mixed["held"])
    assert "0 reported comments kept" in page
    assert "undo-decision" not in page


def test_a_bulk_undo_without_decisions_changes_nothing(sam, mixed):
    client = browser(sam)
    action, data = undo_form(bulk(client, "approve", mixed["held"]))
    decided = states(mixed["held"])
    del data["decision"]
    response = client.post(action, data)
    assert response.status_code == 404
    assert states(mixed["held"]) == decided
