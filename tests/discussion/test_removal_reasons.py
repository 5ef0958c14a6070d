"""A moderator who removes a comment may give a reason from the policy's
list; a commenter who asked for e-mails (the follow-up choice, the only one
the comment form offers) is told it, with a link to the comments policy."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from discussion.models import ArticleComment, CommentDecision, ModerationPolicy
from tests.discussion.test_decision_history import decide_url, make_moderator, page_url
from tests.factories import make_comment
from tests.helpers import html, mail_to

pytestmark = pytest.mark.django_db

DEFAULT_REASONS = [
    "Abusive or offensive",
    "Spam or advertising",
    "Off topic",
    "Shares someone's personal information",
    "Breaks the comments policy",
]


@pytest.fixture
def sams_browser(django_user_model):
    client = Client()
    client.force_login(make_moderator(django_user_model, "sam", "Sam"))
    return client


def test_the_remove_button_offers_the_policys_reasons(sams_browser, published_article):
    comment = make_comment(published_article)

    page = html(sams_browser.get(page_url(comment)))

    select = page.split('<select name="removal_reason"', 1)[1].split("</select>")[0]
    assert '<option value="">No reason: do not tell the commenter</option>' in select
    for reason in DEFAULT_REASONS:
        assert f">{escape(reason)}</option>" in select


@pytest.mark.parametrize("reason", DEFAULT_REASONS)
def test_the_commenter_who_asked_for_emails_is_told_the_reason(
    sams_browser, published_article, mailoutbox, reason
):
    comment = make_comment(
        published_article, user_email="writer@example.org", followup=True
    )

    sams_browser.post(decide_url(comment, "remove"), {"removal_reason": reason})

    comment.refresh_from_db()
    assert comment.is_removed
    assert CommentDecision.objects.get().removal_reason == reason
    [mail] = mail_to(mailoutbox, "writer@example.org")
    assert mail.to == ["writer@example.org"]
    assert "has been removed" in mail.subject
    assert f"The reason given: {reason}" in mail.body
    assert re.search(r"^https?://[^/\s]+/comments-policy/$", mail.body, re.M)


def test_a_held_comment_not_published_is_told_so(
    sams_browser, published_article, mailoutbox
):
    comment = make_comment(
        published_article,
        is_public=False,
        user_email="writer@example.org",
        followup=True,
    )

    sams_browser.post(decide_url(comment, "remove"), {"removal_reason": "Off topic"})

    [mail] = mail_to(mailoutbox, "writer@example.org")
    assert "will not be published" in mail.subject


@pytest.mark.parametrize(
    ("followup", "reason"),
    [(False, "Off topic"), (True, ""), (False, "")],
)
def test_no_email_without_the_commenters_choice_or_a_reason(
    sams_browser, published_article, mailoutbox, followup, reason
):
    comment = make_comment(
        published_article, user_email="writer@example.org", followup=followup
    )

    sams_browser.post(decide_url(comment, "remove"), {"removal_reason": reason})

    assert ArticleComment.objects.get(pk=comment.pk).is_removed
    assert not mail_to(mailoutbox, "writer@example.org")


@pytest.mark.parametrize(
    "forged",
    [
        "Made up by the moderator",
        "Off topic ",
        "off topic",
        "Off topic\nBcc: victim@example.org",
        "x" * 10_000,
        "<script>alert(1)</script>",
    ],
)
def test_a_reason_not_on_the_list_removes_nothing_and_says_why(
    sams_browser, published_article, mailoutbox, forged
):
    comment = make_comment(
        published_article, user_email="writer@example.org", followup=True
    )

    response = sams_browser.post(
        decide_url(comment, "remove"), {"removal_reason": forged}, follow=True
    )

    assert "Choose a reason from the list, or no reason" in html(response)
    assert not ArticleComment.objects.get(pk=comment.pk).is_removed
    assert not CommentDecision.objects.exists()
    assert not mailoutbox


def test_moderators_edit_the_list_of_reasons(
    sams_browser, published_article, mailoutbox
):
    policy_url = reverse(
        "admin:discussion_moderationpolicy_change",
        args=[ModerationPolicy.current().pk],
    )
    form = sams_browser.get(policy_url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data["removal_reasons"] = "Election law\n\n  Trolling  \n"
    assert sams_browser.post(policy_url, data).status_code == 302
    assert ModerationPolicy.current().removal_reason_list() == [
        "Election law",
        "Trolling",
    ]
    comment = make_comment(
        published_article, user_email="writer@example.org", followup=True
    )

    page = html(sams_browser.get(page_url(comment)))
    assert ">Trolling</option>" in page and ">Off topic</option>" not in page
    sams_browser.post(decide_url(comment, "remove"), {"removal_reason": "Off topic"})
    assert not ArticleComment.objects.get(pk=comment.pk).is_removed
    sams_browser.post(decide_url(comment, "remove"), {"removal_reason": "Trolling"})
    assert "The reason given: Trolling" in mailoutbox[-1].body


def test_a_reason_too_long_to_keep_is_refused_by_the_policy(sams_browser):
    policy_url = reverse(
        "admin:discussion_moderationpolicy_change",
        args=[ModerationPolicy.current().pk],
    )
    form = sams_browser.get(policy_url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data["removal_reasons"] = "Fine\n" + "y" * 201

    response = sams_browser.post(policy_url, data)

    assert response.status_code == 200
    assert "Write each reason in 200 characters or fewer" in html(response)
