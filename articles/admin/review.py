"""Review before publishing, in the articles admin (rules in ../review.py).

Editors see the statuses they may set (Draft, Ready for review), and a
published or scheduled article read only but for its comments switch. The
server refuses, with a 403, whatever would publish, schedule or unpublish an
article or change a published one, on every route: the add and change forms,
the list's actions and the history's revert and recover."""

import re

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.utils import formats, timezone
from reversion import is_active, set_comment
from reversion.models import Version

from .. import review
from ..models import Article

PUBLISHING_ACTIONS = ("publish", "unpublish")
# a point's fields in the article form's inline, as posted
POINT_FIELD = re.compile(r"^points-\d+-(text|perspective|position|DELETE)$")
LOCKED_MESSAGE = (
    "This article is published or scheduled. Only Publishers can change it. "
    "You can still open or close its comments."
)


class StateFilter(admin.SimpleListFilter):
    """Draft, ready for review, scheduled or published."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("ready", "Ready for review"),
            ("scheduled", "Scheduled"),
            ("published", "Published"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "draft":
                return queryset.filter(status=Article.Status.DRAFT)
            case "ready":
                return queryset.filter(status=Article.Status.READY_FOR_REVIEW)
            case "scheduled":
                return queryset.filter(
                    status=Article.Status.PUBLISHED, published_at__gt=now
                )
            case "published":
                return queryset.published()
        return queryset


class ReviewInline:
    """An inline of the article's own content: read only to editors once the
    article is published or scheduled."""

    def _locked_for(self, request, article):
        return (
            article is not None
            and review.is_locked(article.status)
            and not review.may_publish(request.user)
        )

    def has_add_permission(self, request, obj):
        return not self._locked_for(request, obj) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return not self._locked_for(request, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not self._locked_for(request, obj) and super().has_delete_permission(
            request, obj
        )


class ReviewAdmin:
    """The article admin's part in review before publishing."""

    def _is_locked_for(self, request, article):
        return (
            article is not None
            and review.is_locked(article.status)
            and not review.may_publish(request.user)
        )

    def _locked_fields(self, request):
        """The form's fields an editor may not change on a published article."""
        fields = flatten_fieldsets(self.get_fieldsets(request))
        return [
            name
            for name in fields
            if name not in review.EDITORS_MAY_CHANGE_WHEN_PUBLISHED
        ]

    def has_publish_permission(self, request):
        return review.may_publish(request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("status_changed_by")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self._is_locked_for(request, obj):
            readonly += [f for f in self._locked_fields(request) if f not in readonly]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if self._is_locked_for(request, obj):
            return {}  # the slug is read only
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        published_at = form.base_fields.get("published_at")
        if published_at is not None:
            # Django's split inputs say "Date:" and "Time:" as plain text
            date, time = published_at.widget.widgets
            date.attrs["aria-label"] = "Publish date"
            time.attrs["aria-label"] = "Publish time"
        status = form.base_fields.get("status")
        if status is not None and not review.may_publish(request.user):
            # only the choices an editor may set; posting another is refused
            # (save_model), not mistaken for a typing error
            status.widget.choices = [
                choice for choice in status.choices if not review.is_locked(choice[0])
            ]
            status.help_text = (
                "Choose Ready for review when the article is ready: "
                "Publishers publish or schedule it."
            )
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id and not review.may_publish(request.user):
            article = self.get_object(request, unquote(object_id))
            if self._is_locked_for(request, article):
                if request.method == "POST":
                    self._refuse_locked_changes(request)
                else:
                    messages.info(request, LOCKED_MESSAGE)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _refuse_locked_changes(self, request):
        """A published article's form shows its fields read only to editors:
        a post that carries any of them is refused, not quietly ignored."""
        locked = self._locked_fields(request)
        for key in request.POST:
            field = re.sub(r"(_\d+|-clear)$", "", key)
            if field in locked or POINT_FIELD.match(key):
                raise PermissionDenied("Only Publishers can change a published article")

    def save_model(self, request, obj, form, change):
        before = review.stored_status(obj)
        if not review.may_save(request.user, before, obj):
            raise PermissionDenied(
                "Only Publishers can publish, schedule or unpublish an article"
            )
        obj._state_comment = review.record_state(obj, request.user, before)
        super().save_model(request, obj, form, change)
        review.after_state_saved(obj, request.user, before)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment_state(obj, entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._comment_state(obj, entry)
        return entry

    def _comment_state(self, obj, entry):
        comment = getattr(obj, "_state_comment", "")
        if comment and is_active():
            set_comment(f"{comment}. {entry.get_change_message()}")

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not review.may_publish(request.user):
            article = self.get_object(request, unquote(object_id))
            version = get_object_or_404(Version, pk=version_id)
            if self._is_locked_for(request, article) or self._was_published(version):
                raise PermissionDenied(
                    "Only Publishers can restore a published article's versions"
                )
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        if not review.may_publish(request.user) and self._was_published(version):
            raise PermissionDenied("Only Publishers can restore a published article")
        return super().recover_view(request, version_id, extra_context)

    def _was_published(self, version):
        return review.is_locked(version.field_dict.get("status"))

    def changelist_view(self, request, extra_context=None):
        if (
            request.method == "POST"
            and request.POST.get("action") in PUBLISHING_ACTIONS
            and not review.may_publish(request.user)
        ):
            raise PermissionDenied("Only Publishers can publish or unpublish")
        return super().changelist_view(request, extra_context)

    @admin.display(description="Status set by", ordering="status_changed_at")
    def status_set_by(self, article):
        if article.status_changed_by is None:
            return "–"
        when = formats.date_format(
            timezone.localtime(article.status_changed_at), "j F Y"
        )
        return f"{review.name_of(article.status_changed_by)}, {when}"

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish(self, request, queryset):
        count = review.publish(queryset, request.user)
        self.message_user(
            request, f"{count} article{pluralize(count)} published.", messages.SUCCESS
        )

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = review.unpublish(queryset, request.user)
        self.message_user(
            request, f"{count} article{pluralize(count)} unpublished.", messages.SUCCESS
        )
