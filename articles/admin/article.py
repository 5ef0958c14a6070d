from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from insight.site import absolute_url

from .. import markdown
from ..history import HistoryAdmin
from ..models import RELATED_ARTICLES_SHOWN, ArgumentPoint, Article
from .point_order import OrderedPointsInline, PointOrderAdmin
from .preview import previewed_points
from .versions import point_texts, topic_names
from .writing_aids import WritingAidsAdmin, word_count_display


class ArgumentPointInline(OrderedPointsInline):
    model = ArgumentPoint
    fields = ["text", "perspective", "position"]
    extra = 3


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
class ArticleAdmin(WritingAidsAdmin, PointOrderAdmin, HistoryAdmin):
    list_display = [
        "title",
        "state",
        "published_at",
        "is_published",
        "point_count",
        "words",
        "allow_comments",
        "updated_at",
    ]
    list_filter = ["status", "published_at", "allow_comments", "topics"]
    search_fields = ["title", "standfirst", "introduction", "points__text"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author"]
    inlines = [ArgumentPointInline]
    form = ArticleForm
    autocomplete_fields = ["related_articles"]
    actions = ["publish", "unpublish"]
    readonly_fields = ["words"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "introduction", "words"]}),
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
        ("Topics and related articles", {"fields": ["topics", "related_articles"]}),
        ("Credits", {"fields": ["author", "attribution"]}),
        ("Publishing", {"fields": ["status", "published_at", "allow_comments"]}),
    ]

    def save_model(self, request, obj, form, change):
        # Its points are saved next: they revise it only if it was published
        # before this save (revisions.py).
        obj._was_published = (
            change and Article.objects.published().filter(pk=obj.pk).exists()
        )
        super().save_model(request, obj, form, change)

    def view_on_site(self, article):
        return absolute_url(article.get_absolute_url())

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_point_count=Count("points", distinct=True))
            .prefetch_related("points")  # for the word counts
        )

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("preview/", preview, name="articles_article_preview"),
            *super().get_urls(),
        ]

    def response_add(self, request, article, post_url_continue=None):
        if "_saveandpreview" in request.POST:
            return self.saved_and_previewed(request, article)
        return super().response_add(request, article, post_url_continue)

    def response_change(self, request, article):
        if "_saveandpreview" in request.POST:
            return self.saved_and_previewed(request, article)
        return super().response_change(request, article)

    def saved_and_previewed(self, request, article):
        """Save and preview: the article at its public address, where staff see
        drafts and scheduled articles with a preview banner."""
        self.message_user(request, f"“{article}” was saved.", messages.SUCCESS)
        return HttpResponseRedirect(article.get_absolute_url())

    def preview_view(self, request):
        """The change form's Markdown as readers will see it, without saving:
        the form's Preview button posts the whole form here."""
        if request.method != "POST" or not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        introduction, contents = markdown.render_introduction(
            request.POST.get("introduction", "")
        )
        return TemplateResponse(
            request,
            "admin/articles/article/preview.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Preview: "
                + (request.POST.get("title", "").strip() or "untitled article"),
                "standfirst": request.POST.get("standfirst", ""),
                "introduction": introduction,
                "contents": contents,
                "perspectives": previewed_points(request.POST),
            },
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

    @admin.display(description="Words")
    def words(self, article):
        """In the introduction and the points, counted again as they are typed."""
        return word_count_display(article)

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
