"""Undoing a decision, or a bulk action's decisions together, for
UNDO_SECONDS, from the Undo button in the message it leaves (see
discussion/decisions.py's undo() and undo_many())."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme

from ..decisions import undo, undo_many
from ..models import ArticleComment

# A bulk action over more comments than this (every page of a filter, say)
# leaves no Undo button: its form would be too big to carry in a message.
BULK_UNDO_AT_MOST = 100


class UndoDecisions:
    """The undo view of the comments admin, and the button that posts to it."""

    def get_urls(self):
        undo_decision = self.admin_site.admin_view(self.undo_view)
        undo_decisions = self.admin_site.admin_view(self.undo_many_view)
        return [
            path("undo/", undo_decisions, name="discussion_undo_many"),
            path(
                "<id:pk>/undo/<int:decision_id>/",
                undo_decision,
                name="discussion_undo",
            ),
            *super().get_urls(),
        ]

    def _undo_button(self, request, outcome):
        """A form of its own, in the decision's message: it works without
        JavaScript, and posts with the CSRF token as every decision does."""
        return format_html(
            '<form method="post" action="{}" class="undo-decision">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button type="submit" class="button">Undo<span class="visually-hidden">'
            " {} comment by {}</span></button></form>",
            reverse(
                "admin:discussion_undo",
                args=[outcome.comment.pk, outcome.decision.pk],
            ),
            get_token(request),
            outcome.done.lower(),
            outcome.comment.user_name,
        )

    def _with_bulk_undo(self, request, message, decisions):
        """A bulk action's message, with an Undo button for all it decided
        when it decided anything and not too much for one form."""
        if not decisions or len(decisions) > BULK_UNDO_AT_MOST:
            return message
        count = len(decisions)
        return format_html(
            '{} <form method="post" action="{}" class="undo-decision">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}'
            '<button type="submit" class="button">Undo<span class="visually-hidden">'
            " the decisions on {} comment{}</span></button></form>",
            message,
            reverse("admin:discussion_undo_many"),
            get_token(request),
            format_html_join(
                "",
                '<input type="hidden" name="decision" value="{}">',
                ((decision.pk,) for decision in decisions),
            ),
            count,
            pluralize(count),
        )

    def undo_many_view(self, request):
        """Undo a bulk action's decisions, all or none; back to the list."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        wanted = request.POST.getlist("decision")
        if not wanted or not all(each.isdigit() for each in wanted):
            raise Http404
        outcome = undo_many([int(each) for each in wanted], request.user)
        if outcome is None:
            raise Http404
        undone, refused = outcome
        if undone:
            self.message_user(request, f"{undone} comment{pluralize(undone)}: undone.")
        else:
            self.message_user(request, f"{refused}. Nothing changed.", messages.WARNING)
        return self._back(request)

    def undo_view(self, request, pk, decision_id):
        """Undo a decision from the Undo button in its message; back to where
        the button was."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(ArticleComment.objects.all(), pk=pk)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        outcome = undo(comment.pk, decision_id, request.user)
        if outcome.comment is None:
            raise Http404
        if outcome.done:
            self.log_change(request, outcome.comment, outcome.done)
            self.message_user(request, f"Comment by {comment.user_name}: undone.")
        else:
            self.message_user(
                request,
                f"Comment by {comment.user_name}: {outcome.already}. Nothing changed.",
                messages.WARNING,
            )
        return self._back(request)

    def _back(self, request):
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            back, {request.get_host()}, request.is_secure()
        ):
            back = reverse("admin:discussion_articlecomment_changelist")
        return redirect(back)
