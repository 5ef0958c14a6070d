"""Who may comment and which comments wait for a moderator, as the
moderation policy in the admin says."""

from datetime import timedelta

from django.utils import timezone
from django_comments_xtd.moderation import XtdCommentModerator, moderator

from articles.models import Article

from .alerts import tell_moderators
from .models import ArticleComment, ModerationPolicy
from .models.pending import recipient_digest
from .spam import contains_phrase, is_blocked_domain, link_count


def comments_are_open(article):
    """Whether readers may comment on the article now, as the policy says."""
    return ModerationPolicy.current().takes_comments_on(article)


HELD_PHRASE_REASON = "It contains a held word or phrase"


def held_phrase_in(policy, text, name):
    """The first of the policy's held words or phrases that the comment or
    the commenter's name contains, however disguised, or "" if none."""
    for phrase in policy.held_word_list():
        # apart: a Latin name does not make a Greek comment a disguise
        if contains_phrase(name, phrase) or contains_phrase(text, phrase):
            return phrase
    return ""


def hold_reason(policy, text, name, email, is_staff=False):
    """Why the policy holds a comment, or "" to publish it. Signed-in staff
    are known to the site: no comment of theirs is anyone's first."""
    if policy.hold_all:
        return "Every comment is held for approval"
    commenter = recipient_digest(email) if email else ""
    links = link_count(text) if policy.hold_links_at else 0
    if (
        policy.hold_links_at
        and links >= policy.hold_links_at
        and not is_trusted(policy, commenter)
    ):
        return (
            f"It has {links} links: the policy holds comments with "
            f"{policy.hold_links_at} or more links"
        )
    if held_phrase_in(policy, text, name):
        return HELD_PHRASE_REASON
    if policy.hold_first_comments and not is_staff and not has_published(commenter):
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
        policy = ModerationPolicy.current()
        user = getattr(comment, "user", None)
        reason = hold_reason(
            policy,
            comment.comment,
            comment.user_name,
            comment.user_email,
            is_staff=bool(user and user.is_staff),
        )
        comment.held_reason = reason
        # what was found, for the queue to show; found again only for the few
        # comments held for it
        comment.held_phrase = (
            held_phrase_in(policy, comment.comment, comment.user_name)
            if reason == HELD_PHRASE_REASON
            else ""
        )
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


def register():
    moderator.register(Article, ArticleModerator)
