"""The duplicate check finds the same words in any disguise by index: one
query however long the discussion, and comments stored before the digests
existed are found too."""

import importlib

from django.apps import apps

from discussion.models import ArticleComment
from discussion.publishing import is_duplicate
from tests.factories import make_comment, make_many_comments

remember_looks = importlib.import_module(
    "discussion.migrations.0014_comment_looks"
).remember_looks


def test_the_duplicate_check_is_one_query_however_many_comments(
    published_article, django_assert_num_queries
):
    make_many_comments(published_article, threads=300)
    make_comment(published_article, comment="Publish the minutes sooner.")
    with django_assert_num_queries(1):
        assert is_duplicate(published_article.pk, "PUBLISH  the minutes\u200b sooner.")
    with django_assert_num_queries(1):
        assert not is_duplicate(published_article.pk, "Publish the agenda sooner.")


def test_comments_stored_before_the_digests_are_found_once_migrated(
    published_article,
):
    make_comment(published_article, comment="Publish the minutes sooner.")
    ArticleComment.objects.update(text_look="", shape_look="")
    disguise = "Publish the m\u0456nutes sooner."  # Cyrillic i
    assert not is_duplicate(published_article.pk, disguise)
    remember_looks(apps, None)
    assert is_duplicate(published_article.pk, disguise)
