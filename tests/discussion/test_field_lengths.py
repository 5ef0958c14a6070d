"""Everything a reader types fits where it is kept: a value longer than its
model field is a form error that says the limit, never a database error (on
PostgreSQL a varchar refuses it; SQLite would quietly keep it)."""

import pytest
from django.db import models
from django.urls import reverse

from discussion.models import ArticleComment, CommentReport, PendingComment, QuickAnswer
from tests.factories import make_comment
from tests.helpers import comment_form_data, html

pytestmark = pytest.mark.django_db

# The model fields each public form fills from what the reader typed.
TYPED = {
    "comment": {
        "name": [(ArticleComment, "user_name"), (PendingComment, "user_name")],
        "email": [(ArticleComment, "user_email"), (PendingComment, "user_email")],
        "comment": [(ArticleComment, "comment"), (PendingComment, "comment")],
    },
    "report": {"details": [(CommentReport, "details")]},
}
# Text fields the site fills itself, from choices, digests, the request, the
# moderation policy (held_phrase) or (original_comment) the comment as it was
# sent.
NOT_TYPED = (
    {
        (ArticleComment, name)
        for name in ("object_pk", "user_url", "ip_address", "stance", "held_reason")
    }
    | {
        (ArticleComment, name)
        for name in (
            "original_comment",
            "text_look",
            "shape_look",
            "held_phrase",
            "commenter",
        )
    }
    | {(PendingComment, name) for name in ("digest", "stance", "ip_address")}
    | {(CommentReport, name) for name in ("reason", "reporter")}
    | {(QuickAnswer, name) for name in ("answer", "reader", "network")}
)


def limit_of(fields):
    limits = [model._meta.get_field(name).max_length for model, name in fields]
    return min(limit for limit in limits if limit)


def value_of_length(field, length):
    if field == "email":
        return "a" * (length - len("@example.org")) + "@example.org"
    return ("Word " * length)[: length - 1] + "."


def test_every_text_field_readers_fill_is_limited_by_a_form():
    typed = {
        pair for form in TYPED.values() for pairs in form.values() for pair in pairs
    }
    for model in (ArticleComment, PendingComment, CommentReport, QuickAnswer):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                assert (model, field.name) in typed | NOT_TYPED, (model, field.name)


def comment_post(client, article, field, value):
    return client.post(
        reverse("discussion:post"), comment_form_data(article, **{field: value})
    )


def report_post(client, comment, field, value):
    return client.post(
        reverse("discussion:report", args=[comment.pk]),
        {"reason": CommentReport.Reason.values[0], field: value},
    )


@pytest.mark.parametrize("field", list(TYPED["comment"]))
def test_a_comment_field_one_over_its_limit_is_a_form_error_saying_the_limit(
    client, mailoutbox, article, field
):
    limit = limit_of(TYPED["comment"][field])

    too_long = comment_post(client, article, field, value_of_length(field, limit + 1))
    just_fits = comment_post(client, article, field, value_of_length(field, limit))

    assert too_long.status_code == 400
    assert f"{limit:,} characters or fewer" in html(too_long)
    assert just_fits.status_code == 302
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("length", [255, 256, 280, 300, 319, 320, 321, 400, 5000])
def test_an_email_address_too_long_to_keep_is_a_form_error(
    client, mailoutbox, article, length
):
    response = comment_post(client, article, "email", value_of_length("email", length))

    assert response.status_code == 400
    assert "Enter an email address of 254 characters or fewer" in html(response)
    assert not PendingComment.objects.exists()
    assert mailoutbox == []


def test_a_report_field_one_over_its_limit_is_a_form_error_saying_the_limit(
    client, article
):
    comment = make_comment(article)
    limit = limit_of(TYPED["report"]["details"])

    too_long = report_post(client, comment, "details", "x" * (limit + 1))
    just_fits = report_post(client, comment, "details", "x" * limit)

    assert too_long.status_code == 400
    assert f"{limit:,} characters or fewer" in html(too_long)
    assert just_fits.status_code == 200
    assert CommentReport.objects.get().details == "x" * limit


# The lengths README.md states, written out, so that a changed limit fails here.
@pytest.mark.parametrize(
    ("field", "kept_as", "limit"),
    [
        ("email", "user_email", 254),
        ("name", "user_name", 50),
        ("comment", "comment", 3000),
    ],
)
def test_a_comment_takes_the_lengths_the_readme_states(
    client, mailoutbox, article, field, kept_as, limit
):
    too_long = comment_post(client, article, field, value_of_length(field, limit + 1))
    just_fits = comment_post(client, article, field, value_of_length(field, limit))

    assert too_long.status_code == 400
    assert f"{limit:,} characters or fewer" in html(too_long)
    assert just_fits.status_code == 302
    kept = getattr(PendingComment.objects.get(), kept_as)
    assert kept == value_of_length(field, limit)


def test_report_details_take_the_1000_characters_the_readme_states(client, article):
    comment = make_comment(article)

    too_long = report_post(client, comment, "details", "x" * 1001)
    just_fits = report_post(client, comment, "details", "x" * 1000)

    assert too_long.status_code == 400
    assert "1,000 characters or fewer" in html(too_long)
    assert just_fits.status_code == 200
    assert CommentReport.objects.get().details == "x" * 1000
