"""The rules moderators set: the moderation policy, and the e-mail domains
whose comments are refused."""

from django.contrib import admin
from django.shortcuts import redirect
from django_comments_xtd.models import BlackListedDomain

from ..models import ModerationPolicy


@admin.register(ModerationPolicy)
class ModerationPolicyAdmin(admin.ModelAdmin):
    """The one policy, changed in place: never added or deleted."""

    fieldsets = [
        ("Publishing", {"fields": ["hold_all", "hold_first_comments"]}),
        ("Rules that hold a comment", {"fields": ["hold_links_at", "held_words"]}),
        (
            "Trusted commenters",
            {"fields": ["trust_after_published", "trust_lost_for_days"]},
        ),
        ("Removing comments", {"fields": ["removal_reasons"]}),
        ("Closing comments", {"fields": ["close_after_days"]}),
        ("Pause commenting", {"fields": ["is_paused", "pause_message"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # one policy: go straight to it
        policy = ModerationPolicy.current()
        return redirect("admin:discussion_moderationpolicy_change", policy.pk)


@admin.register(BlackListedDomain)
class BlockedDomainAdmin(admin.ModelAdmin):
    """E-mail domains whose comments are refused (xtd's blocklist)."""

    search_fields = ["domain"]
