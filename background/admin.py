from django.contrib import admin, messages

from .mail import retry
from .models import OutgoingMail


@admin.register(OutgoingMail)
class MailNotSentAdmin(admin.ModelAdmin):
    """E-mail given up on after a day or more of retries, for an operator to
    look into and send again. Superusers only: it holds readers' addresses
    and words."""

    list_display = ["subject", "recipient", "queued_at", "attempts", "last_error"]
    search_fields = ["recipient", "subject"]
    actions = ["send_again"]
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).not_sent()

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)

    @admin.action(description="Try to send the selected emails again")
    def send_again(self, request, queryset):
        count = retry(queryset)
        self.message_user(
            request,
            f"{count} email{'' if count == 1 else 's'} will be sent again.",
            messages.SUCCESS,
        )
