"""Readers' comments: the comment model, its stances, and the rules for which
comments readers see and moderators hold."""

import hashlib

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from articles.models import ArgumentPoint, Article, Perspective

from ..locking import lock_discussions
from ..normalise import skeletons
from ..signals import comments_updated
from .counts import Counted
from .pending import recipient_digest
from .reports import CommentReport


def visible_to_readers(relation=""):
    """The rule for comments readers may see: confirmed, approved and not
    removed. `relation` reaches the comments from another model ("comments")."""
    prefix = f"{relation}__" if relation else ""
    return Q(**{f"{prefix}is_public": True, f"{prefix}is_removed": False})


def awaiting_moderation(relation=""):
    """The rule for comments held for a moderator: not public, not removed."""
    prefix = f"{relation}__" if relation else ""
    return Q(**{f"{prefix}is_public": False, f"{prefix}is_removed": False})


# What the discussion's counts depend on (counting.py): whether a comment is
# visible, and where it is counted. The columns, as stored ("point_id").
COUNTED_FIELDS = ("is_public", "is_removed", *Counted._fields)


# What readers never see of a comment: a bulk update() of these alone changes
# no count and no page.
UNSEEN_FIELDS = frozenset(
    {
        "ip_address",
        "user_email",
        "followers_notified_at",
        "held_reason",
        "held_phrase",
        "moderated_at",
        "moderated_by",
        "moderated_by_id",
        "original_comment",
        "commenter",
    }
)


def counted_names(model):
    """COUNTED_FIELDS under every name update() takes: "point" and "point_id"."""
    fields = [model._meta.get_field(column) for column in COUNTED_FIELDS]
    return {name for field in fields for name in (field.name, field.attname)}


class ArticleCommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(visible_to_readers())

    def awaiting_moderation(self):
        return self.filter(awaiting_moderation())

    def reported(self):
        """Comments reported since a moderator last decided on them."""
        return self.filter(
            Exists(CommentReport.objects.unresolved().filter(comment=OuterRef("pk")))
        )

    def featured(self):
        """Comments moderators chose, as readers may see them."""
        return self.visible().filter(is_featured=True)

    def on_published_articles(self):
        return self.filter(article__in=Article.objects.published())

    def update(self, **kwargs):
        """A bulk change to comments as readers see them has the articles it
        touches recounted and their pages rendered afresh (receivers.py):
        update() saves no comment, and so fires no receiver. bulk_update()
        comes through here too."""
        if UNSEEN_FIELDS.issuperset(kwargs):
            return super().update(**kwargs)
        moves_article = not {"article", "article_id"}.isdisjoint(kwargs)
        with transaction.atomic():
            rows = self.order_by()
            articles = set(rows.values_list("article_id", flat=True).distinct())
            lock_discussions(articles)
            moved = list(rows.values_list("pk", flat=True)) if moves_article else []
            updated = super().update(**kwargs)
            if moved:  # to an article, or to bulk_update()'s CASE of articles
                moved_to = self.model._base_manager.filter(pk__in=moved)
                articles.update(moved_to.values_list("article_id", flat=True))
            comments_updated.send(
                self.model,
                articles=articles,
                counted=not counted_names(self.model).isdisjoint(kwargs),
            )
        return updated

    def commenter_counts(self, commenters):
        """{commenter: their comments published, removed and ever reported,
        and when first and last seen}, for each of these commenters, in one
        grouped query read by the commenter index."""
        ever_reported = Exists(CommentReport.objects.filter(comment=OuterRef("pk")))
        rows = (
            self.filter(commenter__in=set(commenters) - {""})
            .order_by()
            .values("commenter")
            .annotate(
                published=Count("pk", filter=visible_to_readers()),
                removed=Count("pk", filter=Q(is_removed=True)),
                reported=Count("pk", filter=Q(ever_reported)),
                first_seen=Min("submit_date"),
                last_seen=Max("submit_date"),
            )
        )
        return {row.pop("commenter"): row for row in rows}

    def count_by(self, field, **filters):
        """{field's value: comments}, counted in one grouped query."""
        return dict(
            self.filter(**filters)
            .order_by()
            .values_list(field)
            .annotate(count=Count("pk"))
        )


class ShownCommentMixin:
    """What a comment and the discussion's light copy of it both answer."""

    __slots__ = ()

    @property
    def anchor(self):
        return f"c{self.pk}"

    @property
    def is_visible(self):
        """The instance's side of visible_to_readers()."""
        return self.is_public and not self.is_removed


class Stance(models.TextChoices):
    """Where a comment stands on the argument point it responds to."""

    AGREE = "agree", "Agree"
    DISAGREE = "disagree", "Disagree"
    MIXED = "mixed", "Mixed views"


# How a byline says it, in words: never colour alone.
STANCE_PHRASES = {
    Stance.AGREE: "agrees with this point",
    Stance.DISAGREE: "disagrees with this point",
    Stance.MIXED: "has mixed views on this point",
}


def looks_of(text):
    """Digests of the two ways the text looks (normalise.skeletons): a
    comment that matches another in either is the same comment to a reader."""
    return tuple(hashlib.sha256(look.encode()).hexdigest() for look in skeletons(text))


class ArticleComment(ShownCommentMixin, XtdComment):
    """A reader's comment on an article, written from an optional perspective."""

    Stance = Stance

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="comments",
        db_index=False,  # comment_article_idx starts with it
    )
    perspective = models.ForeignKey(
        Perspective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        help_text="The perspective the commenter writes from.",
    )
    point = models.ForeignKey(
        ArgumentPoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="argument point",
        help_text="The argument point the comment responds to.",
    )
    stance = models.CharField(
        max_length=10,
        choices=Stance.choices,
        blank=True,
        help_text="Where the commenter stands on the point, if they said.",
    )
    is_featured = models.BooleanField(
        "featured",
        default=False,
        help_text="Chosen by a moderator: shown first, labelled Featured.",
    )
    held_reason = models.CharField(
        max_length=200, blank=True, help_text="Why the comment was held."
    )
    held_phrase = models.TextField(
        blank=True,
        editable=False,
        help_text="The held word or phrase the comment contains, as the policy "
        "lists it.",
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="moderated_comments",
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_erased = models.BooleanField(
        "erased at the author's request", default=False, editable=False
    )
    original_comment = models.TextField(
        "comment as first sent",
        blank=True,
        editable=False,
        help_text="Kept when a superuser corrects the commenter's words.",
    )
    followers_notified_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When followers were told this comment was published.",
    )
    # Digests of how the text looks (normalise.skeletons), so a duplicate in
    # any disguise is found by index, not by reading every comment's text.
    text_look = models.CharField(max_length=64, blank=True, editable=False)
    shape_look = models.CharField(max_length=64, blank=True, editable=False)
    # A keyed hash of the mailbox the address reaches (pending.recipient_digest):
    # a commenter's comments, bans and trust are found by it, in any spelling.
    commenter = models.CharField(
        max_length=64, blank=True, db_index=True, editable=False
    )

    objects = ArticleCommentQuerySet.as_manager()
    norel_objects = ArticleCommentQuerySet.as_manager()

    class Meta:
        ordering = ["thread_id", "order"]
        verbose_name = "comment"
        indexes = [
            # An article's comments in the order they were written, which is
            # the order of its threads (a thread's id is its first comment's):
            # a page of threads is read without reading the rest. Visibility
            # and the thread columns live on the tables above this one
            # (django_comments, xtd's), reached by primary key: no index can
            # span the three.
            models.Index(
                fields=["article", "xtdcomment_ptr"], name="comment_article_idx"
            ),
            # a discussion filtered by perspective (by point: the key's index)
            models.Index(
                fields=["article", "perspective"], name="comment_perspective_idx"
            ),
            # the few featured comments, found without reading the rest
            models.Index(
                fields=["article"],
                condition=Q(is_featured=True),
                name="comment_featured_idx",
            ),
            # the same words in any disguise (publishing.is_duplicate)
            models.Index(fields=["article", "text_look"], name="comment_text_look_idx"),
            models.Index(
                fields=["article", "shape_look"], name="comment_shape_look_idx"
            ),
        ]

    def __str__(self):
        # No name or text: this is what the admin's history keeps, and an
        # erased commenter must leave nothing behind there.
        return f"Comment {self.pk}"

    def save(self, *args, **kwargs):
        self.remember_looks()
        self.remember_commenter()
        # xtd saves a new comment twice; the discussion's counts change with
        # it (receivers.py), all in one transaction
        with transaction.atomic():
            super().save(*args, **kwargs)

    def remember_looks(self):
        self.text_look, self.shape_look = looks_of(self.comment)

    def remember_commenter(self):
        self.commenter = recipient_digest(self.user_email) if self.user_email else ""

    def get_absolute_url(self):
        return reverse("discussion:permalink", kwargs={"pk": self.pk})

    @property
    def is_awaiting_moderation(self):
        """The instance's side of awaiting_moderation()."""
        return not self.is_public and not self.is_removed

    def reports_since_decision(self):
        """The reports made since a moderator last decided on this comment:
        the only ones that count. Dismissed ones are kept, as evidence."""
        reports = self.reports.undismissed()
        if self.moderated_at is None:
            return reports
        return reports.filter(created_at__gt=self.moderated_at)

    def get_status_display(self):
        """The comment's state, as moderators and exports name it."""
        if self.is_erased:
            return "Removed at the author's request"
        if self.is_removed:
            return "Removed"
        if self.is_awaiting_moderation:
            return "Awaiting moderation"
        return "Published"
