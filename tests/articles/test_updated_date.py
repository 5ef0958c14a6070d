"""An article changed after publication says when: "Updated 3 December 2026"
on its page, in JSON-LD and in its feeds. Saves that change nothing readers
read, and changes before publication, are no update."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateformat import format as format_date

from articles.models import Article
from tests.articles.test_metadata import head_of, local_iso
from tests.factories import make_article, make_author
from tests.helpers import article_form, html

pytestmark = pytest.mark.django_db

UPDATED = re.compile(r"Updated <time datetime=\"([^\"]+)\">([^<]+)</time>")


def updated_on_page(client, article):
    found = UPDATED.search(html(client.get(article.get_absolute_url())))
    return found.group(2) if found else None


def today():
    return format_date(timezone.localtime(), "j F Y")


@pytest.fixture
def read_article(perspective):
    return make_article(
        points=[(perspective, "A point made")],
        published_at=timezone.now() - timedelta(days=5),
    )


def test_a_never_edited_article_shows_no_updated_date(client, read_article):
    assert updated_on_page(client, read_article) is None
    [data] = head_of(client, read_article.get_absolute_url()).json_ld
    assert data["dateModified"] == local_iso(read_article.published_at)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "A corrected title"),
        ("standfirst", "A corrected standfirst."),
        ("introduction", "A corrected introduction."),
        ("attribution", "Based on content from someone else"),
        ("lead_image_caption", "A new caption"),
    ],
)
def test_a_change_readers_read_shows_the_updated_date(
    client, read_article, field, value
):
    setattr(read_article, field, value)
    read_article.save()

    assert updated_on_page(client, read_article) == today()
    [data] = head_of(client, read_article.get_absolute_url()).json_ld
    read_article.refresh_from_db()
    assert data["dateModified"] == local_iso(read_article.revised_at)


def test_a_new_author_is_an_update(client, read_article):
    read_article.author = make_author(name="Richard Vize")
    read_article.save()

    assert updated_on_page(client, read_article) == today()


@pytest.mark.parametrize(
    "change",
    [
        lambda article: None,  # saved as it was
        lambda article: setattr(article, "allow_comments", False),
        lambda article: setattr(article, "slug", f"{article.slug}-moved"),
    ],
    ids=["no change", "comments closed", "new address"],
)
def test_a_save_that_changes_nothing_readers_read_is_no_update(
    client, read_article, change
):
    change(read_article)
    read_article.save()

    assert updated_on_page(client, read_article) is None
    assert Article.objects.get().revised_at is None


def test_edits_before_publication_are_no_update(client, perspective):
    draft = make_article(points=[(perspective, "A point")], status=Article.Status.DRAFT)
    draft.title = "Rewritten while a draft"
    draft.save()
    point = draft.points.get()
    point.text = "Rewritten point"
    point.save()

    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()

    assert updated_on_page(client, draft) is None


def test_a_scheduled_article_edited_before_it_goes_live_shows_no_update(
    client, perspective
):
    scheduled = make_article(published_at=timezone.now() + timedelta(hours=1))
    scheduled.title = "Changed before it went live"
    scheduled.save()

    scheduled.published_at = timezone.now() - timedelta(minutes=1)
    scheduled.save()

    assert updated_on_page(client, scheduled) is None


@pytest.mark.parametrize("change", ["text", "perspective", "delete"])
def test_a_changed_or_removed_point_is_an_update(
    client, read_article, councillors, change
):
    point = read_article.points.get()
    if change == "delete":
        point.delete()
    else:
        if change == "text":
            point.text = "A point made better"
        else:
            point.perspective = councillors
        point.save()

    assert updated_on_page(client, Article.objects.get()) == today()


def test_a_point_saved_unchanged_is_no_update(client, read_article):
    read_article.points.get().save()

    assert updated_on_page(client, read_article) is None


def test_an_article_written_in_the_admin_shows_no_update_until_edited(
    publisher_client, client, perspective
):
    response = publisher_client.post(
        "/admin/articles/article/add/",
        article_form(points=[("First point", perspective)], published_at_1="00:00"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.points.count() == 1
    assert updated_on_page(client, article) is None

    point = article.points.get()
    edit = article_form(
        points=[],
        **{
            "points-TOTAL_FORMS": "2",
            "points-INITIAL_FORMS": "1",
            "points-0-id": point.pk,
            "points-0-article": article.pk,
            "points-0-text": "First point",
            "points-0-perspective": perspective.pk,
            "points-0-position": 0,
            "points-1-article": article.pk,
            "points-1-text": "A point added later",
            "points-1-perspective": perspective.pk,
            "points-1-position": 1,
        },
    )
    response = publisher_client.post(
        f"/admin/articles/article/{article.pk}/change/", edit
    )
    assert response.status_code == 302
    assert article.points.count() == 2
    assert updated_on_page(client, article) == today()
