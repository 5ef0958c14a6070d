from django.contrib import admin, messages
from django.db.models import Count
from django.template.defaultfilters import pluralize
from django.utils import timezone

from insight.site import absolute_url

from .models import ArgumentPoint, Article, Author, Perspective


@admin.register(Perspective)
class PerspectiveAdmin(admin.ModelAdmin):
    list_display = ["name", "singular_label", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "article_count"]
    search_fields = ["name", "role", "organisation"]
    ordering = ["name", "id"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "role", "organisation", "bio", "photo", "photo_alt"]

    def view_on_site(self, author):
        return absolute_url(author.get_absolute_url())

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_article_count=Count("articles"))

    @admin.display(description="Articles", ordering="_article_count")
    def article_count(self, author):
        return author._article_count


class ArgumentPointInline(admin.TabularInline):
    model = ArgumentPoint
    fields = ["text", "perspective", "position"]
    extra = 3
    ordering = ["position", "id"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "state",
        "published_at",
        "is_published",
        "point_count",
        "allow_comments",
        "updated_at",
    ]
    list_filter = ["status", "published_at", "allow_comments"]
    search_fields = ["title", "standfirst", "introduction", "points__text"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author"]
    inlines = [ArgumentPointInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "introduction"]}),
        (
            "Lead image",
            {
                "fields": [
                    "lead_image",
                    "lead_image_alt",
                    "is_lead_image_decorative",
                    "lead_image_caption",
                    "lead_image_credit",
                ]
            },
        ),
        ("Credits", {"fields": ["author", "attribution"]}),
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
