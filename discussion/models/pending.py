"""Comments waiting for their author to confirm them.

A reader's comment is kept here, on the server, until they open the link we
e-mail them and press the button. The link holds only a short random token;
we keep a digest of it, never the token itself. A token publishes once: its
pending comment is deleted as it is published, and the digest of a used token
outlives the comment, whatever happens to it afterwards.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django_comments_xtd.models import TmpXtdComment

from articles.models import ArgumentPoint, Article, Perspective

from ..normalise import mailbox


def new_token():
    return secrets.token_urlsafe(18)  # 24 characters, 144 random bits


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def recipient_digest(email):
    """A keyed hash of the mailbox an address reaches: counts mail to it, names
    no one. Every way of writing one mailbox ("Name+anything@" in any case or
    width, its domain as IDNA delivers it) has the same hash."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, mailbox(email).encode(), hashlib.sha256).hexdigest()


class PendingCommentQuerySet(models.QuerySet):
    def for_token(self, token):
        return self.select_related("article").filter(digest=token_digest(token)).first()

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())


class PendingComment(models.Model):
    """A comment sent by a reader and not yet confirmed: never shown or counted."""

    digest = models.CharField(max_length=64, unique=True, editable=False)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="pending_comments"
    )
    # Content may change before the author confirms: a deleted point or
    # perspective leaves the comment without one, never lost.
    perspective = models.ForeignKey(
        Perspective, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    point = models.ForeignKey(
        ArgumentPoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    stance = models.CharField(max_length=10, blank=True)
    parent_id = models.PositiveBigIntegerField(default=0)
    user_name = models.CharField(max_length=50)
    user_email = models.EmailField(max_length=254, db_index=True)
    comment = models.TextField()
    followup = models.BooleanField(default=False)
    ip_address = models.GenericIPAddressField(unpack_ipv4=True, blank=True, null=True)
    submitted_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    objects = PendingCommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at"]

    def __str__(self):
        return f"Pending comment {self.pk}"

    @classmethod
    def hold(cls, tmp_comment):
        """Keep a comment from the form until its author confirms it; returns
        the pending comment and the token for their link."""
        token = new_token()
        submitted_at = tmp_comment.submit_date or timezone.now()
        pending = cls.objects.create(
            digest=token_digest(token),
            article_id=tmp_comment.article_id,
            perspective_id=tmp_comment.perspective_id,
            point_id=tmp_comment.point_id,
            stance=tmp_comment.stance or "",
            parent_id=tmp_comment.parent_id or 0,
            user_name=tmp_comment.user_name,
            user_email=tmp_comment.user_email,
            comment=tmp_comment.comment,
            followup=bool(tmp_comment.followup),
            ip_address=tmp_comment.ip_address,
            submitted_at=submitted_at,
            expires_at=submitted_at
            + timedelta(days=settings.DISCUSSION_CONFIRMATION_DAYS),
        )
        return pending, token

    def use_up(self):
        """Delete this pending comment and record its token as used. False if
        another request used it first. Call inside the publishing transaction."""
        deleted, _ = PendingComment.objects.filter(pk=self.pk).delete()
        if not deleted:
            return False
        SentConfirmation.objects.update_or_create(
            digest=self.digest,
            defaults={
                "used_at": timezone.now(),
                "recipient": recipient_digest(self.user_email),
            },
        )
        return True

    @property
    def has_expired(self):
        return self.expires_at <= timezone.now()

    def as_tmp_comment(self):
        """The comment as django-comments-xtd's hooks expect it, to publish."""
        return TmpXtdComment(
            content_type=ContentType.objects.get_for_model(Article),
            object_pk=str(self.article_id),
            content_object=self.article,
            article_id=self.article_id,
            perspective_id=self.perspective_id,
            point_id=self.point_id,
            # a point deleted since leaves nothing to stand on
            stance=self.stance if self.point_id else "",
            user_name=self.user_name,
            user_email=self.user_email,
            user_url="",
            comment=self.comment,
            submit_date=self.submitted_at,
            site_id=settings.SITE_ID,
            is_public=True,
            is_removed=False,
            thread_id=0,
            level=0,
            order=1,
            parent_id=self.parent_id,
            followup=self.followup,
            ip_address=self.ip_address,
            held_reason="",
        )


class SentConfirmationQuerySet(models.QuerySet):
    def used(self, token):
        """The record of a used link, with the comment it published, or None."""
        return (
            self.select_related("comment__article")
            .filter(digest=token_digest(token), used_at__isnull=False)
            .first()
        )

    @staticmethod
    def hour_ago():
        return timezone.now() - timedelta(hours=1)

    def sent_in_the_last_hour(self):
        return self.filter(sent_at__gt=self.hour_ago())


class SentConfirmation(models.Model):
    """A confirmation e-mail we sent. Only digests and, once used, the comment
    it published: it outlives the comment, so a used link never publishes
    again, and leads to what it published."""

    digest = models.CharField(max_length=64, unique=True)
    recipient = models.CharField(max_length=64, db_index=True)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    # the comment a used link published, for a link opened again
    comment = models.ForeignKey(
        "ArticleComment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SentConfirmationQuerySet.as_manager()

    class Meta:
        ordering = ["sent_at"]

    def __str__(self):
        return f"Confirmation sent {self.sent_at:%Y-%m-%d %H:%M}"
