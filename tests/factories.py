"""Test data, saved straight to the database: one factory per model."""

import itertools
from datetime import timedelta
from importlib import import_module
from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment
from PIL import Image

from articles.models import ArgumentPoint, Article, Author, MediaPicture, Perspective
from discussion.counting import recount
from discussion.models import ArticleComment, ModerationPolicy, PendingComment

_sequence = itertools.count(1)


def make_perspective(**overrides):
    number = next(_sequence)
    fields = {"name": f"Perspective {number}", "slug": f"perspective-{number}"}
    fields.update(overrides)
    return Perspective.objects.create(**fields)


def make_author(**overrides):
    number = next(_sequence)
    fields = {"name": f"Author {number}", "slug": f"author-{number}"}
    fields.update(overrides)
    return Author.objects.create(**fields)


def image_upload(name="photo.jpg", size=(1600, 900), kind="JPEG", **save_options):
    """A picture made in memory, as a browser would upload it."""
    out = BytesIO()
    mode = "RGBA" if kind == "PNG" else "RGB"
    Image.new(mode, size, (30, 120, 200)).save(out, kind, **save_options)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def make_media_picture(size=(1600, 900), **overrides):
    """A picture in the media library, stored with its renditions."""
    fields = {
        "image": image_upload(size=size),
        "alt_text": "Councillors and staff around a table",
        "caption": "The first meeting of the partnership board.",
        "credit": "Photo: Jo Bloggs",
    }
    fields.update(overrides)
    return MediaPicture.objects.create(**fields)


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


def make_many_comments(article, threads, replies_each=0, **overrides):
    """Published threads of comments, inserted in bulk: thousands of saves,
    each threaded by xtd with several queries, would take minutes. Each thread
    is a top-level comment and its direct replies; returns the comments."""
    content_type = ContentType.objects.get_for_model(article)
    comments = []
    for thread in range(threads):
        for reply in range(1 + replies_each):
            number = next(_sequence)
            fields = {
                "article": article,
                "content_type": content_type,
                "object_pk": str(article.pk),
                "site_id": 1,
                "user_name": f"Reader {number}",
                "user_email": f"reader{number}@example.org",
                "comment": f"Comment number {number}.",
                "submit_date": timezone.now() - timedelta(minutes=threads - thread),
                "level": 1 if reply else 0,
                "order": 1 + reply,
            }
            fields.update(overrides)
            comments.append(ArticleComment(**fields))
    # Comment (django_comments' table) takes bulk_create, which sets the ids;
    # the two tables below it take their rows as they are.
    Comment.objects.bulk_create(comments)
    for comment in comments:
        if comment.level == 0:
            top = comment
        comment.comment_ptr_id = comment.xtdcomment_ptr_id = comment.id
        comment.thread_id = top.id
        comment.parent_id = top.id
        comment.remember_looks()
    _insert_rows(XtdComment, comments)
    _insert_rows(ArticleComment, comments)
    # rows inserted as they are pass no receivers: count them as operators do
    recount(article.pk)
    return comments


def _insert_rows(model, objects):
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})",
            [
                [
                    field.get_db_prep_save(field.pre_save(obj, True), connection)
                    for field in fields
                ]
                for obj in objects
            ],
        )


def moderators_group():
    """The Moderators group as the migrations made it, made again if need be:
    a test that empties the database (transaction=True) takes it away."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    for module, grant in [
        ("0004_staff_groups", "make_groups"),
        ("0017_commenters", "let_moderators_ban"),
        ("0018_moderator_alerts", "grant_moderators"),
    ]:
        getattr(import_module(f"discussion.migrations.{module}"), grant)(apps, None)
    return Group.objects.get(name="Moderators")


def make_moderator(django_user_model, username, first_name):
    """A member of the Moderators group the migration made."""
    group = moderators_group()
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", first_name=first_name, is_staff=True
    )
    user.groups.add(group)
    return user


def make_editorial_staff(django_user_model, username, first_name, group_name):
    """A member of the Editors or Publishers group as the migrations made them."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    # the groups again, with what later migrations granted them: a test that
    # empties the database (transaction=True) takes them away
    import_module("discussion.migrations.0004_staff_groups").make_groups(apps, None)
    articles = "articles.migrations."
    for module, grant in [
        ("0009_authors_and_lead_images", "let_editors_manage_authors"),
        ("0010_topics_related_articles", "let_editors_manage_topics"),
        ("0018_review_before_publishing", "make_publishers"),
    ]:
        getattr(import_module(articles + module), grant)(apps, None)
    user = django_user_model.objects.create_user(
        username,
        f"{username}@example.org",
        "pass-for-tests-1",
        first_name=first_name,
        last_name=group_name.removesuffix("s"),
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def make_expired_pending_comment(article, now):
    """A comment sent a month ago whose confirmation link ran out a week
    later, never confirmed: what the daily purge removes."""
    return PendingComment.objects.create(
        article=article,
        user_name="Late",
        user_email="late@example.org",
        comment="Never confirmed.",
        digest="d" * 64,
        submitted_at=now - timedelta(days=30),
        expires_at=now - timedelta(days=23),
    )
