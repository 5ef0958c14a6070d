"""Hostile input through the real comment form: nothing runs, nothing breaks
the page, every refusal says why, valid text is kept as typed."""

import re

import pytest
from django.urls import reverse

from discussion.forms import CONTROL_CHARACTERS
from discussion.models import ArticleComment
from discussion.normalise import looks_alike
from tests.helpers import (
    CONTROL,
    CORPUS,
    SCRIPTS,
    SQL,
    XSS,
    post_comment,
    problems_in,
    tags,
)

pytestmark = pytest.mark.usefixtures("room_for_many_comments")


def test_the_corpus_has_at_least_a_hundred_distinct_inputs():
    assert len(set(CORPUS)) == len(CORPUS) >= 100


def post(client, article, **fields):
    """Send the comment box by its Post button (not Preview)."""
    return post_comment(client, article, post="", **fields)


def refusal_message(html):
    """The reasons a refusal gives, or [] if it gives none."""
    summary = re.search(r'class="error-summary".*?</div>', html, re.S)
    if summary:
        return [
            text.strip()
            for text in re.findall(r"<li>(?:<a [^>]*>)?([^<]+)", summary.group())
            if text.strip()
        ] or re.findall(r"<p>([^<]+)</p>", summary.group())
    return re.findall(r"<h1>([^<]*could not[^<]*)</h1>", html)


def check_field(admin_client, article, field, values, expect_stored):
    """Post each value in one field; report what went wrong, if anything."""
    baseline = post(admin_client, article, comment="", name="Baseline")
    assert baseline.status_code == 400
    form_tags = tags(baseline.content.decode())
    report = []
    for number, value in enumerate(values):
        fields = {"comment": f"Case {number} in {field}.", field: value}
        try:
            response = post(admin_client, article, **fields)
        except Exception as error:  # the client re-raises what would be a 500
            report.append((field, value[:40], f"raised {type(error).__name__}"))
            continue
        status = response.status_code
        html = response.content.decode()
        if status not in (200, 302, 400):
            report.append((field, value[:40], f"status {status}"))
        elif status == 400:
            for problem in problems_in(html, value, form_tags):
                report.append((field, value[:40], problem))
            if not refusal_message(html):
                report.append((field, value[:40], "refused without a reason"))
        elif status == 302 and not expect_stored(fields):
            report.append((field, value[:40], "not stored exactly as typed"))
    return report


def test_hostile_comment_text_is_kept_as_typed_or_refused_with_a_reason(
    admin_client, hostile_article
):
    def stored(fields):
        return ArticleComment.objects.filter(comment=fields["comment"]).count() == 1

    def as_typed(fields):
        return stored(fields) and fields["comment"] in CORPUS

    report = check_field(admin_client, hostile_article, "comment", CORPUS, as_typed)
    assert report == []
    stored_texts = set(ArticleComment.objects.values_list("comment", flat=True))
    refused = [value for value in CORPUS if value not in stored_texts]
    # Only what the form's rules refuse: too long, control characters that
    # no one means to type and the feeds cannot carry, or text readers would
    # see as one already there ("<IMG SRC=x OnErRoR..." after "<img src=x...").
    assert refused == [
        value
        for number, value in enumerate(CORPUS)
        if len(value) > 3000
        or CONTROL_CHARACTERS.search(value)
        or any(looks_alike(value, earlier) for earlier in CORPUS[:number])
    ]


def test_hostile_names_are_kept_as_typed_or_refused_with_a_reason(
    admin_client, hostile_article
):
    def stored(fields):
        name = fields["name"].strip()
        return ArticleComment.objects.filter(
            comment=fields["comment"], user_name=name
        ).exists()

    assert check_field(admin_client, hostile_article, "name", CORPUS, stored) == []


@pytest.mark.parametrize("field", ["email", "perspective", "point", "reply_to"])
def test_hostile_choices_and_addresses_are_refused_with_a_reason(
    admin_client, hostile_article, field
):
    def stored(fields):
        return ArticleComment.objects.filter(comment=fields["comment"]).exists()

    assert (
        check_field(admin_client, hostile_article, field, XSS + SQL + CONTROL, stored)
        == []
    )
    assert not ArticleComment.objects.filter(comment__contains=f"in {field}.")


@pytest.mark.parametrize("field", ["followup", "honeypot"])
def test_hostile_values_in_the_check_boxes_break_nothing(
    admin_client, hostile_article, field
):
    def stored(fields):
        return ArticleComment.objects.filter(comment=fields["comment"]).exists()

    assert check_field(admin_client, hostile_article, field, XSS + SQL, stored) == []


def test_stored_hostile_comments_show_as_text_on_the_article_and_in_feeds(
    admin_client, client, hostile_article
):
    benign = (
        "A benign comment with a link to https://example.org/page\n\n"
        "and a second paragraph."
    )
    assert post(admin_client, hostile_article, comment=benign).status_code == 302
    page_tags = tags(client.get(hostile_article.get_absolute_url()).content.decode())
    feed_url = reverse("discussion:article-feed", args=[hostile_article.slug])
    feed_tags = tags(client.get(feed_url).content.decode())

    for number, value in enumerate(XSS + SQL + CONTROL + SCRIPTS):
        response = post(
            admin_client,
            hostile_article,
            comment=f"{value} (comment {number})",
            name=value[:50].strip() or "Reader",
        )
        assert response.status_code in (302, 400), value

    page = client.get(hostile_article.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    # the page's own discussion.js and answers.js, and its JSON-LD data
    assert html.count("<script") == 3
    assert html.count('<script type="application/ld+json">') == 1
    for value in XSS:
        assert problems_in(html, value, page_tags) == [], value
    feed = client.get(feed_url).content.decode()
    for value in XSS:
        assert problems_in(feed, value, feed_tags) == [], value
