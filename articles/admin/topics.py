import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from taggit.models import Tag

from ..models import Topic
from ..models.topic import folded
from ..topic_merging import merge_topics

# Topics are the site's own tag model: taggit's stands unused.
admin.site.unregister(Tag)

SUGGESTIONS_SHOWN = 10
# names are data: not even a page opened by mistake as HTML runs one
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_response(data):
    return HttpResponse(
        json.dumps(data).translate(JSON_ESCAPES), content_type="application/json"
    )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_article_count=Count("article_topics", distinct=True))
        )

    def get_urls(self):
        suggestions = self.admin_site.admin_view(self.suggestions_view)
        return [
            path("suggestions/", suggestions, name="articles_topic_suggestions"),
            *super().get_urls(),
        ]

    @admin.display(description="Articles", ordering="_article_count")
    def article_count(self, topic):
        return topic._article_count

    @admin.action(description="Merge selected topics", permissions=["change"])
    def merge(self, request, queryset):
        """Asks which topic to keep, then moves the others' articles to it."""
        topics = list(queryset.order_by("pk"))
        if len(topics) < 2:
            self.message_user(
                request, "Choose two or more topics to merge.", messages.WARNING
            )
            return None
        kept = next(
            (topic for topic in topics if str(topic.pk) == request.POST.get("keep")),
            None,
        )
        if "merge" in request.POST and kept:
            merge_topics(kept, topics, user=request.user)
            others = [f"“{topic}”" for topic in topics if topic.pk != kept.pk]
            self.message_user(
                request,
                f"{', '.join(others)} merged into “{kept}”. Their articles now "
                f"have “{kept}”, and their pages lead to its page.",
                messages.SUCCESS,
            )
            return None
        for topic in topics:
            topic.article_count = topic._article_count
        return TemplateResponse(
            request,
            "admin/articles/topic/merge_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Merge topics",
                "topics": topics,
                # first made: its name is the one editors met first
                "suggested": kept or topics[0],
                "is_unchosen": "merge" in request.POST and not kept,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def suggestions_view(self, request):
        """Existing topics whose names hold what an editor typed, as JSON,
        those starting with it first: the article form suggests them."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        typed = folded(request.GET.get("q", ""))[:100]
        if not typed:
            return json_response({"topics": []})
        matching = Topic.objects.filter(folded_name__contains=typed)
        starting = list(
            matching.filter(folded_name__startswith=typed).values_list(
                "name", flat=True
            )[:SUGGESTIONS_SHOWN]
        )
        rest = matching.exclude(name__in=starting).values_list("name", flat=True)
        names = starting + list(rest[: SUGGESTIONS_SHOWN - len(starting)])
        return json_response({"topics": names})
