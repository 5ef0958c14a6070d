"""The comments admin, which is the moderation queue: its status filter, the
reports shown with each comment, and the buttons and bulk actions that decide
(featuring.py adds the featuring ones)."""

from collections import Counter

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from .. import (
    converters,  # noqa: F401 (registers <id:...>)
)
from ..decisions import DECISIONS, decide, seen_marker
from ..models import ArticleComment, CommentReport, ModerationPolicy
from .exports import CommentExportMixin
from .featuring import FeaturingActions
from .history import CommentHistoryMixin
from .paging import CappedPaginator
from .rows import CommenterCounts, comment_cell, commenter_cell, waited
from .search import IndexedCommentSearch
from .undoing import UndoDecisions


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
                # Reported comments are few: the list reads only the rows of
                # comments with reports, found first from the reports table,
                # rather than walking the whole queue to find them.
                ever_reported = CommentReport.objects.undismissed().values_list(
                    "comment_id", flat=True
                )
                return queryset.filter(pk__in=set(ever_reported)).reported()
        return queryset


# The queue's keys (static/js/queue-keys.js), declared on each button
SHORTCUTS = {"approve": "a", "remove": "r", "keep": "e", "feature": "f"}


@admin.register(ArticleComment)
class ArticleCommentAdmin(
    CommentHistoryMixin,
    CommentExportMixin,
    FeaturingActions,
    IndexedCommentSearch,
    UndoDecisions,
    CommenterCounts,
    admin.ModelAdmin,
):
    """The moderation queue: what is waiting comes first, oldest first.

    Built for a million comments: the order is comment_queue_idx's, the count
    stops at CappedPaginator's cap, report counts are worked out for the rows
    shown only, search finds rare words by index (IndexedCommentSearch), and
    there is no date hierarchy or facet counting (each reads the whole table).
    """

    # The buttons come first, where the eye starts and where no width of
    # screen or filter sidebar can push them out of sight.
    list_display = ["decide", "comment_text", "commenter_and_article", "status"]
    # the row's own "Details" link opens the comment: a linked cell would
    # hold other links
    list_display_links = None
    # adds the keyboard shortcuts; django-import-export extends it
    change_list_template = "admin/discussion/articlecomment/change_list_queue.html"
    list_filter = [CommentStatusFilter, "is_featured", "perspective", "submit_date"]
    list_select_related = ["article", "perspective", "point"]
    # the dates and the queue's order are indexed; other columns are not
    sortable_by = ["status"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    paginator = CappedPaginator
    actions = ["approve", "keep", "remove", "feature", "unfeature"]
    list_per_page = 50
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "article",
                    "comment",
                    "original_comment",
                    "point",
                    "stance",
                    "perspective",
                    "is_featured",
                ]
            },
        ),
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
        "stance",
        "is_featured",
        "status",
        "held_reason",
        "moderated_by",
        "moderated_at",
        "submit_date",
        "ip_address",
    ]

    def get_queryset(self, request):
        # each row says why it is here: its open reports, read for the whole
        # page in one query
        open_reports = Prefetch(
            "reports",
            queryset=CommentReport.objects.unresolved().order_by("-created_at"),
            to_attr="open_reports",
        )
        return super().get_queryset(request).prefetch_related(open_reports)

    def get_ordering(self, request):
        # awaiting (neither public nor removed) first, then published, then
        # removed; oldest first in each, as comment_queue_idx reads them
        return ["is_removed", "is_public", "submit_date"]

    def has_add_permission(self, request):
        return False  # comments come from readers

    def get_readonly_fields(self, request, obj=None):
        # The commenter's words are theirs: only a superuser may correct them
        # (logged, with the original kept).
        readonly = [*super().get_readonly_fields(request, obj), "original_comment"]
        if not request.user.is_superuser:
            readonly += ["comment", "user_name", "user_email"]
        return readonly

    def save_model(self, request, comment, form, change):
        if "comment" in form.changed_data and not comment.original_comment:
            comment.original_comment = form.initial["comment"]
        super().save_model(request, comment, form, change)

    def has_delete_permission(self, request, obj=None):
        # removing hides a comment and keeps its replies; deleting is final
        return request.user.is_superuser

    @admin.display(description="Comment, and why it is here")
    def comment_text(self, comment):
        return comment_cell(comment)

    @admin.display(description="Commenter and article")
    def commenter_and_article(self, comment):
        return commenter_cell(comment)

    @admin.display(description="Status", ordering="submit_date")
    def status(self, comment):
        shown = comment.get_status_display()
        if comment.is_featured:
            shown = f"{shown}, featured"
        how_long = waited(comment)
        sent = date_format(localtime(comment.submit_date), "DATETIME_FORMAT")
        return format_html(
            '{}<br>Sent {}{}<br><a href="{}" aria-label="Details of the comment by {}" '
            "data-opens-comment>Details</a>",
            shown,
            sent,
            format_html("<br>Waiting {}", how_long) if how_long else "",
            reverse("admin:discussion_articlecomment_change", args=[comment.pk]),
            comment.user_name,
        )

    @admin.display(description="Decide")
    def decide(self, comment):
        """Buttons for this row: they post, with the list's CSRF token, to
        decide_view."""
        offered = []
        if not comment.is_visible and not comment.is_erased:
            offered.append(("approve", "Approve"))
        elif comment.open_reports:
            offered.append(("keep", "Keep"))
        if not comment.is_removed:
            offered.append(("remove", "Remove"))
        if comment.is_featured:
            offered.append(("unfeature", "Unfeature"))
        elif comment.is_visible:
            offered.append(("feature", "Feature"))
        return format_html_join(
            " ",
            '<button type="submit" class="button" formmethod="post" '
            'formaction="{}" name="seen" value="{}"{}>{}<span class="visually-hidden">'
            " comment by {}</span></button>",
            (
                (
                    reverse("admin:discussion_decide", args=[comment.pk, name]),
                    seen_marker(comment),
                    format_html(' aria-keyshortcuts="{}"', SHORTCUTS[name])
                    if name in SHORTCUTS
                    else "",
                    label,
                    comment.user_name,
                )
                for name, label in offered
            ),
        )

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [
            path("<id:pk>/decide/<str:decision>/", decide, name="discussion_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk, decision):
        """One decision on one comment, from a button in the queue or on the
        comment's page; back to where the button was."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(ArticleComment.objects.all(), pk=pk)
        if decision not in DECISIONS or not self.has_change_permission(
            request, comment
        ):
            raise PermissionDenied
        reason = request.POST.get("removal_reason", "") if decision == "remove" else ""
        if reason and reason not in ModerationPolicy.current().removal_reason_list():
            self.message_user(
                request,
                f"Comment by {comment.user_name}: not removed. Choose a reason "
                "from the list, or no reason.",
                messages.ERROR,
            )
        else:
            outcome = decide(
                comment.pk,
                decision,
                request.user,
                seen=request.POST.get("seen"),
                removal_reason=reason,
            )
            if outcome.done:
                self.log_change(request, outcome.comment, outcome.done)
                self.message_user(
                    request,
                    format_html(
                        "Comment by {}: {}. {}",
                        comment.user_name,
                        outcome.done,
                        self._undo_button(request, outcome),
                    ),
                )
            elif outcome.already:
                self.message_user(
                    request,
                    f"Comment by {comment.user_name}: {outcome.already}. "
                    "Nothing changed.",
                    messages.WARNING,
                )
        return self._back(request)

    @admin.action(
        description="Approve and publish selected comments", permissions=["change"]
    )
    def approve(self, request, queryset):
        done, decisions = self._decide_each(
            request, queryset.select_related("article"), "approve"
        )
        approved, kept = done["Approved"], done["Kept"]
        message = f"{approved} comment{pluralize(approved)} approved and published."
        if kept:
            message += f" {kept} reported comment{pluralize(kept)} kept."
        self.message_user(request, self._with_bulk_undo(request, message, decisions))

    @admin.action(
        description="Keep selected reported comments as they are",
        permissions=["change"],
    )
    def keep(self, request, queryset):
        done, decisions = self._decide_each(request, queryset, "keep")
        kept = done["Kept"]
        message = f"{kept} reported comment{pluralize(kept)} kept; reports dismissed."
        self.message_user(request, self._with_bulk_undo(request, message, decisions))

    @admin.action(description="Remove selected comments", permissions=["change"])
    def remove(self, request, queryset):
        done, decisions = self._decide_each(request, queryset, "remove")
        removed = done["Removed"]
        message = (
            f"{removed} comment{pluralize(removed)} removed. Replies stay readable."
        )
        self.message_user(request, self._with_bulk_undo(request, message, decisions))

    def _decide_each(self, request, comments, decision):
        """One decision on each comment, logged; how many of each outcome,
        and the decisions made, for their Undo button."""
        done, decisions = Counter(), []
        for comment in comments:
            outcome = decide(comment.pk, decision, request.user)
            if outcome.done:
                self.log_change(request, outcome.comment, outcome.done)
                done[outcome.done] += 1
                decisions.append(outcome.decision)
        return done, decisions

    def get_actions(self, request):
        # deciding first; deleting (superusers only) last
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = actions.pop("delete_selected")
        return actions
