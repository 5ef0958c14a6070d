"""Every address of the discussion, posted to from another site's page: each
refuses the post, takes no post at all, needs a secret from an e-mail, or
only reads; and nothing changes. A new address fails here until it is
named in one of the lists below."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from discussion import urls as discussion_urls
from discussion.models import (
    ArticleComment,
    CommentReport,
    PendingComment,
    QuickAnswer,
    SentConfirmation,
)
from tests.factories import make_comment
from tests.helpers import comment_form_data

pytestmark = pytest.mark.django_db

# Posts that need a secret only an e-mail carries: another site cannot know
# it. Mail clients' one-click unsubscribe posts to "mute" without a browser.
SECRET_LINKS = {"confirm", "mute"}

# Pages that only read, and answer a post as they answer a GET.
READ_ONLY = {
    "summary",
    "summary-csv",
    "summary-answers-csv",
    "summary-data",
    "permalink",
    "feed",
    "article-feed",
}

# What another site's page may send: the browser then says where it was made.
CROSS_SITE = [
    {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    {"Origin": "https://evil.example"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://sub.testserver"},
    {"Origin": "null"},
]


def routes(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            yield entry


def arguments(article, comment):
    point = article.points.first()
    return {
        "slug": article.slug,
        "pk": comment.pk,
        "point_id": point.pk,
        "token": "a" * 24,
        "key": "not-a-key",
    }


def everything_kept():
    return (
        ArticleComment.objects.count(),
        CommentReport.objects.count(),
        PendingComment.objects.count(),
        QuickAnswer.objects.count(),
        SentConfirmation.objects.count(),
        len(mail.outbox),
    )


def test_every_address_refuses_a_post_from_another_site(mailoutbox, article):
    comment = make_comment(article, comment="A comment to act on.")
    values = arguments(article, comment)
    # everything any of the discussion's forms sends, all at once
    data = {
        **comment_form_data(article, post="", preview="1"),
        "reason": "spam",
        "answer": "agree",
        "List-Unsubscribe": "One-Click",
    }
    before = everything_kept()
    checked = []
    for route in routes(discussion_urls.urlpatterns):
        kwargs = {name: values[name] for name in route.pattern.converters}
        url = reverse(f"discussion:{route.name}", kwargs=kwargs)
        for headers in CROSS_SITE:
            response = Client().post(url, data, headers=headers)
            status = response.status_code
            if route.name in SECRET_LINKS:
                assert status in (400, 404), (route.name, headers, status)
            elif route.name in READ_ONLY:
                assert status == Client().get(url).status_code, route.name
            else:
                assert status in (403, 405), (route.name, headers, status)
            assert everything_kept() == before, (route.name, headers)
        checked.append(route.name)
    assert {"post", "report", "answer", "withdraw-answers"} <= set(checked)
    assert len(checked) == len(discussion_urls.urlpatterns)
