"""Readers' quick answers to points, for moderators to read and analysts to
count (the export is in exports.py)."""

from django.contrib import admin

from ..models import QuickAnswer
from .exports import AnswerExportMixin


@admin.register(QuickAnswer)
class QuickAnswerAdmin(AnswerExportMixin, admin.ModelAdmin):
    """Readers' quick answers, for reading and counting: never edited."""

    list_display = ["point", "article", "perspective", "answer", "updated_at"]
    list_filter = ["answer", "perspective", "updated_at"]
    list_select_related = ["point", "article", "perspective"]
    date_hierarchy = "updated_at"
    search_fields = ["point__text", "article__title"]
    fields = ["point", "article", "perspective", "answer", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
