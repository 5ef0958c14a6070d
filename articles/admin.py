from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone

from .models import ArgumentPoint, Article, Audience


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class ArgumentPointInline(admin.TabularInline):
    model = ArgumentPoint
    fields = ["text", "audience", "position"]
    extra = 3
    ordering = ["position", "id"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
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
    inlines = [ArgumentPointInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "introduction"]}),
        ("Credits", {"fields": ["attribution", "author"]}),
        ("Publishing", {"fields": ["status", "published_at", "allow_comments"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_point_count=Count("points"))

    @admin.display(boolean=True, description="Live")
    def is_published(self, article):
        return article.is_published

    @admin.display(description="Points", ordering="_point_count")
    def point_count(self, article):
        return article._point_count

    @admin.action(description="Publish selected articles")
    def publish(self, request, queryset):
        now = timezone.now()
        drafts = queryset.filter(status=Article.Status.DRAFT)
        # A draft published now takes today's date unless it is scheduled ahead.
        drafts.filter(published_at__lte=now).update(published_at=now)
        count = queryset.update(status=Article.Status.PUBLISHED, updated_at=now)
        self.message_user(request, f"{count} article(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles")
    def unpublish(self, request, queryset):
        count = queryset.update(status=Article.Status.DRAFT, updated_at=timezone.now())
        self.message_user(request, f"{count} article(s) unpublished.", messages.SUCCESS)
