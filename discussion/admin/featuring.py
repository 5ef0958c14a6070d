"""Editors' picks in the moderation queue: the bulk actions. The per-row
buttons are the queue's decide column (comments.py); both go through
discussion/decisions.py, which records who chose and when."""

from django.contrib import admin
from django.template.defaultfilters import pluralize


class FeaturingActions:
    """Feature and unfeature actions for the comments admin."""

    @admin.action(description="Feature selected comments", permissions=["change"])
    def feature(self, request, queryset):
        done, decisions = self._decide_each(request, queryset, "feature")
        featured = done["Featured"]
        message = f"{featured} comment{pluralize(featured)} featured."
        skipped = len(queryset) - featured
        if skipped:
            message += (
                f" {skipped} not featured: only published comments can be,"
                " and featured ones already are."
            )
        self.message_user(request, self._with_bulk_undo(request, message, decisions))

    @admin.action(description="Unfeature selected comments", permissions=["change"])
    def unfeature(self, request, queryset):
        done, decisions = self._decide_each(request, queryset, "unfeature")
        unfeatured = done["Unfeatured"]
        message = f"{unfeatured} comment{pluralize(unfeatured)} unfeatured."
        self.message_user(request, self._with_bulk_undo(request, message, decisions))
