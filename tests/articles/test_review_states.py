"""An article's state (draft, ready for review, scheduled, published): who
set it and when, in the list and its filter; each change a version with a
comment saying so; and Publishers e-mailed, through the queue, when an
article becomes ready for review."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from background.models import OutgoingMail
from tests.articles.conftest import change_form
from tests.factories import make_article, make_editorial_staff, make_moderator
from tests.helpers import html

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def newest_comment(article):
    return Version.objects.get_for_object(article).first().revision.comment


def mark_ready(client, article):
    data = change_form(article, status="ready")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()


def test_marking_ready_records_who_and_when_and_comments_the_version(
    signed_in, erin, draft_article
):
    mark_ready(signed_in("editor"), draft_article)
    assert draft_article.status_changed_by == erin
    assert timezone.now() - draft_article.status_changed_at < timedelta(minutes=1)
    assert newest_comment(draft_article).startswith(
        "Marked ready for review by Erin Editor"
    )


def test_each_change_of_state_is_a_version_with_its_comment(
    signed_in, pat, draft_article
):
    publisher = signed_in("publisher")
    later = timezone.localtime() + timedelta(days=2, hours=1)
    steps = [
        ({"status": "ready"}, "Marked ready for review by Pat Publisher"),
        (
            {
                "status": "published",
                "published_at_0": later.strftime("%d/%m/%Y"),
                "published_at_1": "10:30:00",
            },
            f"Scheduled for {later.day} {later:%B %Y}, 10:30 by Pat Publisher",
        ),
        (
            {
                "status": "published",
                "published_at_0": timezone.localdate().strftime("%d/%m/%Y"),
                "published_at_1": "00:00:00",
            },
            "Published by Pat Publisher",
        ),
        ({"status": "draft"}, "Unpublished by Pat Publisher"),
    ]
    for fields, comment in steps:
        data = change_form(draft_article, **fields)
        assert publisher.post(change_url(draft_article), data).status_code == 302
        draft_article.refresh_from_db()
        assert newest_comment(draft_article).startswith(comment), comment
        assert draft_article.status_changed_by == pat


def test_a_save_that_keeps_the_state_keeps_who_set_it(signed_in, erin, draft_article):
    mark_ready(signed_in("editor"), draft_article)
    set_at = draft_article.status_changed_at
    data = change_form(draft_article, introduction="Changed words only.")
    assert (
        signed_in("publisher").post(change_url(draft_article), data).status_code == 302
    )
    draft_article.refresh_from_db()
    assert (draft_article.status_changed_by, draft_article.status_changed_at) == (
        erin,
        set_at,
    )
    assert "by" not in newest_comment(draft_article)


@pytest.mark.parametrize(
    "action, status, comment",
    [
        ("publish", "ready", "Published by Pat Publisher"),
        ("unpublish", "published", "Unpublished by Pat Publisher"),
    ],
)
def test_the_list_actions_record_and_comment_the_change(
    signed_in, pat, action, status, comment
):
    article = make_article(status=status)
    signed_in("publisher").post(
        LIST_URL, {"action": action, "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status_changed_by == pat
    assert newest_comment(article) == comment


@pytest.fixture
def one_of_each():
    now = timezone.now()
    return {
        "draft": make_article(title="A draft", status="draft"),
        "ready": make_article(title="Awaiting review", status="ready"),
        "scheduled": make_article(
            title="Coming soon", published_at=now + timedelta(days=1)
        ),
        "published": make_article(title="Out now"),
    }


@pytest.mark.parametrize("state", ["draft", "ready", "scheduled", "published"])
def test_the_list_filters_by_state(signed_in, one_of_each, state):
    page = html(signed_in("editor").get(LIST_URL, {"state": state}))
    titles = set(re.findall(r'<th class="field-title"><a [^>]*>([^<]*)</a>', page))
    assert titles == {one_of_each[state].title}


def test_the_list_names_each_state_and_who_set_it(signed_in, erin, one_of_each):
    Article.objects.filter(pk=one_of_each["ready"].pk).update(
        status_changed_by=erin, status_changed_at=timezone.now()
    )
    page = html(signed_in("editor").get(LIST_URL))
    for state in ("Draft", "Ready for review", "Scheduled", "Published"):
        assert f'<td class="field-state">{state}</td>' in page
    today = timezone.localdate()
    assert (
        f'<td class="field-status_set_by">Erin Editor, {today.day} '
        f"{today:%B %Y}</td>" in page
    )
    filters = html(signed_in("editor").get(LIST_URL))
    for choice in ("Draft", "Ready for review", "Scheduled", "Published"):
        assert f">{choice}</a>" in filters


@pytest.fixture
def staff(django_user_model, erin, pat):
    """Two Publishers, an Editor, a Moderator and a superuser in no group."""
    return {
        "pat": pat,
        "priya": make_editorial_staff(
            django_user_model, "priya", "Priya", "Publishers"
        ),
        "erin": erin,
        "mo": make_moderator(django_user_model, "mo", "Mo"),
        "root": django_user_model.objects.create_superuser(
            "root", "root@example.org", "pass-for-tests-1"
        ),
    }


def test_every_publisher_and_nobody_else_is_emailed_when_an_article_is_ready(
    mailoutbox, signed_in, staff, draft_article
):
    Article.objects.filter(pk=draft_article.pk).update(title="Leading <together>")
    draft_article.refresh_from_db()
    mark_ready(signed_in("editor"), draft_article)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "pat@example.org",
        "priya@example.org",
    ]
    rows = OutgoingMail.objects.filter(event__startswith="ready-for-review:")
    assert sorted(rows.values_list("recipient", flat=True)) == [
        "pat@example.org",
        "priya@example.org",
    ]
    assert len(set(rows.values_list("event", flat=True))) == 1
    message = mailoutbox[0]
    assert message.subject == "[Insight] Ready for review: Leading <together>"
    assert "Erin Editor has marked an article ready for review" in message.body
    assert "Leading <together>" in message.body  # plain text, not escaped
    assert f"/admin/articles/article/{draft_article.pk}/change/" in message.body
    assert message.content_subtype == "plain"


def test_publishers_hear_once_and_not_of_their_own_request(
    mailoutbox, signed_in, staff, draft_article
):
    mark_ready(signed_in("publisher"), draft_article)
    assert [m.to[0] for m in mailoutbox] == ["priya@example.org"]
    # saved again while ready: no one is told again
    data = change_form(draft_article, introduction="Tidied.")
    signed_in("editor").post(change_url(draft_article), data)
    assert len(mailoutbox) == 1


def test_an_article_added_ready_for_review_tells_the_publishers(
    mailoutbox, signed_in, staff, perspective
):
    from tests.helpers import article_form

    data = article_form([("A point", perspective)], status="ready")
    signed_in("editor").post(reverse("admin:articles_article_add"), data)
    article = Article.objects.get(slug="written-in-the-admin")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "pat@example.org",
        "priya@example.org",
    ]
    assert f"/admin/articles/article/{article.pk}/change/" in mailoutbox[0].body


def test_staff_previewing_an_article_ready_for_review_are_told_so(
    signed_in, draft_article
):
    Article.objects.filter(pk=draft_article.pk).update(status="ready")
    page = html(signed_in("editor").get(draft_article.get_absolute_url()))
    assert "Ready for review – not published yet" in page
