"""Publishing a comment: the one way a reader's words become an ArticleComment.

A reader's comment waits as a PendingComment until they confirm it from the
e-mailed link; signed-in staff publish at once. Either way the moderation
policy is asked afresh, and the comment is created (published, or held for a
moderator) in one transaction that also uses up a pending comment's token and
moves the discussion's counts. Moderators then hear of a held comment.
"""

import enum

from django.db import transaction
from django.db.models import Q
from django_comments.signals import comment_will_be_posted
from django_comments_xtd.models import TmpXtdComment
from django_comments_xtd.signals import confirmation_received

from articles.models import Article

from .locking import lock_discussions
from .models import ArticleComment, Ban, PendingComment, SentConfirmation
from .models.comment import looks_of
from .moderation import comments_are_open
from .normalise import mailbox


class Refusal(enum.StrEnum):
    """Why a comment was not published; the view tells its author."""

    WITHDRAWN = "the article is no longer published"
    CLOSED = "comments are closed"
    PARENT_REMOVED = "the comment it replies to was removed"
    REFUSED = "the policy refuses the commenter"
    BANNED = "a moderator banned or suspended the commenter"
    USED = "the confirmation link was used already"
    DUPLICATE = "the same text is already on the article"
    SENT_BEFORE = "its author sent the same text before, however it fared"


class NotPublished(Exception):
    """Raised by the publishing actions; why is a Refusal, and earlier the
    comment already there, if the view may name it."""

    def __init__(self, why, earlier=None):
        super().__init__(why)
        self.why = why
        self.earlier = earlier


def publish(pending):
    """Publish a confirmed pending comment, or hold it for a moderator, as the
    policy says now. Returns the ArticleComment; raises NotPublished."""
    article = Article.objects.published().filter(pk=pending.article_id).first()
    if article is None:
        raise NotPublished(Refusal.WITHDRAWN)
    if not comments_are_open(article):
        raise NotPublished(Refusal.CLOSED)
    if pending.parent_id and not (
        ArticleComment.objects.visible()
        .filter(pk=pending.parent_id, article=article)
        .exists()
    ):
        raise NotPublished(Refusal.PARENT_REMOVED)
    # The policy may have changed since the comment was sent: ask it afresh.
    tmp_comment = pending.as_tmp_comment()
    if why := policy_refusal(tmp_comment):
        raise NotPublished(why)
    return _create(tmp_comment, pending)


def publish_at_once(tmp_comment):
    """Publish a comment from signed-in staff, who skip confirmation, or hold
    it as the policy says. Returns the ArticleComment; raises NotPublished."""
    if why := policy_refusal(tmp_comment):
        raise NotPublished(why)
    return _create(tmp_comment)


def policy_refusal(tmp_comment):
    """Ask the moderation policy, through xtd's hooks, about a comment before
    it is kept: why it is refused, or None. A comment the policy holds comes
    back marked not public, with the reason it is held. A banned commenter's
    comment goes no further: no e-mail is sent for it."""
    if Ban.objects.on(tmp_comment.user_email):
        return Refusal.BANNED
    responses = comment_will_be_posted.send(
        sender=TmpXtdComment, comment=tmp_comment, request=None
    )
    if not any(response is False for _receiver, response in responses):
        return None
    if not comments_are_open(tmp_comment.content_object):
        return Refusal.CLOSED
    return Refusal.REFUSED


def is_duplicate(article_id, text):
    """The same text, as readers see it, is already shown on the article:
    invisible characters, look-alike letters, case and spacing make no new
    comment. Hidden comments are left out, so the answer reveals nothing
    readers cannot see."""
    text_look, shape_look = looks_of(text)
    return (
        ArticleComment.objects.visible()
        .filter(article_id=article_id)
        .filter(Q(text_look=text_look) | Q(shape_look=shape_look))
        .exists()
    )


def earlier_copy(pending):
    """The author's own comment on the article with the same words, as a
    reader sees them, shown, held or removed, or None. Only the author's
    (any address of their mailbox): their link proves the address, and
    someone else's hidden comment stays unmentioned."""
    text_look, shape_look = looks_of(pending.comment)
    same_words = (
        ArticleComment.objects.filter(article_id=pending.article_id)
        .filter(Q(text_look=text_look) | Q(shape_look=shape_look))
        .order_by("-submit_date")
    )
    author = mailbox(pending.user_email)
    return next(
        (comment for comment in same_words if mailbox(comment.user_email) == author),
        None,
    )


def _create(tmp_comment, pending=None):
    """Create the comment; a pending comment's token is used up in the same
    transaction, so a link publishes once. Stores nothing if the same text
    reached the article first (a button pressed twice, or a second link for
    the same words), or another request used the token first."""
    tmp_comment.pop("xtd_comment", None)
    with transaction.atomic():
        # One comment at a time per article, so the duplicate check holds and
        # xtd's two saves (which number the thread) never interleave. SQLite's
        # immediate transactions already let one writer in at a time.
        lock_discussions([tmp_comment.article_id])
        if pending is not None and (earlier := earlier_copy(pending)):
            if not PendingComment.objects.filter(pk=pending.pk).exists():
                raise NotPublished(Refusal.USED)  # pressed twice: the first won
            # a second link for the same words: a removed comment stays removed
            raise NotPublished(Refusal.SENT_BEFORE, earlier)
        if is_duplicate(tmp_comment.article_id, tmp_comment.comment):
            if pending and not PendingComment.objects.filter(pk=pending.pk).exists():
                raise NotPublished(Refusal.USED)  # pressed twice: the first won
            raise NotPublished(Refusal.DUPLICATE)
        if pending is not None and not pending.use_up():
            raise NotPublished(Refusal.USED)
        comment = ArticleComment(**tmp_comment)
        comment.save()
        if pending is not None:
            SentConfirmation.objects.filter(digest=pending.digest).update(
                comment=comment
            )
    # xtd's moderator, registered in moderation.py, tells moderators if held
    tmp_comment.xtd_comment = comment
    confirmation_received.send(sender=TmpXtdComment, comment=tmp_comment, request=None)
    return comment
