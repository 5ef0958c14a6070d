"""A draft's preview shows the comment section as readers will see it once
the article is published, and no one can comment on a draft."""

import pytest
from django.utils import timezone

from discussion.models import ArticleComment, PendingComment
from tests.factories import make_article, set_policy
from tests.helpers import html, post_comment

pytestmark = pytest.mark.django_db

PREVIEW_NOTICE = "This is a preview, so no one can comment yet."


@pytest.fixture
def draft(perspective):
    return make_article(
        title="A draft", status="draft", points=[(perspective, "A draft point")]
    )


@pytest.fixture
def scheduled(perspective):
    return make_article(
        title="Coming soon",
        published_at=timezone.now() + timezone.timedelta(days=2),
        points=[(perspective, "A scheduled point")],
    )


@pytest.mark.parametrize("unpublished", ["draft", "scheduled"])
def test_an_open_drafts_preview_shows_the_comment_form_it_will_have(
    editors_client, request, unpublished
):
    article = request.getfixturevalue(unpublished)
    page = html(editors_client.get(article.get_absolute_url()))
    assert "Comments are closed" not in page
    assert PREVIEW_NOTICE in page
    assert "Be the first to give your views." in page
    disabled = page.split('<fieldset class="preview-form" disabled>', 1)[1]
    assert 'id="comment-form"' in disabled.split("</fieldset>", 1)[0]
    # and no quick answers or "Respond" links that could not be used
    assert "Respond to this point" not in page


def test_a_draft_with_comments_closed_says_so_in_its_preview(editors_client, draft):
    draft.allow_comments = False
    draft.save()
    page = html(editors_client.get(draft.get_absolute_url()))
    assert "Comments are closed." in page
    assert "preview-form" not in page


def test_a_preview_says_comments_are_closed_while_commenting_is_paused(
    editors_client, draft
):
    set_policy(is_paused=True, pause_message="Back after the election.")
    page = html(editors_client.get(draft.get_absolute_url()))
    assert "Comments are closed. Back after the election." in page
    assert "preview-form" not in page


def test_no_one_can_comment_on_a_draft(client, editors_client, draft):
    for sender in (client, editors_client):
        response = post_comment(sender, draft, comment="Sneaking in early.")
        assert response.status_code in (403, 404)
    assert not ArticleComment.objects.exists()
    assert not PendingComment.objects.exists()


def test_a_published_article_still_takes_comments(client, published_article):
    page = html(client.get(published_article.get_absolute_url()))
    assert PREVIEW_NOTICE not in page
    assert 'id="comment-form"' in page
    assert "preview-form" not in page
