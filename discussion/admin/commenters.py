"""Commenters: a page per mailbox with all its comments and bans, and the
list of bans, which moderators lift. A commenter is known by the keyed hash
of their mailbox (pending.recipient_digest), never by an address in a URL."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from .. import (
    converters,  # noqa: F401 (registers <id:...> and <mailbox:...>)
)
from ..bans import BanForm, ban, lift
from ..models import ArticleComment, Ban, ModeratorNote
from .history import add_note, commenter_draft_key, note_form_context

# a prolific commenter's page shows their latest comments; the counts are all
COMMENTS_SHOWN = 100


def commenter_url(commenter):
    """The commenter page of a mailbox's digest (a comment's `commenter`)."""
    return reverse("admin:discussion_commenter", args=[commenter])


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    """Bans and suspensions, lifted rather than deleted, so who banned whom,
    when and why stays on record. Made from a commenter's page."""

    list_display = [
        "commenter_link",
        "length",
        "reason",
        "created_by",
        "created_at",
        "state",
        "lifted_by",
        "lifted_at",
    ]
    # the commenter column links to their page; the ban's own page is here
    list_display_links = ["length"]
    list_filter = ["created_at", "lifted_at"]
    list_select_related = ["created_by", "lifted_by"]
    actions = ["lift_bans"]
    fields = [
        "commenter_link",
        "length",
        "reason",
        "created_by",
        "created_at",
        "state",
        "lifted_by",
        "lifted_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        # the name the commenter last used, to recognise them by
        latest_name = (
            ArticleComment.objects.filter(commenter=OuterRef("commenter"))
            .order_by("-submit_date")
            .values("user_name")[:1]
        )
        return super().get_queryset(request).annotate(_name=Subquery(latest_name))

    def has_add_permission(self, request):
        return False  # bans are made on the commenter's page

    def has_delete_permission(self, request, obj=None):
        return False  # lifted, never forgotten

    @admin.display(description="Commenter")
    def commenter_link(self, ban):
        return format_html(
            '<a href="{}">{}</a>',
            commenter_url(ban.commenter),
            ban._name or "A commenter with no comments left",
        )

    @admin.display(description="For how long", ordering="until")
    def length(self, ban):
        return _length(ban)

    @admin.display(description="State")
    def state(self, ban):
        if ban.lifted_at:
            return "Lifted"
        return "In force" if ban.is_in_force else "Ended"

    @admin.action(description="Lift selected bans", permissions=["change"])
    def lift_bans(self, request, queryset):
        lifted = lift(queryset, request.user)
        for done in queryset.filter(lifted_by=request.user):
            self.log_change(request, done, "Lifted")
        self.message_user(request, f"{lifted} ban{pluralize(lifted)} lifted.")

    def get_urls(self):
        def view(method):
            return self.admin_site.admin_view(method)

        return [
            path(
                "commenter/<mailbox:commenter>/",
                view(self.commenter_view),
                name="discussion_commenter",
            ),
            path(
                "commenter/<mailbox:commenter>/notes/",
                view(self.add_note_view),
                name="discussion_commenter_add_note",
            ),
            path("<id:pk>/lift/", view(self.lift_view), name="discussion_ban_lift"),
            *super().get_urls(),
        ]

    def commenter_view(self, request, commenter):
        """Everything about one commenter: counts, bans and comments, and the
        form to ban them."""
        if not request.user.has_perm("discussion.view_articlecomment"):
            raise PermissionDenied
        comments = ArticleComment.objects.filter(commenter=commenter)
        bans = Ban.objects.filter(commenter=commenter)
        if not _is_known(commenter):
            raise Http404("No comments or bans for this commenter.")
        may_ban = request.user.has_perm("discussion.add_ban")
        form = BanForm()
        if request.method == "POST":
            if not may_ban:
                raise PermissionDenied
            form = BanForm(request.POST)
            if form.is_valid():
                made = ban(commenter, **form.cleaned_data, user=request.user)
                self.log_addition(request, made, "Banned")
                self.message_user(request, f"{_length(made)}.", messages.SUCCESS)
                return redirect(commenter_url(commenter))
        # counted as each row of the queue counts them
        summary = ArticleComment.objects.commenter_counts([commenter]).get(
            commenter, {"published": 0, "removed": 0, "reported": 0}
        )
        latest = list(
            comments.select_related("article")
            .annotate(report_count=Count("reports"))
            .order_by("-submit_date")[:COMMENTS_SHOWN]
        )
        names = sorted({comment.user_name for comment in latest})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Commenter" + (f": {names[0]}" if len(names) == 1 else ""),
            "names": names,
            "summary": summary,
            "bans": [
                (each, _length(each))
                for each in bans.select_related("created_by", "lifted_by")
            ],
            "comments": latest,
            "shown": COMMENTS_SHOWN,
            "form": form,
            "may_ban": may_ban,
            "may_lift": request.user.has_perm("discussion.change_ban"),
            "commenter": commenter,
            "notes": ModeratorNote.objects.filter(commenter=commenter).select_related(
                "written_by"
            ),
            "comment_notes": ModeratorNote.objects.filter(
                comment__commenter=commenter
            ).select_related("written_by", "comment"),
            "may_note": request.user.has_perm("discussion.change_articlecomment"),
            **note_form_context(request, commenter_draft_key(commenter)),
        }
        return TemplateResponse(request, "admin/discussion/commenter.html", context)

    def add_note_view(self, request, commenter):
        """A moderator's private note on the commenter, as who and when: the
        same note, and the same limits, as on one of their comments."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("discussion.change_articlecomment"):
            raise PermissionDenied
        if not _is_known(commenter):
            raise Http404("No comments or bans for this commenter.")
        return add_note(
            request,
            commenter_url(commenter),
            commenter_draft_key(commenter),
            commenter=commenter,
        )

    def lift_view(self, request, pk):
        """Lift one ban, from its commenter's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("discussion.change_ban"):
            raise PermissionDenied
        lifted = get_object_or_404(Ban.objects.all(), pk=pk)
        if lift([lifted], request.user):
            self.log_change(request, lifted, "Lifted")
            self.message_user(request, "Ban lifted.", messages.SUCCESS)
        else:
            self.message_user(request, "That ban had already ended.", messages.INFO)
        return redirect(commenter_url(lifted.commenter))


def _is_known(commenter):
    return (
        ArticleComment.objects.filter(commenter=commenter).exists()
        or Ban.objects.filter(commenter=commenter).exists()
        or ModeratorNote.objects.filter(commenter=commenter).exists()
    )


def _length(ban):
    if ban.until is None:
        return "Banned for good"
    return f"Suspended until {_when(ban.until)}"


def _when(moment):
    # the admin's own style for a date and time, as its lists show them
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
