from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment


class Audience(models.Model):
    """A perspective an article speaks to, such as councillors or frontline staff."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "perspective"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:perspective", kwargs={"slug": self.slug})

    @property
    def anchor(self):
        """The id of this perspective's section on an article page."""
        return f"perspective-{self.slug}"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )


class Article(models.Model):
    """An opinion piece that makes its case from several perspectives."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(
        help_text="Shown under the title and in lists of articles."
    )
    introduction = models.TextField(blank=True)
    attribution = models.CharField(
        max_length=300,
        blank=True,
        help_text='For example "Based on content from Richard Vize".',
    )
    author = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        help_text="A date in the future schedules the article.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    allow_comments = models.BooleanField(
        "comments open",
        default=True,
        help_text="Untick to close the discussion on this article.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_published

    def comments_are_open(self, policy=None):
        """Readers may comment: open, published, not paused, not too old."""
        if not (self.allow_comments and self.is_published):
            return False
        policy = policy or ModerationPolicy.current()
        if policy.is_paused:
            return False
        days = policy.close_after_days
        return not days or timezone.now() < self.published_at + timedelta(days=days)

    def perspectives(self):
        """The article's points grouped by audience, in the editor's order.

        Returns a list of (audience, [points]) pairs; uses prefetched points when
        the view prefetched them, so it costs no extra query.
        """
        groups = {}
        for point in self.points.all():
            groups.setdefault(point.audience, []).append(point)
        return list(groups.items())

    def audiences(self):
        """The perspectives this article covers, in the order they first appear."""
        return [audience for audience, _points in self.perspectives()]


class ArgumentPoint(models.Model):
    """One argument an article makes to one audience."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="points"
    )
    audience = models.ForeignKey(
        Audience,
        on_delete=models.PROTECT,
        related_name="points",
        verbose_name="perspective",
    )
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["article_id", "position", "id"]
        verbose_name = "argument point"

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:77]}..."

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"point-{self.pk}"


class ArticleCommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments readers may see: confirmed, approved and not removed."""
        return self.filter(is_public=True, is_removed=False)

    def on_published_articles(self):
        return self.filter(article__in=Article.objects.published())


class ShownCommentMixin:
    """What a comment and the discussion's light copy of it both answer."""

    __slots__ = ()

    @property
    def anchor(self):
        return f"c{self.pk}"

    @property
    def is_visible(self):
        return self.is_public and not self.is_removed


class ArticleComment(ShownCommentMixin, XtdComment):
    """A reader's comment on an article, written from an optional perspective."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments"
    )
    perspective = models.ForeignKey(
        Audience,
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
    held_reason = models.CharField(
        max_length=200, blank=True, help_text="Why the comment was held."
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
    followers_notified_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When followers were told this comment was published.",
    )

    objects = ArticleCommentQuerySet.as_manager()
    norel_objects = ArticleCommentQuerySet.as_manager()

    class Meta:
        ordering = ["thread_id", "order"]
        verbose_name = "comment"

    def __str__(self):
        # No name or text: this is what the admin's history keeps, and an
        # erased commenter must leave nothing behind there.
        return f"Comment {self.pk}"

    def get_absolute_url(self):
        return reverse("articles:comment-permalink", kwargs={"pk": self.pk})

    @property
    def is_awaiting_moderation(self):
        return not self.is_public and not self.is_removed


class CommentReport(models.Model):
    """A reader's report that a comment breaks the comments policy."""

    class Reason(models.TextChoices):
        SPAM = "spam", "It is spam or advertising"
        ABUSIVE = "abusive", "It is abusive, offensive or discriminatory"
        PERSONAL = "personal", "It shares someone's personal information"
        OFF_TOPIC = "off-topic", "It is off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(
        ArticleComment, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(blank=True, max_length=1000)
    # A keyed hash of the reporter's address: tells reporters apart, names no one.
    reporter = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="one_report_per_reporter"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} (comment {self.comment_id})"


class ModerationPolicy(models.Model):
    """The site's discussion rules, which moderators change in the admin."""

    hold_all = models.BooleanField(
        "hold every comment for approval",
        default=False,
        help_text="Untick to publish confirmed comments at once, unless a rule "
        "below holds them.",
    )
    hold_first_comments = models.BooleanField(
        "hold a commenter's first comment",
        default=False,
        help_text="Hold comments from email addresses with no published comment.",
    )
    hold_links_at = models.PositiveSmallIntegerField(
        "hold comments with this many links or more",
        null=True,
        blank=True,
        default=2,
        validators=[MinValueValidator(1, "Enter 1 or more, or leave it empty")],
        help_text="Leave empty to allow any number of links.",
    )
    held_words = models.TextField(
        "hold comments containing these words or phrases",
        blank=True,
        help_text="One word or phrase a line. Case does not matter.",
    )
    close_after_days = models.PositiveIntegerField(
        "close comments this many days after publication",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "Enter 1 or more, or leave it empty")],
        help_text="Leave empty to keep comments open.",
    )
    is_paused = models.BooleanField(
        "pause all commenting",
        default=False,
        help_text="For example during a pre-election period.",
    )
    pause_message = models.TextField(
        default="Commenting is paused for the pre-election period. "
        "You can still read the discussion.",
        help_text="Shown on every article while commenting is paused.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "moderation policy"
        verbose_name_plural = "moderation policy"

    def __str__(self):
        return "Moderation policy"

    def save(self, *args, **kwargs):
        self.pk = 1  # there is only ever one policy
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy

    def held_word_list(self):
        return [
            line.strip().lower()
            for line in self.held_words.splitlines()
            if line.strip()
        ]
