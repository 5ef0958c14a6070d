from django.contrib import admin
from django.db.models import Case, Count, When
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django_comments_xtd.models import BlackListedDomain

from articles.text import shorten

from .models import ArticleComment, CommentReport, ModerationPolicy, awaiting_moderation
from .notifications import tell_commenter_published


class CommentStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("awaiting", "Awaiting moderation"),
            ("published", "Published"),
            ("removed", "Removed"),
            ("reported", "Reported"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "awaiting":
                return queryset.awaiting_moderation()
            case "published":
                return queryset.visible()
            case "removed":
                return queryset.filter(is_removed=True)
            case "reported":
                return queryset.reported()
        return queryset


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    fields = ["created_at", "reason", "details"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ArticleComment)
class ArticleCommentAdmin(admin.ModelAdmin):
    """The moderation queue: what is waiting comes first, oldest first."""

    list_display = [
        "excerpt",
        "article_link",
        "perspective",
        "user_name",
        "submit_date",
        "waiting",
        "report_count",
        "status",
    ]
    list_filter = [CommentStatusFilter, "perspective", "submit_date"]
    search_fields = ["user_name", "user_email", "comment", "article__title"]
    list_select_related = ["article", "perspective"]
    date_hierarchy = "submit_date"
    actions = ["approve", "remove"]
    inlines = [CommentReportInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["article", "comment", "point", "perspective"]}),
        ("Commenter", {"fields": ["user_name", "user_email", "followup"]}),
        (
            "Moderation",
            {
                "fields": [
                    "status",
                    "held_reason",
                    "moderated_by",
                    "moderated_at",
                    "submit_date",
                    "ip_address",
                ]
            },
        ),
    ]
    readonly_fields = [
        "article",
        "point",
        "status",
        "held_reason",
        "moderated_by",
        "moderated_at",
        "submit_date",
        "ip_address",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_report_count=Count("reports", distinct=True))
        )

    def get_ordering(self, request):
        awaiting_first = Case(When(awaiting_moderation(), then=0), default=1)
        return [awaiting_first.asc(), "submit_date"]

    def has_add_permission(self, request):
        return False  # comments come from readers

    def has_delete_permission(self, request, obj=None):
        # removing hides a comment and keeps its replies; deleting is final
        return request.user.is_superuser

    @admin.display(description="Comment")
    def excerpt(self, comment):
        return shorten(comment.comment, 80)

    @admin.display(description="Article", ordering="article__title")
    def article_link(self, comment):
        return format_html(
            '<a href="{}">{}</a>', comment.get_absolute_url(), comment.article.title
        )

    @admin.display(description="Waiting")
    def waiting(self, comment):
        if not comment.is_awaiting_moderation:
            return "–"
        return timesince(comment.submit_date)

    @admin.display(description="Reports", ordering="_report_count")
    def report_count(self, comment):
        return comment._report_count

    @admin.display(description="Status")
    def status(self, comment):
        return comment.get_status_display()

    @admin.action(
        description="Approve and publish selected comments", permissions=["change"]
    )
    def approve(self, request, queryset):
        approved = kept = 0
        for comment in queryset.select_related("article"):
            if comment.is_visible:
                # A reported comment kept as it is: the reports made so far
                # are dealt with, and it is never hidden by reports again.
                if comment.reports_since_decision().exists():
                    self._record_decision(request, comment, "Kept")
                    kept += 1
                continue
            was_held = not comment.is_public
            comment.is_public = True
            comment.is_removed = False
            self._record_decision(request, comment, "Approved")
            if was_held:
                tell_commenter_published(comment)
            approved += 1
        message = f"{approved} comment{pluralize(approved)} approved and published."
        if kept:
            message += f" {kept} reported comment{pluralize(kept)} kept."
        self.message_user(request, message)

    @admin.action(description="Remove selected comments", permissions=["change"])
    def remove(self, request, queryset):
        removed = 0
        for comment in queryset:
            if comment.is_removed:
                continue
            comment.is_removed = True
            self._record_decision(request, comment, "Removed")
            removed += 1
        self.message_user(
            request,
            f"{removed} comment{pluralize(removed)} removed. Replies stay readable.",
        )

    def _record_decision(self, request, comment, decision):
        comment.moderated_by = request.user
        comment.moderated_at = timezone.now()
        comment.save()
        self.log_change(request, comment, decision)


@admin.register(ModerationPolicy)
class ModerationPolicyAdmin(admin.ModelAdmin):
    fieldsets = [
        ("Publishing", {"fields": ["hold_all", "hold_first_comments"]}),
        ("Rules that hold a comment", {"fields": ["hold_links_at", "held_words"]}),
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
