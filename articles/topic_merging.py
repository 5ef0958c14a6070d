"""Merging topics: one topic kept, the others' articles moved to it and the
others deleted. Nothing readers had is lost: each old topic's address leads
to the kept one for good, and each article moved gets a version in its
history saying so."""

import json

import reversion
from django.db import transaction
from django.db.models import Q
from reversion.models import Version

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
        _versions_follow_merge(kept, others)
        names = ", ".join(f"“{topic}”" for topic in others)
        Topic.objects.filter(pk__in=[topic.pk for topic in others]).delete()
        for article in moved:
            reversion.add_to_revision(article)
        reversion.set_comment(f"Topics {names} merged into “{kept}”.")
        if user is not None:
            reversion.set_user(user)
    return moved


def _versions_follow_merge(kept, others):
    """Earlier versions of articles had the merged topics: they have the kept
    one instead, so going back to one restores no deleted topic (and, where
    a version had two of them, just one row for the kept topic)."""
    merged = {topic.pk for topic in others}
    mentions = Q()
    for pk in merged:
        mentions |= Q(serialized_data__contains=f'"tag": {pk}')
    versions = Version.objects.get_for_model(ArticleTopic).filter(
        mentions, format="json"
    )
    kept_in_revision = set()
    for version in Version.objects.get_for_model(ArticleTopic).filter(
        format="json", serialized_data__contains=f'"tag": {kept.pk}'
    ):
        fields = json.loads(version.serialized_data)[0]["fields"]
        if fields["tag"] == kept.pk:
            kept_in_revision.add((version.revision_id, fields["content_object"]))
    for version in versions.order_by("pk"):
        data = json.loads(version.serialized_data)
        fields = data[0]["fields"]
        if fields["tag"] not in merged:
            continue  # "tag": 12 matched "tag": 1
        held = (version.revision_id, fields["content_object"])
        if held in kept_in_revision:
            version.delete()
            continue
        kept_in_revision.add(held)
        fields["tag"] = kept.pk
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])
