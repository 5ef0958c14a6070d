"""Editors' picks in the moderation queue: the bulk actions. The per-row
buttons are the queue's decide column (comments.py); both go through
discussion/decisions.py, which records who chose and when."""

from django.contrib import admin
from django.template.defaultfilters import pluralize


class FeaturingActions:
    """Feature and unfeature actions for the comments admin."""

    @admin.action(description="Feature selected comments", permissions=["change"])
    def feature(self, request, queryset):
        done = self._decide_each(request, queryset, "feature")["Featured"]
        message = f"{done} comment{pluralize(done)} featured."
        skipped = len(queryset) - done
        if skipped:
            message += (
                f" {skipped} not featured: only published comments can be,"
                " and featured ones already are."
            )
        self.message_user(request, message)

    @admin.action(description="Unfeature selected comments", permissions=["change"])
    def unfeature(self, request, queryset):
        done = self._decide_each(request, queryset, "unfeature")["Unfeatured"]
        self.message_user(request, f"{done} comment{pluralize(done)} unfeatured.")
