"""Who may comment and which comments wait for a moderator, as the
moderation policy in the admin says."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.moderation import XtdCommentModerator, moderator

from articles.models import Article
from insight.site import absolute_url

from .models import ArticleComment, ModerationPolicy
from .models.pending import recipient_digest
from .spam import contains_phrase, is_blocked_domain, link_count

logger = logging.getLogger(__name__)


def comments_are_open(article):
    """Whether readers may comment on the article now, as the policy says."""
    return ModerationPolicy.current().takes_comments_on(article)


def hold_reason(policy, text, name, email):
    """Why the policy holds a comment, or "" to publish it."""
    if policy.hold_all:
        return "Every comment is held for approval"
    commenter = recipient_digest(email) if email else ""
    if (
        policy.hold_links_at
        and link_count(text) >= policy.hold_links_at
        and not is_trusted(policy, commenter)
    ):
        return f"It has {policy.hold_links_at} or more links"
    for phrase in policy.held_word_list():
        # apart: a Latin name does not make a Greek comment a disguise
        if contains_phrase(name, phrase) or contains_phrase(text, phrase):
            return "It contains a held word or phrase"
    if policy.hold_first_comments and not has_published(commenter):
        return "It is the first comment from this email address"
    return ""


def has_published(commenter):
    """Readers can see a comment from the commenter (a mailbox's digest)."""
    visible = ArticleComment.objects.visible()
    return bool(commenter) and visible.filter(commenter=commenter).exists()


def is_trusted(policy, commenter):
    """The policy trusts the commenter (a mailbox's digest): enough of their
    comments are published, and none was removed lately."""
    needed = policy.trust_after_published
    if not needed or not commenter:
        return False
    theirs = ArticleComment.objects.filter(commenter=commenter)
    since = timezone.now() - timedelta(days=policy.trust_lost_for_days)
    # erased at the author's own request is no moderator's removal
    removed = theirs.filter(is_removed=True, is_erased=False, moderated_at__gte=since)
    if removed.exists():
        return False
    return len(theirs.visible().values_list("pk", flat=True)[:needed]) >= needed


class ArticleModerator(XtdCommentModerator):
    """Decides whether a comment may be posted and whether it is held.

    Refuses e-mail domains on xtd's blocklist ("blacklisted domains" in the
    admin), and their subdomains, in any case.
    """

    def allow(self, comment, content_object, request):
        if not comments_are_open(content_object):
            return False
        if is_blocked_domain(comment.user_email):
            return False
        return super().allow(comment, content_object, request)

    def moderate(self, comment, content_object, request):
        reason = hold_reason(
            ModerationPolicy.current(),
            comment.comment,
            comment.user_name,
            comment.user_email,
        )
        comment.held_reason = reason
        return bool(reason)

    def email(self, comment, content_object, request):
        """Runs once the comment exists: tell moderators if it is held."""
        created = comment.xtd_comment or comment
        if created.is_awaiting_moderation:
            tell_moderators(
                f"A comment is waiting for moderation on {content_object}",
                "discussion/email/moderators_held.txt",
                {"comment": created, "article": content_object},
            )


def moderator_addresses():
    users = get_user_model().objects.with_perm(
        "discussion.change_articlecomment",
        include_superusers=True,
        # permissions live in the database (other backends only throttle sign-in)
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return sorted({user.email for user in users if user.email})


def tell_moderators(subject, template, context):
    recipients = moderator_addresses()
    if not recipients:
        return
    context = {
        **context,
        "queue_url": absolute_url(
            reverse("admin:discussion_articlecomment_changelist") + "?status=awaiting"
        ),
        "site_name": settings.SITE_NAME,
        "site_organisation": settings.SITE_ORGANISATION,
    }
    try:
        send_mail(
            f"[{settings.SITE_NAME}] {subject}",
            render_to_string(template, context),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:
        logger.exception("Could not e-mail moderators: %s", subject)


def register():
    moderator.register(Article, ArticleModerator)
