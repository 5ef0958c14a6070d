"""The public CSV of an article's published comments: no personal data,
nothing hidden, safe to open in a spreadsheet; its columns described. And
the commenter data commands cover stances."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from discussion.models import ArticleComment
from tests.factories import make_comment

pytestmark = pytest.mark.django_db


def csv_rows(client, article):
    response = client.get(reverse("discussion:summary-csv", args=[article.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_lists_published_comments_without_personal_data(client, article):
    point = article.points.first()
    parent = make_comment(
        article,
        user_name="Priya",
        user_email="priya@example.org",
        ip_address="192.0.2.1",
        point=point,
        perspective=point.perspective,
        stance="agree",
        is_featured=True,
        comment="Agreed.",
    )
    reply = make_comment(article, parent=parent, comment="Me too.")
    make_comment(article, comment="Held words.", is_public=False)
    make_comment(article, comment="Removed words.", is_removed=True)

    rows = csv_rows(client, article)

    assert list(rows[0]) == [
        "id",
        "date",
        "name",
        "perspective",
        "point",
        "stance",
        "text",
        "parent id",
        "featured",
    ]
    assert [row["text"] for row in rows] == ["Agreed.", "Me too."]
    first = rows[0]
    assert first["point"] == f"1. {point.text}"
    assert first["stance"] == "agree" and first["featured"] == "yes"
    assert first["perspective"] == point.perspective.name
    assert first["date"].startswith(str(parent.submit_date.year))
    assert "T" in first["date"]
    assert rows[1]["parent id"] == str(parent.pk) and rows[1]["id"] == str(reply.pk)
    everything = json.dumps(rows)
    assert "priya@example.org" not in everything and "192.0.2.1" not in everything


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_a_spreadsheet_would_run_are_made_safe(client, article, start):
    make_comment(article, comment=f"{start}SUM(A1)", user_name=f"{start}cmd")

    row = csv_rows(client, article)[0]

    assert row["text"] == f"'{start}SUM(A1)"
    # a name is one line: a leading tab or return is dropped, not quoted
    assert row["name"] == ("cmd" if start.isspace() else f"'{start}cmd")


def test_the_summary_links_to_the_csvs_and_their_data_dictionary(client, article):
    make_comment(article)
    page = client.get(reverse("discussion:summary", args=[article.slug]))
    data = client.get(reverse("discussion:summary-data", args=[article.slug]))

    for name in ("discussion:summary-csv", "discussion:summary-answers-csv"):
        assert reverse(name, args=[article.slug]) in page.content.decode()
    assert data.status_code == 200
    for column in ("parent id", "featured", "stance", "ISO 8601", "answered as"):
        assert column in data.content.decode()


def test_drafts_have_no_csv(client, draft_article):
    url = reverse("discussion:summary-csv", args=[draft_article.slug])
    assert client.get(url).status_code == 404


def test_the_export_includes_stance_and_featured(article):
    point = article.points.first()
    make_comment(
        article,
        user_email="sam@example.org",
        point=point,
        stance="disagree",
        is_featured=True,
    )
    out = StringIO()

    call_command("commenter_data", "sam@example.org", "--export", stdout=out)

    exported = json.loads(out.getvalue())["comments"][0]
    assert exported["stance"] == "Disagree"
    assert exported["featured"] is True


def test_erasing_clears_the_stance(article):
    point = article.points.first()
    make_comment(
        article,
        user_email="sam@example.org",
        point=point,
        stance="agree",
        is_featured=True,
    )

    call_command("commenter_data", "sam@example.org", "--erase", stdout=StringIO())

    comment = ArticleComment.objects.get()
    assert comment.stance == "" and not comment.is_featured


def test_the_privacy_notice_mentions_stances(client, pages):
    page = client.get(reverse("privacy")).content.decode()
    assert "whether you agree, disagree or have mixed views" in page
