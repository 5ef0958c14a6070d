"""The discussion's work done by the worker, away from readers' requests."""

from django.db import transaction
from django_tasks import task

from .models import ArticleComment
from .notifications import notify_followers


@task()
def tell_followers(comment_id):
    """Queue the follow-ups about a comment, if it is still visible. One
    transaction: a worker killed midway leaves it to be run again whole."""
    with transaction.atomic():
        comment = (
            ArticleComment.objects.filter(pk=comment_id)
            .select_related("article")
            .first()
        )
        if comment is not None and comment.is_visible:
            return notify_followers(comment)
    return 0
