"""Comments are plain text: markup shows as text, line breaks are kept and
links are marked nofollow."""

import pytest
from django.urls import reverse

from tests.factories import make_comment
from tests.helpers import html, post_comment

pytestmark = pytest.mark.django_db


def test_markup_in_a_comment_and_name_is_shown_as_text(client, article):
    make_comment(
        article,
        user_name="<script>alert(1)</script>",
        comment="<script>alert(1)</script> <b>bold</b>",
    )

    page = html(client.get(article.get_absolute_url()))

    assert "<script>alert(1)" not in page
    assert "<b>bold</b>" not in page
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in page


def test_markup_in_a_previewed_comment_is_shown_as_text(client, article):
    page = html(
        post_comment(client, article, comment="<script>alert(1)</script>", preview="1")
    )

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markup_in_a_comment_replied_to_is_shown_as_text(client, article):
    parent = make_comment(
        article, user_name="<i>Ann</i>", comment="<script>alert(1)</script>"
    )

    page = html(client.get(reverse("discussion:reply", args=[parent.pk])))

    assert "<script>alert(1)" not in page
    assert "<i>Ann</i>" not in page
    assert "Reply to &lt;i&gt;Ann&lt;/i&gt;" in page


def test_line_breaks_in_a_comment_are_kept(client, article):
    make_comment(article, comment="First line.\nSecond line.\n\nNew paragraph.")

    page = html(client.get(article.get_absolute_url()))

    assert "First line.<br>Second line.<br><br>New paragraph." in page


def test_links_in_a_comment_are_marked_nofollow_ugc(client, article):
    make_comment(article, comment="See https://example.org/report for more.")

    page = html(client.get(article.get_absolute_url()))

    assert (
        '<a href="https://example.org/report" rel="nofollow ugc">'
        "https://example.org/report</a>"
    ) in page
