from django import forms
from django.contrib import admin, messages
from django.contrib.flatpages.admin import FlatPageAdmin
from django.contrib.flatpages.models import FlatPage
from django.db.models import Count
from django.template.defaultfilters import pluralize
from django.utils import timezone
from taggit.models import Tag

from insight.site import absolute_url

from .history import HistoryAdmin, followed_values
from .models import (
    RELATED_ARTICLES_SHOWN,
    ArgumentPoint,
    Article,
    ArticleTopic,
    Perspective,
    Topic,
)

# Topics are the site's own tag model: taggit's stands unused.
admin.site.unregister(Tag)
admin.site.unregister(FlatPage)


@admin.register(FlatPage)
class VersionedFlatPageAdmin(HistoryAdmin, FlatPageAdmin):
    pass


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_article_count=Count("article_topics", distinct=True))
        )

    @admin.display(description="Articles", ordering="_article_count")
    def article_count(self, topic):
        return topic._article_count


@admin.register(Perspective)
class PerspectiveAdmin(HistoryAdmin):
    list_display = ["name", "singular_label", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class ArgumentPointInline(admin.TabularInline):
    model = ArgumentPoint
    fields = ["text", "perspective", "position"]
    extra = 3
    ordering = ["position", "id"]


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["related_articles"]  # the admin adds its fieldsets' fields

    def clean_related_articles(self):
        related = self.cleaned_data["related_articles"]
        if self.instance.pk and any(a.pk == self.instance.pk for a in related):
            raise forms.ValidationError("An article cannot be related to itself")
        if len(related) > RELATED_ARTICLES_SHOWN:
            raise forms.ValidationError(
                f"Choose {RELATED_ARTICLES_SHOWN} related articles or fewer "
                f"(you chose {len(related)})"
            )
        return related


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = [
        "title",
        "state",
        "published_at",
        "is_published",
        "point_count",
        "allow_comments",
        "updated_at",
    ]
    list_filter = ["status", "published_at", "allow_comments", "topics"]
    search_fields = ["title", "standfirst", "introduction", "points__text"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ArgumentPointInline]
    form = ArticleForm
    autocomplete_fields = ["related_articles"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "introduction"]}),
        ("Topics and related articles", {"fields": ["topics", "related_articles"]}),
        ("Credits", {"fields": ["attribution", "author"]}),
        ("Publishing", {"fields": ["status", "published_at", "allow_comments"]}),
    ]

    def view_on_site(self, article):
        return absolute_url(article.get_absolute_url())

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_point_count=Count("points", distinct=True))
        )

    def compared_values(self, older, newer):
        yield from super().compared_values(older, newer)
        yield "Topics", topic_names(older), topic_names(newer)
        yield "Argument points", point_texts(older), point_texts(newer)

    @admin.display(description="Status", ordering="status")
    def state(self, article):
        return article.state

    @admin.display(boolean=True, description="Live")
    def is_published(self, article):
        return article.is_published

    @admin.display(description="Points", ordering="_point_count")
    def point_count(self, article):
        return article._point_count

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        count = 0
        # Saved one by one, so what keeps in step with articles hears of it.
        for article in queryset:
            # A draft published now takes today's date unless it is scheduled ahead.
            if article.status == Article.Status.DRAFT and article.published_at <= now:
                article.published_at = now
            article.status = Article.Status.PUBLISHED
            article.save(update_fields=["status", "published_at", "updated_at"])
            count += 1
        self.message_user(
            request, f"{count} article{pluralize(count)} published.", messages.SUCCESS
        )

    @admin.action(description="Unpublish selected articles", permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset:
            article.status = Article.Status.DRAFT
            article.save(update_fields=["status", "updated_at"])
            count += 1
        self.message_user(
            request, f"{count} article{pluralize(count)} unpublished.", messages.SUCCESS
        )


def topic_names(version):
    """The article's topics as saved in a version."""
    ids = [values["tag_id"] for values in followed_values(version, ArticleTopic)]
    return ", ".join(Topic.objects.filter(pk__in=ids).values_list("name", flat=True))


def point_texts(version):
    """The article's points as saved in a version, one a line, in order."""
    points = sorted(
        followed_values(version, ArgumentPoint),
        key=lambda values: (values["position"], values["id"]),
    )
    names = dict(
        Perspective.objects.filter(
            pk__in=[values["perspective_id"] for values in points]
        ).values_list("pk", "name")
    )
    return "\n".join(
        f"{names.get(values['perspective_id'], '?')}: {values['text']}"
        for values in points
    )
