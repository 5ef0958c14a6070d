"""Moderators deciding on one comment at the same moment, over real HTTP with
a thread each: one decision is made, and everyone else is told who made it
("Already approved by Sam at 4:26pm"). On SQLite and on PostgreSQL alike."""

import importlib
import re

import pytest
from django.contrib.auth.models import Group

from discussion.models import ArticleComment, CommentDecision
from tests.factories import make_comment
from tests.platform.servers import Browser
from tests.platform.test_concurrency import all_at_once

pytestmark = pytest.mark.django_db(transaction=True)

MODERATORS = ["Sam", "Priya", "Ade", "Jo", "Kim", "Lee"]
PASSWORD = "right-password-1"


@pytest.fixture
def moderators(live_server, django_user_model):
    """A signed-in browser for each member of the Moderators group."""
    from django.apps import apps

    migration = importlib.import_module("discussion.migrations.0004_staff_groups")
    migration.make_groups(apps, None)
    group = Group.objects.get(name="Moderators")
    browsers = {}
    for name in MODERATORS:
        user = django_user_model.objects.create_user(
            name.lower(), f"{name.lower()}@example.org", PASSWORD, first_name=name
        )
        user.is_staff = True
        user.save()
        user.groups.add(group)
        browser = Browser(live_server.url)
        browser.sign_in(name.lower(), PASSWORD)
        browsers[name] = browser
    return browsers


def decide_path(comment, decision):
    return f"/admin/discussion/articlecomment/{comment.pk}/decide/{decision}/"


def seen_marker(page, comment):
    return re.search(
        rf'formaction="{decide_path(comment, "remove")}" name="seen" value="([^"]+)"',
        page,
    )[1]


def messages_after(browser, path):
    """The messages shown, without the Undo button a decision's message has."""
    page = browser.get(path).text
    shown = re.findall(r'<li class="(?:success|warning|error|info)">(.*?)</li>', page)
    return [
        re.sub(r'\s*<form [^>]*class="undo-decision".*</form>', "", m) for m in shown
    ]


@pytest.mark.parametrize(
    ("with_marker", "decisions"),
    [
        (True, ("approve", "remove")),  # buttons from the page as it was
        (False, ("approve",)),  # the same decision, from bulk actions
    ],
)
def test_moderators_deciding_at_once_make_one_decision_and_hear_who_made_it(
    moderators, published_article, mailoutbox, with_marker, decisions
):
    comment = make_comment(
        published_article,
        is_public=False,
        user_email="writer@example.org",
        followup=True,
    )
    queue = "/admin/discussion/articlecomment/"
    seen = {
        name: seen_marker(browser.get(queue).text, comment)
        for name, browser in moderators.items()
    }
    choices = {name: decisions[i % len(decisions)] for i, name in enumerate(MODERATORS)}

    def press(number):
        name = MODERATORS[number]
        data = {"seen": seen[name]} if with_marker else {}
        if choices[name] == "remove":
            data["removal_reason"] = "Off topic"
        browser = moderators[name]
        response = browser.request(
            "POST",
            decide_path(comment, choices[name]),
            data=data,
            headers={"Referer": f"{browser.origin}{queue}"},
        )
        return response.status

    statuses = all_at_once(len(MODERATORS), press)

    assert statuses == [302] * len(MODERATORS)
    [decision] = CommentDecision.objects.filter(comment=comment)
    decider = decision.decided_by.first_name
    heard = {
        name: messages_after(browser, queue) for name, browser in moderators.items()
    }
    assert heard[decider] == [
        f"Comment by {comment.user_name}: {decision.get_kind_display()}."
    ]
    kind = decision.get_kind_display().lower()
    for name, messages in heard.items():
        if name == decider:
            continue
        [message] = messages
        assert re.fullmatch(
            rf"Comment by {re.escape(comment.user_name)}: Already {kind} by "
            rf"{decider} at \d{{1,2}}:\d\d[ap]m\. Nothing changed\.",
            message,
        ), message
    stored = ArticleComment.objects.get(pk=comment.pk)
    assert stored.moderated_by == decision.decided_by
    # the commenter hears once, whichever decision was made
    assert len([m for m in mailoutbox if "writer@example.org" in m.to]) == 1
