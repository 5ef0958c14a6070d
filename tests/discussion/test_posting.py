"""Posting a comment: what the reader is told and sent, the preview, and how
the form refuses what it cannot take."""

import re
import time
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from discussion.forms import CommentForm
from discussion.models import ArticleComment
from tests.factories import make_article, make_perspective
from tests.helpers import (
    FAILING_BACKEND,
    comment_form_data,
    html,
    link_in,
    post_comment,
)

pytestmark = pytest.mark.django_db


def test_posting_a_comment_asks_the_reader_to_check_their_email(
    client, mailoutbox, article
):
    response = post_comment(client, article)

    assert response.status_code == 302
    assert response.url == reverse("discussion:sent", args=[article.slug])
    assert "Check your email" in html(client.get(response.url))


def test_posting_a_comment_sends_one_email_with_a_confirmation_link(
    client, mailoutbox, article
):
    post_comment(
        client, article, name="Sam", email="sam@example.org", comment="My view."
    )

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["sam@example.org"]
    assert "Anyone can lead" in mailoutbox[0].subject
    assert "Hello Sam," in mailoutbox[0].body
    # the address is not confirmed yet: nothing else the commenter typed
    assert "My view." not in mailoutbox[0].body
    assert link_in(mailoutbox[0], "confirm")


def test_a_posted_comment_is_not_stored_until_the_link_is_opened(
    client, mailoutbox, article
):
    post_comment(client, article)

    assert not ArticleComment.objects.exists()


def test_preview_shows_the_comment_and_keeps_it_in_the_form(
    client, mailoutbox, article
):
    response = post_comment(
        client, article, comment="Draft of my view.", name="Sam", preview="1"
    )

    assert response.status_code == 200
    page = html(response)
    assert "Your comment will look like this" in page
    assert "<p>Draft of my view.</p>" in page
    assert "<b>Sam</b>" in page
    assert ">\nDraft of my view.</textarea>" in page
    assert 'value="Sam"' in page
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("comment", "", "Enter your comment"),
        ("comment", "   \n  ", "Enter your comment"),
        ("name", "", "Enter your name"),
        ("name", "   ", "Enter your name"),
        (
            "email",
            "not-an-address",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            "comment",
            "x" * 3001,
            "Your comment must be 3,000 characters or fewer; it has 3,001",
        ),
        ("perspective", "999999", "Choose a perspective from the list"),
    ],
)
def test_a_comment_with_a_mistake_is_shown_again_with_the_error_beside_the_field(
    client, mailoutbox, article, staff_perspective, field, value, message
):
    typed = {
        "comment": "What I typed.",
        "name": "Sam",
        "email": "sam@example.org",
        "perspective": staff_perspective.pk,
        "followup": True,
    }
    typed[field] = value

    response = post_comment(client, article, **typed)

    assert response.status_code == 400
    page = html(response)
    assert "There is a problem" in page
    assert f'<a href="#id_{field}">{message}' in page  # in the summary
    assert f'id="id_{field}_error"><span class="vh">Error:</span> ' in page
    assert page.count(message) == 2  # summary and beside the field
    for name, kept in typed.items():
        if name == field or name == "followup":
            continue
        if name == "comment":
            assert f">\n{kept}</textarea>" in page
        elif name == "perspective":
            assert f'<option value="{kept}" selected>' in page
        else:
            assert f'value="{kept}"' in page
    assert 'name="followup" id="id_followup" checked' in page
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


class _Described(HTMLParser):
    """Collects element ids and the ids that aria-describedby refers to."""

    def __init__(self):
        super().__init__()
        self.ids = set()
        self.described_by = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described_by[attrs.get("name")] = attrs["aria-describedby"].split()


def test_each_comment_field_is_described_by_its_hint_and_its_error(client, article):
    parser = _Described()
    parser.feed(html(post_comment(client, article, name="", email="not-valid")))

    assert parser.described_by.keys() >= {"comment", "name", "email"}
    for name, refs in parser.described_by.items():
        assert set(refs) <= parser.ids, name
    assert any("error" in ref for ref in parser.described_by["name"])


def test_a_point_from_another_article_is_refused(client, mailoutbox, article):
    other = make_article(points=[(make_perspective(), "A point made elsewhere")])

    response = post_comment(
        client, article, comment="Kept text.", point=other.points.get()
    )

    assert response.status_code == 400
    page = html(response)
    assert "There is a problem" in page
    assert page.count("Choose a point from this article") == 2
    assert ">\nKept text.</textarea>" in page
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_an_expired_form_is_given_back_fresh_with_the_text_kept(
    client, mailoutbox, article
):
    data = comment_form_data(article, comment="Written slowly.")
    old = str(int(time.time()) - django_settings.COMMENTS_TIMEOUT - 60)
    data["timestamp"] = old
    data["security_hash"] = CommentForm(article).generate_security_hash(
        data["content_type"], data["object_pk"], old
    )

    response = client.post(reverse("discussion:post"), data)

    assert response.status_code == 400
    page = html(response)
    assert "This page was open for a long time" in page
    assert ">\nWritten slowly.</textarea>" in page
    assert f'value="{old}"' not in page
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_the_fresh_form_given_after_expiry_can_be_sent(client, mailoutbox, article):
    data = comment_form_data(article)
    old = str(int(time.time()) - django_settings.COMMENTS_TIMEOUT - 60)
    data["timestamp"] = old
    data["security_hash"] = CommentForm(article).generate_security_hash(
        data["content_type"], data["object_pk"], old
    )
    page = html(client.post(reverse("discussion:post"), data))
    for name in ("timestamp", "security_hash"):
        data[name] = re.search(rf'name="{name}" value="([^"]+)"', page).group(1)

    response = client.post(reverse("discussion:post"), data)

    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_a_bad_security_hash_gives_a_400_page(client, mailoutbox, article):
    data = comment_form_data(article)
    data["security_hash"] = "0" * 40

    response = client.post(reverse("discussion:post"), data)

    assert response.status_code == 400
    assert "Your comment could not be sent" in html(response)
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_a_filled_honeypot_is_refused(client, mailoutbox, article):
    response = post_comment(client, article, honeypot="I am a robot")

    assert response.status_code == 400
    assert "Your comment could not be sent" in html(response)
    assert not ArticleComment.objects.exists()
    assert mailoutbox == []


def test_a_comment_on_a_draft_article_is_not_found(client, mailoutbox, draft_article):
    response = post_comment(client, draft_article)

    assert response.status_code == 404
    assert mailoutbox == []


def test_a_comment_on_a_missing_article_is_not_found(client, mailoutbox, article):
    data = comment_form_data(article)
    article.delete()

    response = client.post(reverse("discussion:post"), data)

    assert response.status_code == 404
    assert mailoutbox == []


def test_when_the_confirmation_email_fails_the_form_comes_back_with_a_message(
    client, mailoutbox, article, settings
):
    settings.EMAIL_BACKEND = FAILING_BACKEND

    response = post_comment(client, article, comment="Do not lose this.")

    assert response.status_code == 503
    page = html(response)
    assert "There is a problem" in page
    assert "We could not send the email to confirm your comment" in page
    assert ">\nDo not lose this.</textarea>" in page
    assert not ArticleComment.objects.exists()
