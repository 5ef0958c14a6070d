"""Publishing is one action, the same from the confirmation link, staff posts
and anywhere else: it asks the policy afresh and uses up a token once."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd.models import TmpXtdComment

from discussion.models import ArticleComment, PendingComment, SentConfirmation
from discussion.publishing import NotPublished, Refusal, publish, publish_at_once
from tests.factories import make_comment, set_policy

pytestmark = pytest.mark.django_db


def pending_comment(article, text="Words to publish."):
    tmp_comment = TmpXtdComment(
        article_id=article.pk,
        user_name="Alex",
        user_email="alex@example.org",
        comment=text,
        submit_date=timezone.now(),
    )
    return PendingComment.hold(tmp_comment)[0]


def staff_comment(article, text="Words from staff."):
    return TmpXtdComment(
        content_type=ContentType.objects.get_for_model(article),
        object_pk=str(article.pk),
        content_object=article,
        article_id=article.pk,
        user_name="Editor",
        user_email="editor@example.org",
        comment=text,
        submit_date=timezone.now(),
        site_id=1,
        is_public=True,
        is_removed=False,
    )


def test_publishing_a_pending_comment_uses_up_its_token(article):
    pending = pending_comment(article)

    comment = publish(pending)

    assert comment.is_visible
    assert ArticleComment.objects.get().comment == "Words to publish."
    assert not PendingComment.objects.exists()
    assert SentConfirmation.objects.get(digest=pending.digest).used_at


def test_a_pending_comment_publishes_once(article):
    pending = pending_comment(article)
    publish(pending)

    with pytest.raises(NotPublished) as refused:
        publish(pending)

    assert refused.value.why == Refusal.USED
    assert ArticleComment.objects.count() == 1


def test_publishing_asks_the_policy_as_it_is_now(article):
    pending = pending_comment(article)
    set_policy(hold_all=True)

    comment = publish(pending)

    assert comment.is_awaiting_moderation
    assert comment.held_reason == "Every comment is held for approval"


def test_a_comment_already_shown_is_not_published_again(article):
    make_comment(article, comment="Said already.")

    with pytest.raises(NotPublished) as refused:
        publish(pending_comment(article, "Said already."))

    assert refused.value.why == Refusal.DUPLICATE
    assert PendingComment.objects.count() == 1


def test_staff_publish_at_once_unless_comments_are_closed(article):
    assert publish_at_once(staff_comment(article)).is_visible

    article.allow_comments = False
    article.save()
    with pytest.raises(NotPublished) as refused:
        publish_at_once(staff_comment(article, "After closing."))

    assert refused.value.why == Refusal.CLOSED
