"""Exports for analysts (django-import-export), CSV and XLSX: comments, and
the quick answers counted per point and perspective.

Dates are Europe/London time, to the second, with their offset. No export
names a commenter's e-mail or IP address, except the one a
superuser chooses by name, "Comments with personal data"; each such export
is recorded in the admin's history. Only staff who may see a list export it,
and no cell of any export runs as a formula (spreadsheets.py).
"""

from zoneinfo import ZoneInfo

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import BadRequest
from django.db.models import Count
from import_export import fields, resources
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX

from articles.models import ArgumentPoint, Perspective
from insight.site import absolute_url

from ..answer_rows import ANSWER_COLUMNS, answer_rows
from ..models import ArticleComment
from ..normalise import one_line
from ..spreadsheets import safe_cell

LONDON = ZoneInfo("Europe/London")


class SafeCells:
    """A resource whose text cells no spreadsheet runs as formulas, in every
    format: openpyxl would store a text starting with = as a live formula."""

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return safe_cell(value) if isinstance(value, str) else value


def _optional(attribute):
    """A comment's value that only some versions of the model have: stance
    and featured come with the summary pages, and are "" until then."""

    def value(comment):
        found = getattr(comment, attribute, "")
        if hasattr(comment, f"get_{attribute}_display"):
            return getattr(comment, f"get_{attribute}_display")() if found else ""
        return found

    return value


def london_time(moment):
    """A moment as Europe/London reads it, to the second, with its offset:
    "2026-07-01T09:59:59+01:00" (the offset tells the hour that happens twice
    when the clocks go back from itself)."""
    if moment is None:
        return ""
    local = moment.astimezone(LONDON).replace(microsecond=0)
    return local.isoformat()


class CommentResource(SafeCells, resources.ModelResource):
    """Comments as analysts read them, with the names shown on the site but
    no e-mail or IP addresses."""

    id = fields.Field(attribute="pk", column_name="id")
    article = fields.Field(attribute="article__title", column_name="article")
    address = fields.Field(column_name="address")
    name = fields.Field(column_name="name")
    perspective = fields.Field(attribute="perspective__name", column_name="perspective")
    point = fields.Field(attribute="point__text", column_name="point")
    stance = fields.Field(column_name="stance")
    text = fields.Field(attribute="comment", column_name="text")
    parent = fields.Field(column_name="parent")
    featured = fields.Field(column_name="featured")
    status = fields.Field(column_name="status")
    submitted = fields.Field(column_name="submitted (Europe/London)")
    published = fields.Field(column_name="published (Europe/London)")

    class Meta:
        model = ArticleComment
        name = "Comments"
        fields = (
            "id",
            "article",
            "address",
            "name",
            "perspective",
            "point",
            "stance",
            "text",
            "parent",
            "featured",
            "status",
            "submitted",
            "published",
        )
        export_order = fields

    def dehydrate_address(self, comment):
        # the comment's own address leads to it in place, on its page
        return absolute_url(comment.get_absolute_url())

    def dehydrate_name(self, comment):
        return one_line(comment.user_name)

    def dehydrate_stance(self, comment):
        return _optional("stance")(comment)

    def dehydrate_featured(self, comment):
        featured = getattr(comment, "is_featured", "")
        return "" if featured == "" else ("Yes" if featured else "No")

    def dehydrate_parent(self, comment):
        # xtd makes a first comment its own parent
        return "" if comment.parent_id == comment.pk else comment.parent_id

    def dehydrate_status(self, comment):
        return comment.get_status_display()

    def dehydrate_submitted(self, comment):
        return london_time(comment.submit_date)

    def dehydrate_published(self, comment):
        # set once, the first time readers could see the comment
        return london_time(comment.followers_notified_at)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("article", "perspective", "point")


class CommentWithPersonalDataResource(CommentResource):
    """The same, with each commenter's e-mail and IP address: superusers only."""

    email = fields.Field(attribute="user_email", column_name="email")
    ip_address = fields.Field(attribute="ip_address", column_name="IP address")

    class Meta(CommentResource.Meta):
        name = "Comments with personal data (email and IP address)"
        fields = (*CommentResource.Meta.fields, "email", "ip_address")
        export_order = fields


class ListExportMixin(ExportMixin):
    """An admin list's Export button, for staff who may see the list and for
    no one else, exporting what the list's filters show."""

    export_formats = [CSV, XLSX]

    def has_export_permission(self, request):
        # the question the list itself asks (import-export would ask none)
        return self.has_view_or_change_permission(request)

    def get_export_queryset(self, request):
        try:
            return super().get_export_queryset(request)
        except IncorrectLookupParameters as error:
            raise BadRequest("Filter the list with its own filters.") from error


class CommentExportMixin(ListExportMixin):
    """The comments admin's Export button."""

    resource_classes = [CommentResource, CommentWithPersonalDataResource]

    def get_export_resource_classes(self, request):
        if request.user.is_superuser:
            return self.resource_classes
        return [CommentResource]

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        chosen = self.choose_export_resource_class(kwargs.get("export_form"), request)
        if chosen is CommentWithPersonalDataResource:
            LogEntry.objects.create(
                user_id=request.user.pk,
                content_type=ContentType.objects.get_for_model(ArticleComment),
                object_repr="Comments",
                action_flag=CHANGE,
                change_message=(
                    f"Exported {len(data)} comments with email and IP addresses"
                ),
            )
        return data


class AnswerCountResource(SafeCells, resources.Resource):
    """Quick answers per point and perspective, shown by the small-number
    rule: the numbers the public summary shows (answer_rows.py)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in ANSWER_EXPORT_COLUMNS:
            self.fields[name] = fields.Field(attribute=name, column_name=name)

    @classmethod
    def get_display_name(cls):
        return "Answers per point and perspective"


ANSWER_EXPORT_COLUMNS = [
    "article",
    "point id",
    *[name for name, _description in ANSWER_COLUMNS if name != "article"],
]


def counted(answers):
    """Rows (as dicts) of the answers' counts per point and perspective, by
    the small-number rule, for the points these answers are to."""
    rows = (
        answers.order_by()
        .values_list("point_id", "perspective_id", "answer")
        .annotate(count=Count("pk"))
    )
    counts = {(point, perspective, answer): n for point, perspective, answer, n in rows}
    answered = {point for point, _perspective, _answer in counts}
    # every point of those articles, so each is numbered as in the article
    points = ArgumentPoint.objects.select_related("article").filter(
        article__points__in=answered
    )
    points = sorted(
        set(points), key=lambda p: (p.article.title, p.article_id, p.position, p.pk)
    )
    perspectives = list(Perspective.objects.all())
    found = []
    names = [name for name, _description in ANSWER_COLUMNS]
    for cells, point in answer_rows(points, counts, perspectives, with_points=True):
        row = dict(zip(names, cells, strict=True))
        row["point id"] = point.pk
        found.append(row)
    return found


class AnswerExportMixin(ListExportMixin):
    """The quick answers admin's Export button: counts, never single answers."""

    resource_classes = [AnswerCountResource]

    def get_export_queryset(self, request):
        return counted(super().get_export_queryset(request))
