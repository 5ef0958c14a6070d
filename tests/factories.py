"""Test data, saved straight to the database: one factory per model."""

import itertools
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from articles.models import ArgumentPoint, Article, Perspective
from discussion.models import ArticleComment, ModerationPolicy

_sequence = itertools.count(1)


def make_perspective(**overrides):
    number = next(_sequence)
    fields = {"name": f"Perspective {number}", "slug": f"perspective-{number}"}
    fields.update(overrides)
    return Perspective.objects.create(**fields)


def make_article(points=(), **overrides):
    """A published article; points is a list of (perspective, text) pairs in order."""
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


def make_comment(article, parent=None, **overrides):
    """A comment saved straight to the database (published unless told),
    threaded by xtd under parent when one is given."""
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


def set_policy(**fields):
    """Change the moderation policy as a moderator would, and return it."""
    policy = ModerationPolicy.current()
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.save()
    return policy
