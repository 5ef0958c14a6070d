import itertools
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import ArgumentPoint, Article, Perspective

_sequence = itertools.count(1)


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # the manifest only exists after collectstatic
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


def clear_caches():
    from django.core.cache import caches

    for each in caches.all():
        each.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    clear_caches()
    yield
    clear_caches()


def make_perspective(**overrides):
    number = next(_sequence)
    fields = {"name": f"Perspective {number}", "slug": f"perspective-{number}"}
    fields.update(overrides)
    return Perspective.objects.create(**fields)


def make_article(points=(), **overrides):
    """An article; points is a list of (perspective, text) pairs in order."""
    number = next(_sequence)
    fields = {
        "title": f"Article {number}",
        "slug": f"article-{number}",
        "standfirst": f"Standfirst of article {number}.",
        "introduction": "Introduction.",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
    }
    fields.update(overrides)
    article = Article.objects.create(**fields)
    for position, (perspective, text) in enumerate(points):
        ArgumentPoint.objects.create(
            article=article, perspective=perspective, text=text, position=position
        )
    return article


@pytest.fixture
def perspective(db):
    return make_perspective(name="Frontline staff", slug="frontline-staff")


@pytest.fixture
def published_article(db, perspective):
    return make_article(
        title="Published piece",
        slug="published-piece",
        points=[(perspective, "Everyone in the system demonstrates leadership")],
    )


@pytest.fixture
def draft_article(db, perspective):
    return make_article(
        title="Draft piece",
        slug="draft-piece",
        status=Article.Status.DRAFT,
        points=[(perspective, "A secret draft point")],
    )


@pytest.fixture
def scheduled_article(db, perspective):
    return make_article(
        title="Scheduled piece",
        slug="scheduled-piece",
        published_at=timezone.now() + timedelta(days=3),
        points=[(perspective, "A point scheduled for later")],
    )


@pytest.fixture
def editor(db, django_user_model):
    """Staff who may add and change articles, nothing else."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "pass-for-tests-1", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=[
                "add_article",
                "change_article",
                "view_article",
                "add_argumentpoint",
                "change_argumentpoint",
                "delete_argumentpoint",
                "view_argumentpoint",
                "add_perspective",
                "change_perspective",
                "view_perspective",
            ],
        )
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(db, django_user_model, client):
    """Staff who may look at articles in the admin but not change them."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "viewer", "viewer@example.org", "pass-for-tests-1", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles", codename="view_article"
        )
    )
    client.force_login(user)
    return client


def main_content(response):
    """The HTML inside <main>, where each page says what it is for."""
    html = response.content.decode()
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def listed_titles(response):
    """The article titles on an index page, top to bottom."""
    return re.findall(
        r'class="article-summary__title"><a href="[^"]*">([^<]*)</a>',
        response.content.decode(),
    )


def make_comment(article, parent=None, **overrides):
    """A comment saved straight to the database (published unless told),
    threaded by xtd under parent when one is given."""
    from django.contrib.contenttypes.models import ContentType

    from discussion.models import ArticleComment

    number = next(_sequence)
    fields = {
        "article": article,
        "content_type": ContentType.objects.get_for_model(article),
        "object_pk": str(article.pk),
        "site_id": 1,
        "user_name": f"Reader {number}",
        "user_email": f"reader{number}@example.org",
        "comment": f"Comment number {number}.",
        "parent_id": parent.pk if parent else 0,
    }
    fields.update(overrides)
    comment = ArticleComment(**fields)
    comment.save()
    return comment


def comment_form_data(article, **fields):
    """What the comment box sends: its signed hidden fields plus the reader's
    input. perspective and point may be objects or pks; followup a bool."""
    from discussion.forms import CommentForm

    initial = CommentForm(article).initial
    data = {
        name: initial[name]
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update(
        reply_to=0,
        comment="A thoughtful comment.",
        name="Alex",
        email="alex@example.org",
        honeypot="",
        perspective="",
        point="",
    )
    followup = fields.pop("followup", False)
    if followup:
        data["followup"] = "on"
    for key, value in fields.items():
        data[key] = getattr(value, "pk", value)
    return data


def post_comment(client, article, **fields):
    """Send the comment box for article, as a reader's browser would."""
    from django.urls import reverse

    return client.post(reverse("discussion:post"), comment_form_data(article, **fields))


@pytest.fixture
def moderator(db, django_user_model):
    """Staff who may see and change comments: the moderation queue."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "pass-for-tests-1", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="discussion",
            codename__in=["view_articlecomment", "change_articlecomment"],
        )
    )
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
