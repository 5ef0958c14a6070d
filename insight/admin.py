"""Sign-in attempts (django-axes) in the admin."""

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin

admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """Axes' own, with a clean-up action that works from the admin."""

    @admin.action(description="Clean up expired attempts")
    def cleanup_expired_attempts(self, request, queryset):
        # axes reads when the attempt being made happened, which only its
        # sign-in handling sets: here, expired means expired by now
        request.axes_attempt_time = None
        return super().cleanup_expired_attempts(request, queryset)
