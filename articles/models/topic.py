"""Topics: subjects articles are about (django-taggit tags, linked to articles
by ArticleTopic), each with a page and a feed.

A topic is one topic however it is typed: "housing", "HOUSING", " Housing "
and "Housing" with a non-breaking space or composed differently are the same
one, which keeps the spelling it was first given."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import NaturalKeyManager, TagBase

from .article import Article
from .article_topic import ArticleTopic

WHITESPACE = re.compile(r"\s+")


def tidied(name):
    """A topic's name as kept: composed (NFC), with single spaces (a
    non-breaking space is one) and none at either end. Compatibility forms
    ("＜b＞", "ﬁ") stay as typed; only the folded name compares them."""
    return WHITESPACE.sub(" ", unicodedata.normalize("NFC", str(name))).strip()


def folded(name):
    """What two names of one topic share: the tidied name without case."""
    return unicodedata.normalize("NFKC", tidied(name).casefold())


class TopicQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Topics readers can see: those of at least one published article."""
        return self.filter(
            Exists(
                ArticleTopic.objects.filter(
                    tag=OuterRef("pk"), content_object__in=Article.objects.published()
                )
            )
        )

    def named(self, name):
        """The topic of that name, ignoring case and spacing; made if new."""
        existing = self.filter(folded_name=folded(name)).first()
        if existing:
            return existing
        try:
            with transaction.atomic():
                return self.create(name=tidied(name))
        except IntegrityError:  # made meanwhile by another editor
            return self.get(folded_name=folded(name))


class Topic(TagBase):
    """A subject articles are about, such as housing or integrated care."""

    # one topic per name whatever its case, in Unicode (SQLite's lower() knows
    # only ASCII, so the database compares this, kept by save())
    folded_name = models.CharField(max_length=100, unique=True, editable=False)

    objects = NaturalKeyManager.from_queryset(TopicQuerySet)()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="topic_name_unique_ignoring_case",
                violation_error_message="There is already a topic of that name.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = tidied(self.name)
        self.folded_name = folded(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})

    def clean(self):
        self.name = tidied(self.name)
        same = Topic.objects.filter(folded_name=folded(self.name)).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError(
                {
                    "name": f"There is already a topic called “{same.first()}”. "
                    "Use that one, or merge the two."
                }
            )

    def slugify(self, tag, i=None):
        # plain ASCII, as the <slug:slug> converter of the topic's address expects
        # short enough for a number to follow within the slug's 100 characters
        slug = slugify(tag)[:90].strip("-") or "topic"
        return f"{slug}_{i}" if i is not None else slug


class TopicRedirect(models.Model):
    """The address of a topic merged into another, which now leads there."""

    old_slug = models.SlugField(max_length=100, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"/topics/{self.old_slug}/ → {self.topic}"
