"""Analysts export comments and answer counts as CSV and XLSX from the admin;
no export names commenters unless a superuser asks for it by name."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from discussion.admin.exports import (
    AnswerCountResource,
    CommentResource,
    CommentWithPersonalDataResource,
)
from discussion.models import ArticleComment, QuickAnswer
from tests.factories import make_comment

pytestmark = pytest.mark.django_db

COMMENT_COLUMNS = [
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
    "submitted (Europe/London)",
    "published (Europe/London)",
]
CSV_FORMAT, XLSX_FORMAT = "0", "1"


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("analyst", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_articlecomment", "view_quickanswer"]
        )
    )
    return user


@pytest.fixture
def comments(published_article, perspective):
    point = published_article.points.get()
    first = make_comment(
        published_article,
        comment="First words",
        user_name="Priya Shah",
        stance="agree",
        perspective=perspective,
        point=point,
        user_email="priya@example.org",
        ip_address="192.0.2.44",
    )
    reply = make_comment(published_article, parent=first, comment="A reply")
    return first, reply


def export(client, url, file_format, resource=CommentResource, resource_index=None):
    data = {"format": file_format}
    if resource_index is not None:
        data["resource"] = str(resource_index)
    prefix = resource.__name__.lower()
    for field in resource().get_export_order():
        data[f"{prefix}_{field}"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return response


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


COMMENTS_EXPORT = reverse("admin:discussion_articlecomment_export")


def test_comments_export_as_csv_without_personal_data(client, moderator, comments):
    client.force_login(moderator)
    rows = csv_rows(export(client, COMMENTS_EXPORT, CSV_FORMAT))
    assert rows[0] == COMMENT_COLUMNS
    first, reply = comments
    by_id = {row[0]: dict(zip(COMMENT_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_id[str(first.pk)]["text"] == "First words"
    assert by_id[str(first.pk)]["perspective"] == "Frontline staff"
    assert by_id[str(first.pk)]["parent"] == ""
    assert by_id[str(reply.pk)]["parent"] == str(first.pk)
    assert by_id[str(first.pk)]["status"] == "Published"
    assert by_id[str(first.pk)]["name"] == "Priya Shah"
    assert by_id[str(first.pk)]["article"] == "Published piece"
    assert by_id[str(first.pk)]["point"] == first.point.text
    assert by_id[str(first.pk)]["stance"] == "Agree"
    content = "\n".join(",".join(row) for row in rows)
    assert "priya@example.org" not in content and "192.0.2.44" not in content


def test_comments_export_as_xlsx_without_personal_data(client, moderator, comments):
    client.force_login(moderator)
    rows = xlsx_rows(export(client, COMMENTS_EXPORT, XLSX_FORMAT))
    assert rows[0] == COMMENT_COLUMNS
    assert len(rows) == 3
    cells = " ".join(str(cell) for row in rows for cell in row)
    assert "priya@example.org" not in cells and "192.0.2.44" not in cells


def test_only_superusers_are_offered_personal_data(client, moderator, admin_client):
    client.force_login(moderator)
    assert "personal data" not in client.get(COMMENTS_EXPORT).content.decode()
    assert "personal data" in admin_client.get(COMMENTS_EXPORT).content.decode()
    # asking for it by its place in the list gives the plain export
    data = {"format": CSV_FORMAT, "resource": "1"}
    response = client.post(COMMENTS_EXPORT, data)
    assert b"priya@example.org" not in response.content


def test_a_superuser_exports_personal_data_and_it_is_recorded(admin_client, comments):
    response = export(
        admin_client,
        COMMENTS_EXPORT,
        XLSX_FORMAT,
        resource=CommentWithPersonalDataResource,
        resource_index=1,
    )
    rows = xlsx_rows(response)
    assert rows[0] == [*COMMENT_COLUMNS, "email", "IP address"]
    assert "priya@example.org" in [row[-2] for row in rows]
    entry = LogEntry.objects.get()
    assert "with email and IP addresses" in entry.change_message


def test_a_plain_superuser_export_is_not_recorded(admin_client, comments):
    export(admin_client, COMMENTS_EXPORT, CSV_FORMAT, resource_index=0)
    assert not LogEntry.objects.exists()


def test_answer_counts_export_follows_the_small_number_rule(
    client, moderator, published_article, perspective
):
    point = published_article.points.get()
    given = [("agree", perspective)] * 6 + [("disagree", perspective)]
    given += [("unsure", None)] * 2
    for number, (value, as_) in enumerate(given):
        QuickAnswer.objects.create(
            point=point,
            article=published_article,
            perspective=as_,
            answer=value,
            reader=f"reader-{number}",
            network="n",
        )
    client.force_login(moderator)
    url = reverse("admin:discussion_quickanswer_export")
    rows = csv_rows(export(client, url, CSV_FORMAT, resource=AnswerCountResource))
    header = ["article", "point id", "point", "answered as"]
    counts = ["agree", "disagree", "unsure", "total", "most", "common ground"]
    assert rows[0] == [*header, *counts]
    start = [published_article.title, str(point.pk), f"1. {point.text}"]
    few, more = "fewer than 5", "5 or more"
    assert rows[1:] == [
        [*start, "Frontline staff", "6", few, "0", more, "agree", ""],
        [*start, "Other answers", few, few, few, few, "", ""],
        [*start, "All answers", more, few, few, more, "", rows[3][-1]],
    ]
    assert rows[3][-1].startswith("Too few answers to compare perspectives")
    xlsx = xlsx_rows(export(client, url, XLSX_FORMAT, resource=AnswerCountResource))
    assert xlsx[0] == [*header, *counts]
    assert [str(cell) for cell in xlsx[1][3:8]] == rows[1][3:8]


def exported_row(client, comment, file_format=CSV_FORMAT):
    rows = (csv_rows if file_format == CSV_FORMAT else xlsx_rows)(
        export(client, COMMENTS_EXPORT, file_format)
    )
    assert rows[0] == COMMENT_COLUMNS
    by_id = {str(row[0]): dict(zip(COMMENT_COLUMNS, row, strict=True)) for row in rows}
    return by_id[str(comment.pk)]


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
@pytest.mark.parametrize(
    ("submitted_utc", "published_utc", "submitted", "published"),
    [
        # summer time: London is an hour ahead of UTC
        (
            datetime.datetime(2026, 7, 1, 8, 59, 59, 987654, tzinfo=datetime.UTC),
            datetime.datetime(2026, 7, 1, 23, 30, 5, 1, tzinfo=datetime.UTC),
            "2026-07-01T09:59:59+01:00",
            "2026-07-02T00:30:05+01:00",
        ),
        # winter: London is on UTC
        (
            datetime.datetime(2026, 12, 7, 16, 26, 3, 500000, tzinfo=datetime.UTC),
            datetime.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.UTC),
            "2026-12-07T16:26:03+00:00",
            "2026-12-31T23:59:59+00:00",
        ),
        # the hour that happens twice when the clocks go back
        (
            datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC),
            datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC),
            "2026-10-25T01:30:00+01:00",
            "2026-10-25T01:30:00+00:00",
        ),
    ],
)
def test_dates_are_london_time_to_the_second_with_their_offset(
    client,
    moderator,
    published_article,
    file_format,
    submitted_utc,
    published_utc,
    submitted,
    published,
):
    comment = make_comment(published_article)
    ArticleComment.objects.filter(pk=comment.pk).update(
        submit_date=submitted_utc, followers_notified_at=published_utc
    )
    client.force_login(moderator)
    row = exported_row(client, comment, file_format)
    assert row["submitted (Europe/London)"] == submitted
    assert row["published (Europe/London)"] == published
    for column in ("submitted (Europe/London)", "published (Europe/London)"):
        moment = datetime.datetime.fromisoformat(row[column])
        assert moment.microsecond == 0
    assert datetime.datetime.fromisoformat(submitted) == submitted_utc.replace(
        microsecond=0
    )


def test_a_comment_never_published_has_no_published_date(
    client, moderator, published_article
):
    held = make_comment(published_article, is_public=False)
    client.force_login(moderator)
    row = exported_row(client, held)
    assert row["published (Europe/London)"] == ""
    assert row["status"] == "Awaiting moderation"
    assert row["submitted (Europe/London)"] != ""


def test_publishing_a_comment_records_when_for_the_export(
    client, moderator, published_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = make_comment(published_article)
    client.force_login(moderator)
    row = exported_row(client, comment)
    published = datetime.datetime.fromisoformat(row["published (Europe/London)"])
    assert abs(published - timezone.now()) < datetime.timedelta(minutes=1)


def test_the_address_leads_to_the_comment_in_place(
    client, moderator, published_article, settings
):
    comment = make_comment(published_article)
    client.force_login(moderator)
    address = exported_row(client, comment)["address"]
    assert address.startswith(settings.SITE_URL.rstrip("/") + "/")
    landing = client.get(address.removeprefix(settings.SITE_URL.rstrip("/")))
    assert landing.status_code == 302
    assert landing["Location"].startswith(published_article.get_absolute_url())
    assert landing["Location"].endswith(f"#{comment.anchor}")


@pytest.mark.parametrize(
    "name",
    [
        "Priya\nShah",
        "Priya\r\nShah",
        "Priya\u2028Shah",
        "Priya\u2029Shah",
        "Priya\x85Shah",
        "Priya\x0bShah",
        "Priya\tShah",
        "Priya\u202eShah",
        "Priya \n\n  Shah",
    ],
)
@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_a_name_is_exported_on_one_line(
    client, moderator, published_article, name, file_format
):
    comment = make_comment(published_article, user_name=name)
    client.force_login(moderator)
    assert exported_row(client, comment, file_format)["name"] == "Priya Shah"


def test_the_export_reads_the_same_few_queries_for_many_comments(
    client, moderator, published_article, perspective, django_assert_max_num_queries
):
    point = published_article.points.get()
    for _ in range(30):
        make_comment(published_article, perspective=perspective, point=point)
    client.force_login(moderator)
    with django_assert_max_num_queries(12):
        rows = csv_rows(export(client, COMMENTS_EXPORT, CSV_FORMAT))
    assert len(rows) == 31
