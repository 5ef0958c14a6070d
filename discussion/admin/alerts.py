"""Each moderator's own alert choice: "Your email alerts" in the admin opens
the signed-in moderator's profile, and no one else's."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from ..models import ModeratorProfile


@admin.register(ModeratorProfile)
class ModeratorProfileAdmin(admin.ModelAdmin):
    """A moderator sets how they hear of waiting comments."""

    fields = ["alerts"]
    radio_fields = {"alerts": admin.VERTICAL}

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # the list would hold one row: go straight to it
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        profile, _created = ModeratorProfile.objects.get_or_create(user=request.user)
        return redirect(
            reverse("admin:discussion_moderatorprofile_change", args=[profile.pk])
        )

    def response_change(self, request, obj):
        self.message_user(
            request,
            f"Your email alerts are saved: {obj.get_alerts_display()}.",
            messages.SUCCESS,
        )
        return redirect(reverse("admin:index"))
