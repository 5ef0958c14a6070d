"""The discussion's counts, kept in step as comments change (counting.py), so
an article page reads its counts and its page of threads from a few indexed
rows, whatever the length of its discussion."""

from typing import NamedTuple

from django.db import models
from django.db.models import Q, Sum

from articles.models import ArgumentPoint, Article, Perspective


class Counted(NamedTuple):
    """Where a visible comment is counted: its row of DiscussionCount and its
    ThreadCount, named as the comment's columns."""

    article_id: int
    perspective_id: int | None
    point_id: int | None
    stance: str
    is_featured: bool
    thread_id: int


class DiscussionCount(models.Model):
    """How many visible comments an article has from one perspective on one
    argument point (either may be none)."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="discussion_counts",
        db_index=False,  # the unique constraints start with it
    )
    perspective = models.ForeignKey(
        Perspective,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="discussion_counts",
    )
    point = models.ForeignKey(
        ArgumentPoint,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="discussion_counts",
        verbose_name="argument point",
    )
    # as the comments' own fields (ArticleComment.Stance; "" for none): the
    # article's stances per point and its featured comments are counted too
    stance = models.CharField(max_length=10, blank=True, default="")
    is_featured = models.BooleanField(default=False)
    comments = models.IntegerField(default=0)

    class Meta:
        ordering = ["article", "perspective", "point"]
        # One row for each combination. A unique constraint treats empty
        # values as all different, so each pattern of empty ones has its own.
        constraints = [
            models.UniqueConstraint(
                fields=["article", "perspective", "point", "stance", "is_featured"],
                name="one_count_per_perspective_point",
            ),
            models.UniqueConstraint(
                fields=["article", "perspective", "stance", "is_featured"],
                condition=Q(point__isnull=True),
                name="one_count_per_perspective",
            ),
            models.UniqueConstraint(
                fields=["article", "point", "stance", "is_featured"],
                condition=Q(perspective__isnull=True),
                name="one_count_per_point",
            ),
            models.UniqueConstraint(
                fields=["article", "stance", "is_featured"],
                condition=Q(perspective__isnull=True, point__isnull=True),
                name="one_count_without_either",
            ),
        ]

    def __str__(self):
        return f"{self.comments} comments on article {self.article_id}"


class ThreadCount(models.Model):
    """How many visible comments one thread of an article's discussion has;
    a thread is shown while it has any."""

    # xtd's thread id: its first comment's id, kept by the replies if that
    # comment is deleted
    thread_id = models.IntegerField(primary_key=True)
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="thread_counts",
        db_index=False,  # shown_thread_idx starts with it
    )
    comments = models.IntegerField(default=0)

    class Meta:
        ordering = ["thread_id"]
        indexes = [
            # an article's shown threads in order: its pages, and the page a
            # comment is on
            models.Index(
                fields=["article", "thread_id"],
                condition=Q(comments__gt=0),
                name="shown_thread_idx",
            ),
        ]

    def __str__(self):
        return f"Thread {self.thread_id}"


class DiscussionSize(models.Model):
    """How many threads of an article's discussion have something visible:
    its number of pages."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="discussion_size",
    )
    threads = models.IntegerField(default=0)

    class Meta:
        ordering = ["article"]

    def __str__(self):
        return f"{self.threads} threads on article {self.article_id}"


def comments_on(articles, by="article"):
    """{article id: its visible comments} for these articles, from the kept
    counts, so a list costs the same however long its discussions are; with
    by="perspective", {perspective id: comments from it on these articles}."""
    return dict(
        DiscussionCount.objects.filter(article__in=articles)
        .order_by()
        .values_list(by)
        .annotate(comments=Sum("comments"))
    )
