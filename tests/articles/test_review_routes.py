"""Only Publishers publish, schedule, unpublish or change a published
article, on every route the admin has: the add and change forms, the list's
actions and the history's revert. An Editor's attempt is refused with a 403
and saves nothing; the same request from a Publisher does what it says."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.articles.conftest import change_form
from tests.factories import make_article
from tests.helpers import article_form, html

pytestmark = pytest.mark.django_db

ROLES = [("editor", False), ("publisher", True)]
ADD_URL = reverse("admin:articles_article_add")
LIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def later(days=3):
    return timezone.localtime(timezone.now() + timedelta(days=days))


def dated(moment):
    return {
        "published_at_0": moment.strftime("%d/%m/%Y"),
        "published_at_1": moment.strftime("%H:%M:%S"),
    }


def snapshot(article):
    """What readers and editors would notice of a stored article."""
    article = Article.objects.get(pk=article.pk)
    return (
        article.title,
        article.slug,
        article.standfirst,
        article.attribution,
        article.introduction,
        article.status,
        article.published_at.replace(microsecond=0),
        [(p.text, p.perspective_id, p.position) for p in article.points.all()],
        sorted(t.name for t in article.topics.all()),
    )


def refused_or_done(response, allowed):
    if allowed:
        assert response.status_code == 302, response.context and response.context.get(
            "errors"
        )
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role, allowed", ROLES)
@pytest.mark.parametrize("when", ["now", "later"])
def test_only_publishers_publish_or_schedule_from_the_add_form(
    signed_in, perspective, role, allowed, when
):
    moment = timezone.localtime() if when == "now" else later()
    data = article_form([("A point", perspective)], **dated(moment))
    response = signed_in(role).post(ADD_URL, data)
    refused_or_done(response, allowed)
    saved = Article.objects.filter(slug="written-in-the-admin").first()
    if allowed:
        assert saved.state == ("Published" if when == "now" else "Scheduled")
    else:
        assert saved is None


@pytest.mark.parametrize("role, allowed", ROLES)
@pytest.mark.parametrize("when", ["now", "later"])
def test_only_publishers_publish_or_schedule_a_draft_from_its_form(
    signed_in, draft_article, role, allowed, when
):
    before = snapshot(draft_article)
    moment = timezone.localtime() if when == "now" else later()
    data = change_form(draft_article, status="published", **dated(moment))
    refused_or_done(signed_in(role).post(change_url(draft_article), data), allowed)
    draft_article.refresh_from_db()
    if allowed:
        assert draft_article.state == ("Published" if when == "now" else "Scheduled")
    else:
        assert snapshot(draft_article) == before


def published_changes(article):
    """Every change an editor may not make to a published or scheduled
    article, by name."""
    point = article.points.get()
    return {
        "unpublish": {"status": "draft"},
        "mark ready for review": {"status": "ready"},
        "new date": dated(later(10)),
        "title": {"title": "A new title"},
        "slug": {"slug": "a-new-slug"},
        "standfirst": {"standfirst": "A new standfirst."},
        "introduction": {"introduction": "A new introduction."},
        "attribution": {"attribution": "Based on someone else"},
        "topics": {"topics": "Housing"},
        "point text": {"points-0-text": "A changed point"},
        "point order": {"points-0-position": str(point.position + 5)},
        "point added": {
            "points-TOTAL_FORMS": "2",
            "points-1-text": "An added point",
            "points-1-perspective": str(point.perspective_id),
            "points-1-position": "9",
        },
        "point deleted": {"points-0-DELETE": "on"},
    }


@pytest.mark.parametrize("role, allowed", ROLES)
@pytest.mark.parametrize("kind", ["published_article", "scheduled_article"])
def test_only_publishers_change_a_published_or_scheduled_article(
    request, signed_in, role, allowed, kind
):
    article = request.getfixturevalue(kind)
    client = signed_in(role)
    for name, change in published_changes(article).items():
        article.refresh_from_db()
        before = snapshot(article)
        response = client.post(change_url(article), change_form(article, **change))
        if allowed:
            assert response.status_code == 302, name
            # a lone point's position is numbered afresh from 0 when saved
            assert snapshot(article) != before or name == "point order", name
            # put it back for the next change
            Article.objects.filter(pk=article.pk).update(
                status=before[5], published_at=before[6], slug=before[1]
            )
        else:
            assert response.status_code == 403, name
            assert snapshot(article) == before, name


def test_an_editor_sees_a_published_article_read_only_but_may_close_comments(
    signed_in, published_article
):
    editor = signed_in("editor")
    page = html(editor.get(change_url(published_article)))
    assert "Only Publishers can change it" in page
    for field in ("title", "standfirst", "introduction", "status", "points-0-text"):
        assert f'name="{field}"' not in page, field
    assert 'name="allow_comments"' in page

    # what the read-only form posts: the comments switch and the points' ids
    posted = {
        key: value
        for key, value in change_form(published_article).items()
        if key.startswith("points-")
        and not key.endswith(("text", "perspective"))
        and not key.endswith("position")
    }
    response = editor.post(change_url(published_article), {**posted, "_save": "Save"})
    assert response.status_code == 302
    published_article.refresh_from_db()
    assert published_article.allow_comments is False
    assert published_article.is_published


@pytest.mark.parametrize("status", ["draft", "ready"])
def test_an_editor_writes_drafts_and_marks_them_ready_for_review(
    signed_in, perspective, draft_article, status
):
    editor = signed_in("editor")
    data = article_form([("A point", perspective)], status=status)
    assert editor.post(ADD_URL, data).status_code == 302
    assert Article.objects.get(slug="written-in-the-admin").status == status
    change = change_form(draft_article, status=status, title="Retitled draft")
    assert editor.post(change_url(draft_article), change).status_code == 302
    draft_article.refresh_from_db()
    assert (draft_article.status, draft_article.title) == (status, "Retitled draft")


def test_an_editor_is_offered_only_draft_and_ready_for_review(signed_in):
    page = html(signed_in("editor").get(ADD_URL))
    options = page.split('name="status"')[1].split("</select>")[0]
    assert ">Draft</option>" in options
    assert ">Ready for review</option>" in options
    assert "Published" not in options
    publisher_page = html(signed_in("publisher").get(ADD_URL))
    assert ">Published</option>" in publisher_page.split('name="status"')[1]


@pytest.mark.parametrize("role, allowed", ROLES)
@pytest.mark.parametrize(
    "action, start, end",
    [
        ("publish", "draft", "published"),
        ("publish", "ready", "published"),
        ("unpublish", "published", "draft"),
    ],
)
def test_only_publishers_use_the_publish_and_unpublish_actions(
    signed_in, role, allowed, action, start, end
):
    article = make_article(status=start)
    client = signed_in(role)
    listed = html(client.get(LIST_URL))
    assert (f'value="{action}"' in listed) is allowed
    response = client.post(
        LIST_URL, {"action": action, "_selected_action": [article.pk]}
    )
    refused_or_done(response, allowed)
    article.refresh_from_db()
    assert article.status == (end if allowed else start)


def save_twice(client, article, texts):
    for text in texts:
        data = change_form(article, introduction=text)
        assert client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()


@pytest.mark.parametrize("role, allowed", ROLES)
def test_only_publishers_revert_a_published_article(
    signed_in, published_article, role, allowed
):
    save_twice(signed_in("publisher"), published_article, ["First.", "Second."])
    first = Version.objects.get_for_object(published_article).last()
    url = reverse(
        "admin:articles_article_revision", args=[published_article.pk, first.pk]
    )
    client = signed_in(role)
    assert client.get(url).status_code == (200 if allowed else 403)
    response = client.post(url, change_form(published_article, introduction="First."))
    refused_or_done(response, allowed)
    published_article.refresh_from_db()
    assert published_article.introduction == ("First." if allowed else "Second.")


def test_an_editor_cannot_revert_a_draft_to_a_version_that_was_published(
    signed_in, published_article
):
    save_twice(signed_in("publisher"), published_article, ["Live text."])
    was_published = Version.objects.get_for_object(published_article).first()
    Article.objects.filter(pk=published_article.pk).update(status="draft")
    url = reverse(
        "admin:articles_article_revision",
        args=[published_article.pk, was_published.pk],
    )
    editor = signed_in("editor")
    assert editor.get(url).status_code == 403
    data = change_form(published_article, status="published")
    assert editor.post(url, data).status_code == 403
    published_article.refresh_from_db()
    assert published_article.status == "draft"


@pytest.mark.parametrize("role, allowed", ROLES)
def test_only_publishers_recover_a_deleted_published_article(
    signed_in, published_article, role, allowed
):
    save_twice(signed_in("publisher"), published_article, ["Kept text."])
    published_article.delete()
    deleted = Version.objects.get_deleted(Article).get()
    url = reverse("admin:articles_article_recover", args=[deleted.pk])
    assert signed_in(role).get(url).status_code == (200 if allowed else 403)
