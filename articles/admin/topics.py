from django.contrib import admin
from django.db.models import Count
from taggit.models import Tag

from ..models import Topic

# Topics are the site's own tag model: taggit's stands unused.
admin.site.unregister(Tag)


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
