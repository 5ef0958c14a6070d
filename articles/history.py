"""Every save of content kept by django-reversion, with who made it and when:
the admin's history lists the versions, reverts to one (reversion's own
view) and compares two, field by field."""

import difflib
import re
from itertools import zip_longest
from urllib.parse import urlencode

from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import ManyToManyField
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin
from reversion.models import Version

_WORDS = re.compile(r"(\s+)")


def marked_changes(old, new):
    """old and new as escaped HTML, what changed between them marked with
    <del> in the one and <ins> in the other, word by word."""
    old_words, new_words = _WORDS.split(old), _WORDS.split(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    old_html, new_html = [], []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = escape("".join(old_words[i1:i2]))
        added = escape("".join(new_words[j1:j2]))
        if operation == "equal":
            old_html.append(removed)
            new_html.append(added)
            continue
        if removed:
            old_html.append(f"<del>{removed}</del>")
        if added:
            new_html.append(f"<ins>{added}</ins>")
    return mark_safe("".join(old_html)), mark_safe("".join(new_html))


def shown_value(field, value):
    """A field's value in a version as an editor reads it."""
    if value is None or value == "":
        return ""
    if field.many_to_many:
        related = field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(str(item) for item in related)
    if field.is_relation:
        item = field.related_model._default_manager.filter(pk=value).first()
        return str(item) if item else f"(deleted, #{value})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "tzinfo"):
        return formats.localize(timezone.localtime(value))
    return str(value)


def followed_values(version, model):
    """The field values of each object of `model` saved with a version (an
    article's points, say)."""
    content_type = ContentType.objects.get_for_model(model)
    return [
        other.field_dict
        for other in version.revision.version_set.filter(content_type=content_type)
    ]


class HistoryAdmin(VersionAdmin):
    """An admin whose saves are versions, with who saved them: history lists
    them, each can be reverted to, and two can be compared."""

    object_history_template = "admin/versioned_history.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        versions = list(
            Version.objects.get_for_object_reference(
                self.model, unquote(object_id)
            ).select_related("revision__user")
        )
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name
        compare_url = reverse("{}:{}_{}_compare".format(*info), args=[object_id])
        rows = [
            {
                "version": version,
                "revert_url": reverse(
                    "{}:{}_{}_revision".format(*info),
                    args=[quote(version.object_id), version.pk],
                ),
                "compare_url": (
                    f"{compare_url}?{urlencode({'from': before.pk, 'to': version.pk})}"
                    if before
                    else ""
                ),
            }
            # each version and the one saved before it, if any
            for version, before in zip_longest(versions, versions[1:])
        ]
        return super().history_view(
            request, object_id, {"history_rows": rows, **(extra_context or {})}
        )

    def compare_view(self, request, object_id):
        """Two versions side by side, field by field, changes marked: read only."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        try:
            older = versions.get(pk=int(request.GET.get("from", "")))
            newer = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist) as error:
            raise Http404 from error
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        rows = []
        for label, old, new in self.compared_values(older, newer):
            old_html, new_html = marked_changes(old, new)
            rows.append(
                {
                    "label": label,
                    "old": old_html,
                    "new": new_html,
                    "changed": old != new,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions of {obj}",
            "opts": self.opts,
            "original": obj,
            "older": older,
            "newer": newer,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/versions_compare.html", context)

    def compared_values(self, older, newer):
        """(label, older text, newer text) for each field editors change."""
        fields = [
            field
            for field in [*self.opts.concrete_fields, *self.opts.many_to_many]
            # taggit's manager is no many-to-many field: subclasses show tags
            if (isinstance(field, ManyToManyField) or not field.many_to_many)
            and field.editable
            and not field.primary_key
            and field.attname in older.field_dict
        ]
        for field in fields:
            yield (
                str(field.verbose_name).capitalize(),
                shown_value(field, older.field_dict.get(field.attname)),
                shown_value(field, newer.field_dict.get(field.attname)),
            )
