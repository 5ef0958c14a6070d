from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect

from insight.site import absolute_url

from ..history import HistoryAdmin
from ..models import RELATED_ARTICLES_SHOWN, ArgumentPoint, Article
from .kept_uploads import KeptUploadsAdmin
from .media import warn_about_missing_pictures
from .point_order import OrderedPointsInline, PointOrderAdmin
from .preview import preview_urls
from .review import ReviewAdmin, ReviewInline, StateFilter
from .sharing import context as sharing_context
from .sharing import urls as sharing_urls
from .versions import point_texts, topic_names
from .writing_aids import WritingAidsAdmin, word_count_display


class ArgumentPointInline(ReviewInline, OrderedPointsInline):
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
class ArticleAdmin(
    ReviewAdmin, WritingAidsAdmin, PointOrderAdmin, KeptUploadsAdmin, HistoryAdmin
):
    list_display = [
        "title",
        "state",
        "status_set_by",
        "published_at",
        "is_published",
        "point_count",
        "words",
        "allow_comments",
        "updated_at",
    ]
    list_filter = [StateFilter, "published_at", "allow_comments", "topics"]
    search_fields = ["title", "standfirst", "introduction", "points__text"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author"]
    inlines = [ArgumentPointInline]
    form = ArticleForm
    autocomplete_fields = ["related_articles"]
    actions = ["publish", "unpublish"]
    readonly_fields = ["words"]
    kept_upload_fields = ["lead_image"]  # kept when the form comes back
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
        warn_about_missing_pictures(request, obj)

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
        return [*preview_urls(self), *sharing_urls(self), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **sharing_context(request, object_id)}
        return super().change_view(request, object_id, form_url, extra_context)

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
