"""The preview and the page that confirms a comment show it as the discussion
will: the byline (name, perspective, stance, point, whom it replies to),
the point it responds to and the text."""

import itertools
import re

import pytest
from django.urls import reverse

from discussion.models import ArticleComment, PendingComment
from tests.factories import make_comment
from tests.helpers import (
    article_page,
    comment_form_data,
    html,
    link_in,
    text_of,
)

pytestmark = pytest.mark.django_db

POST_URL = reverse("discussion:post")


def _shown(block):
    """A comment's byline and text as a reader reads them, without its date
    (the preview cannot know when it will be published) or its links to act."""
    article = re.search(r"<article>(.*?)</article>", block, re.S).group(1)
    article = re.sub(r'<p class="act">.*?</p>', "", article, flags=re.S)
    when = r" · \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d\d[ap]m"
    return re.sub(when, "", text_of(article))


def _preview_block(page):
    return re.search(r'<div class="comment-preview">(.*?)</div>', page, re.S).group(1)


def _published_block(page, comment):
    return re.search(rf'<li id="c{comment.pk}">(.*?)</li>', page, re.S).group(1)


def _stances_with_point():
    return ["", "agree", "disagree", "mixed"]


@pytest.mark.parametrize(
    ("with_perspective", "with_point", "stance", "reply"),
    [
        (perspective, point, stance, reply)
        for perspective, point, stance, reply in itertools.product(
            [False, True], [False, True], _stances_with_point(), [False, True]
        )
        if (point or not stance) and not (reply and point)
    ],
)
def test_the_preview_and_the_confirmation_show_the_comment_as_it_will_be_published(
    client,
    mailoutbox,
    article,
    councillors,
    with_perspective,
    with_point,
    stance,
    reply,
):
    parent = make_comment(article, user_name="Ann Example")
    point = article.points.last() if with_point else None
    fields = {
        "comment": "Partnership takes time.\nIt starts with trust.",
        "name": "Tom Example",
        "perspective": councillors if with_perspective else "",
        "point": point or "",
        "stance": stance,
        "reply_to": parent.pk if reply else 0,
    }

    preview = html(
        client.post(POST_URL, {**comment_form_data(article, **fields), "preview": ""})
    )
    assert (
        client.post(POST_URL, comment_form_data(article, **fields)).status_code == 302
    )
    confirm_page = html(client.get(link_in(mailoutbox[0], "confirm")))
    client.post(link_in(mailoutbox[0], "confirm"))
    comment = ArticleComment.objects.get(user_name="Tom Example")
    published = _shown(_published_block(article_page(client, article), comment))

    assert _shown(_preview_block(preview)) == published
    assert _shown(_preview_block(confirm_page)) == published
    assert "Tom Example" in published
    if with_perspective:
        assert f"writing as {councillors.one_person}" in published
    if stance:
        assert "this point" in published
    if point:
        assert "Responding to" in published
    if reply:
        assert "replying to Ann Example" in published


def test_the_confirmation_page_names_the_point_and_the_stance(
    client, mailoutbox, article, staff_point
):
    client.post(
        POST_URL,
        comment_form_data(article, point=staff_point, stance="disagree"),
    )

    page = html(client.get(link_in(mailoutbox[0], "confirm")))

    assert PendingComment.objects.exists()
    assert "disagrees with this point" in page
    assert "Frontline staff see the system first" in page
