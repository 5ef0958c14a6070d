"""Articles: the opinion pieces, and the queries that read them."""

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from .. import markdown
from ..images import PictureField, RandomName, picture
from .article_topic import ArticleTopic, ArticleTopicsManager
from .point import ArgumentPoint

RELATED_ARTICLES_SHOWN = 3


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and not scheduled for later."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def for_page(self):
        """With what the article's page shows: the author, the points with
        their perspectives, the topics through their links (taggit's own
        prefetch of the topics takes twice as long) and whether an editor
        picked a published article to offer next (related_for_readers)."""
        picks = Article.related_articles.through.objects.filter(
            from_article=OuterRef("pk"), to_article__in=Article.objects.published()
        )
        return (
            self.select_related("author")
            .annotate(has_published_pick=Exists(picks))
            .prefetch_related(
                models.Prefetch(
                    "points",
                    queryset=ArgumentPoint.objects.select_related("perspective"),
                ),
                models.Prefetch(
                    "article_topics",
                    queryset=ArticleTopic.objects.select_related("tag"),
                ),
            )
        )


@reversion.register(follow=["points", "article_topics"])
class Article(models.Model):
    """An opinion piece that makes its case from several perspectives."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY_FOR_REVIEW = "ready", "Ready for review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(
        help_text="Shown under the title and in lists of articles."
    )
    introduction = models.TextField(
        blank=True,
        help_text="Markdown: ## for a heading (headings join the contents list), "
        "**bold**, *emphasis*, [link text](https://…), - for a list. "
        "A new line stays a new line; a blank line starts a paragraph.",
    )
    introduction_html = models.TextField(blank=True, editable=False)
    # the introduction's h2 headings, [{"id": ..., "text": ...}], for contents
    introduction_headings = models.JSONField(default=list, editable=False)
    attribution = models.CharField(
        max_length=300,
        blank=True,
        help_text='For example "Based on content from Richard Vize".',
    )
    # named, not imported: author.py and topic.py import this module
    author = models.ForeignKey(
        "Author",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    lead_image = PictureField(
        upload_to=RandomName("articles"),
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
        help_text="Optional. A JPEG, PNG or WebP of up to 10 MB, ideally 1,200 "
        "pixels wide or more.",
    )
    lead_image_width = models.PositiveIntegerField(null=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, editable=False)
    lead_image_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for someone who cannot see it.",
    )
    is_lead_image_decorative = models.BooleanField(
        "the image is decorative",
        default=False,
        help_text="Tick if it adds nothing to the article: "
        "screen readers then skip it.",
    )
    lead_image_caption = models.CharField("caption", max_length=300, blank=True)
    lead_image_credit = models.CharField(
        "credit",
        max_length=200,
        blank=True,
        help_text='For example "Photo: Jo Bloggs".',
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        help_text="A date in the future schedules the article.",
    )
    # who last changed the status or the date it goes live, and when
    # (articles/review.py): the admin list shows it
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="articles_status_changed",
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # the last change readers can see made after publication (revisions.py);
    # updated_at moves on any save, publishing included
    revised_at = models.DateTimeField(
        "updated after publication", null=True, blank=True, editable=False
    )
    allow_comments = models.BooleanField(
        "comments open",
        default=True,
        help_text="Untick to close the discussion on this article.",
    )
    topics = TaggableManager(
        "topics",
        through="ArticleTopic",
        to="Topic",  # by name, as Article.author
        blank=True,
        related_name="articles",
        help_text="Separate topics with commas.",
        manager=ArticleTopicsManager,
    )
    related_articles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text=f"Up to {RELATED_ARTICLES_SHOWN}, shown at the end of the "
        "article. Leave empty to show the newest articles that share a topic "
        "or a perspective with it.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "published_at"])]
        permissions = [
            (
                "publish_article",
                "Can publish, schedule and unpublish articles, "
                "and change published ones",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def render_markdown(self):
        self.introduction_html, self.introduction_headings = (
            markdown.render_introduction(self.introduction)
        )

    def clean(self):
        if (
            self.lead_image
            and not self.is_lead_image_decorative
            and not self.lead_image_alt.strip()
        ):
            raise ValidationError(
                {
                    "lead_image_alt": "Enter alt text for the lead image, or tick "
                    "the box to say it is decorative"
                }
            )

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
        )

    @property
    def updated_after_publication(self):
        """When readers were last shown a changed article, or None."""
        if self.revised_at and self.revised_at > self.published_at:
            return self.revised_at
        return None

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_published

    @property
    def state(self):
        """Draft, Ready for review, Scheduled or Published, as editors and
        previews name it."""
        if self.is_published:
            return "Published"
        if self.is_scheduled:
            return "Scheduled"
        return self.get_status_display()

    def lead_picture(self):
        """The lead image's sources and size for the page, or None."""
        return picture(self.lead_image, self.lead_image_width, self.lead_image_height)

    @property
    def lead_image_alt_text(self):
        """What the lead image says to a screen reader: nothing if decorative."""
        return "" if self.is_lead_image_decorative else self.lead_image_alt

    def points_by_perspective(self):
        """The article's points grouped by perspective, in the editor's order.

        Returns a list of (perspective, [points]) pairs; uses prefetched points
        when the view prefetched them, so it costs no extra query.
        """
        groups = {}
        for point in self.points.all():
            groups.setdefault(point.perspective, []).append(point)
        return list(groups.items())

    def perspectives(self):
        """The perspectives this article covers, in the order they first appear."""
        return [perspective for perspective, _points in self.points_by_perspective()]

    def word_count(self):
        """Words in the introduction and the points, as readers see them."""
        texts = [self.introduction_html]
        if self.pk:
            texts += [point.text_html for point in self.points.all()]
        return sum(markdown.count_words(text) for text in texts)

    def sorted_topics(self):
        """The article's topics by name: from the links for_page() fetched,
        or else in one query."""
        if self._fetched("article_topics"):
            topics = [link.tag for link in self.article_topics.all()]
        else:
            topics = self.topics.all()
        return sorted(topics, key=lambda topic: topic.name.lower())

    def related_for_readers(self):
        """The published articles readers are offered next, in at most one
        query: the editor's picks or, without any, the newest that share a
        topic or a perspective with this one."""
        picks = Article.related_articles.through.objects.filter(
            from_article=self.pk
        ).values("to_article")
        others = Article.objects.published().exclude(pk=self.pk)
        newest = ("-published_at", "-id")
        has_picks = getattr(self, "has_published_pick", None)  # from for_page()
        if has_picks:
            return list(
                others.filter(pk__in=picks).order_by(*newest)[:RELATED_ARTICLES_SHOWN]
            )
        # this article's topics and perspectives: lists when for_page()
        # fetched them (quicker to write into the query than subqueries)
        if self._fetched("article_topics") and self._fetched("points"):
            topics = [link.tag_id for link in self.article_topics.all()]
            perspectives = list({point.perspective_id for point in self.points.all()})
        else:
            topics = ArticleTopic.objects.filter(content_object=self.pk).values("tag")
            perspectives = self.points.values("perspective")
        shares = Q()
        if not isinstance(topics, list) or topics:
            shares |= Exists(
                ArticleTopic.objects.filter(
                    content_object=OuterRef("pk"), tag__in=topics
                )
            )
        if not isinstance(perspectives, list) or perspectives:
            shares |= Exists(
                ArgumentPoint.objects.filter(
                    article=OuterRef("pk"), perspective__in=perspectives
                )
            )
        if has_picks is not None:  # no picks: the newest sharing something
            if not shares:
                return []
            return list(
                others.filter(shares).order_by(*newest)[:RELATED_ARTICLES_SHOWN]
            )
        # Not known: both in one query, the picks first. The newest few
        # sharing something are found walking the newest first, so the
        # query stays small however many articles there are.
        offered = Q(pk__in=picks)
        if shares:
            offered |= Q(
                pk__in=others.filter(shares)
                .order_by(*newest)
                .values("pk")[:RELATED_ARTICLES_SHOWN]
            )
        candidates = list(
            others.filter(offered)
            .annotate(is_picked=Exists(picks.filter(to_article=OuterRef("pk"))))
            .order_by("-is_picked", *newest)[:RELATED_ARTICLES_SHOWN]
        )
        if candidates and candidates[0].is_picked:
            return [article for article in candidates if article.is_picked]
        return candidates

    def _fetched(self, name):
        """Whether a prefetch (for_page()) already holds these related rows."""
        return name in getattr(self, "_prefetched_objects_cache", {})
