"""Undoing a decision, for UNDO_SECONDS, from the Undo button in the
message the decision leaves (see discussion/decisions.py's undo())."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from ..decisions import undo
from ..models import ArticleComment


class UndoDecisions:
    """The undo view of the comments admin, and the button that posts to it."""

    def get_urls(self):
        undo_decision = self.admin_site.admin_view(self.undo_view)
        return [
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
