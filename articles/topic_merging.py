"""Merging topics: one topic kept, the others' articles moved to it and the
others deleted. Nothing readers had is lost: each old topic's address leads
to the kept one for good, and each article moved gets a version in its
history saying so."""

import reversion
from django.db import transaction

from .models import Article, ArticleTopic, Topic, TopicRedirect


def merge_topics(kept, others, user=None):
    """Merge `others` into `kept`; returns the articles moved."""
    others = [topic for topic in others if topic.pk != kept.pk]
    if not others:
        return []
    with transaction.atomic(), reversion.create_revision():
        links = ArticleTopic.objects.filter(tag__in=others)
        moved = list(Article.objects.filter(article_topics__in=links).distinct())
        already = ArticleTopic.objects.filter(tag=kept).values("content_object")
        links.filter(content_object__in=already).delete()
        # one row per article, whichever merged topic it came from
        for link in links.order_by("content_object_id", "id"):
            if not ArticleTopic.objects.filter(
                tag=kept, content_object_id=link.content_object_id
            ).exists():
                link.tag = kept
                link.save(update_fields=["tag"])
        TopicRedirect.objects.filter(topic__in=others).update(topic=kept)
        for topic in others:
            TopicRedirect.objects.update_or_create(
                old_slug=topic.slug, defaults={"topic": kept}
            )
        names = ", ".join(f"“{topic}”" for topic in others)
        Topic.objects.filter(pk__in=[topic.pk for topic in others]).delete()
        for article in moved:
            reversion.add_to_revision(article)
        reversion.set_comment(f"Topics {names} merged into “{kept}”.")
        if user is not None:
            reversion.set_user(user)
    return moved
