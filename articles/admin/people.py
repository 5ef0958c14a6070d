from django.contrib import admin
from django.db.models import Count

from insight.site import absolute_url

from ..history import HistoryAdmin
from ..models import Author, Perspective
from .kept_uploads import KeptUploadsAdmin


@admin.register(Perspective)
class PerspectiveAdmin(HistoryAdmin):
    list_display = ["name", "singular_label", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(KeptUploadsAdmin, admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "article_count"]
    search_fields = ["name", "role", "organisation"]
    ordering = ["name", "id"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "role", "organisation", "bio", "photo", "photo_alt"]
    kept_upload_fields = ["photo"]  # kept when the form comes back

    def view_on_site(self, author):
        return absolute_url(author.get_absolute_url())

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_article_count=Count("articles"))

    @admin.display(description="Articles", ordering="_article_count")
    def article_count(self, author):
        return author._article_count
