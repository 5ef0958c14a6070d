"""E-mails about comments. The confirmation link is sent in the reader's
request, which tells them if it fails; the rest is queued (background/mail.py)
and sent by the worker, with retries."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.conf import settings as xtd_settings

from background.mail import new_event, queue_mail, queue_messages
from insight.site import absolute_url

from .models import ArticleComment, Ban, ModerationPolicy
from .models.pending import recipient_digest
from .normalise import one_line

MUTE_SALT = "insight.mute-follow-ups"


def send_confirmation_request(pending, token):
    """Send the confirmation link for a pending comment. Raises if the e-mail
    cannot be sent.

    The address is not confirmed yet, so the e-mail repeats nothing the
    commenter typed but their name: the form cannot send anyone our mail with
    someone else's words in it.
    """
    article = pending.article
    context = {
        "name": one_line(pending.user_name)[:50],
        "kind": "reply" if pending.parent_id else "comment",
        "article": article,
        "confirm_url": absolute_url(reverse("discussion:confirm", args=[token])),
        "days": settings.DISCUSSION_CONFIRMATION_DAYS,
        "every_comment_is_held": ModerationPolicy.current().hold_all,
        "site_name": settings.SITE_NAME,
        "site_organisation": settings.SITE_ORGANISATION,
    }
    send_mail(
        f"Confirm your comment on {article.title}",
        render_to_string("discussion/email/confirm_comment.txt", context),
        xtd_settings.COMMENTS_XTD_FROM_EMAIL,
        [pending.user_email],
        fail_silently=False,
    )


def mute_key(article, email):
    """The key of a link that stops follow-ups: names the article and a keyed
    hash of the follower's address, never the address."""
    follower = recipient_digest(email)[:24]
    return signing.Signer(salt=MUTE_SALT).sign(f"{article.pk}.{follower}")


def read_mute_key(key):
    """(article id, follower hash) from a mute link, or None if it is not ours."""
    try:
        article_id, follower = signing.Signer(salt=MUTE_SALT).unsign(key).split(".")
        return int(article_id), follower
    except (signing.BadSignature, ValueError):
        return None


def followers_matching(article_id, follower):
    """The addresses following an article whose hash is follower."""
    emails = (
        ArticleComment.objects.filter(article_id=article_id, followup=True)
        .values_list("user_email", flat=True)
        .distinct()
    )
    return {e for e in emails if recipient_digest(e)[:24] == follower}


def notify_followers(comment):
    """Queue an e-mail to everyone following the article about a newly
    published comment; returns how many.

    Runs once per comment whenever it becomes visible (on confirmation, when a
    moderator approves it later, or when staff post it), in the worker
    (discussion/tasks.py): an article may have thousands of followers.
    """
    claimed = ArticleComment.objects.filter(
        pk=comment.pk, followers_notified_at__isnull=True
    ).update(followers_notified_at=timezone.now())
    if not claimed:
        return 0
    article = comment.article
    followers = {}
    for name, email in (
        ArticleComment.objects.visible()
        .filter(article=article, followup=True)
        .exclude(user_email__iexact=comment.user_email)
        # a banned commenter is sent nothing more from the discussion
        .exclude(commenter__in=Ban.objects.in_force().values("commenter"))
        .order_by("submit_date")
        .values_list("user_name", "user_email")
    ):
        followers[email.lower()] = (name, email)
    messages = []
    parent = replied_to(comment)
    for name, email in followers.values():
        to_them = parent is not None and same_mailbox(email, parent.user_email)
        context = {
            "name": one_line(name),
            "article": article,
            "comment": comment,
            "parent": parent,
            "replied_to_them": to_them,
            "comment_url": absolute_url(comment.get_absolute_url()),
            "mute_url": absolute_url(
                reverse("discussion:mute", args=[mute_key(article, email)])
            ),
            "site_name": settings.SITE_NAME,
            "site_organisation": settings.SITE_ORGANISATION,
        }
        messages.append(
            EmailMessage(
                _followup_subject(comment, parent, to_them),
                render_to_string("discussion/email/followup.txt", context),
                xtd_settings.COMMENTS_XTD_FROM_EMAIL,
                [email],
                # one-click unsubscribe from the mail client (RFC 8058)
                headers={
                    "List-Unsubscribe": f"<{context['mute_url']}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
    return queue_messages(f"follow-up:{comment.pk}", messages)


def _kind(comment):
    """What the commenter sent, in their words: a comment, or a reply."""
    return (
        "reply" if comment.parent_id and comment.parent_id != comment.pk else "comment"
    )


def replied_to(comment):
    """The published comment a comment replies to, or None (a new thread, or
    its parent was removed since)."""
    if not comment.parent_id or comment.parent_id == comment.pk:
        return None
    return ArticleComment.objects.visible().filter(pk=comment.parent_id).first()


def same_mailbox(email, other):
    return email.strip().lower() == (other or "").strip().lower()


def _followup_subject(comment, parent, to_them):
    name = one_line(comment.user_name)
    title = comment.article.title
    if parent is None:
        return f"New comment on {title}"
    if to_them:
        return f"{name} replied to you on {title}"
    return f"{name} replied to {one_line(parent.user_name)} on {title}"


def tell_commenter_published(comment):
    """A held comment has been approved: tell its author, unless they have
    been banned since."""
    if not comment.user_email or Ban.objects.on(comment.user_email):
        return
    parent = replied_to(comment)
    context = {
        "comment": comment,
        "kind": _kind(comment),
        "parent": parent,
        "article": comment.article,
        "comment_url": absolute_url(comment.get_absolute_url()),
        "site_name": settings.SITE_NAME,
        "site_organisation": settings.SITE_ORGANISATION,
    }
    queue_mail(
        f"published:{comment.pk}",
        f"Your {_kind(comment)} on {comment.article.title} is published",
        render_to_string("discussion/email/comment_approved.txt", context),
        xtd_settings.COMMENTS_XTD_FROM_EMAIL,
        [comment.user_email],
    )


def tell_commenter_removed(comment, reason, was_visible):
    """A moderator removed a comment and gave a reason: tell its author, if
    they asked for e-mails about the discussion (the follow-up choice is the
    only one the comment form offers)."""
    if not (comment.followup and comment.user_email) or comment.is_erased:
        return
    context = {
        "comment": comment,
        "kind": _kind(comment),
        "article": comment.article,
        "reason": reason,
        "was_visible": was_visible,
        "policy_url": absolute_url(reverse("comments-policy")),
        "site_name": settings.SITE_NAME,
        "site_organisation": settings.SITE_ORGANISATION,
    }
    kind = _kind(comment)
    subject = (
        f"Your {kind} on {comment.article.title} has been removed"
        if was_visible
        else f"Your {kind} on {comment.article.title} will not be published"
    )
    queue_mail(
        new_event(f"removed:{comment.pk}"),
        subject,
        render_to_string("discussion/email/comment_removed.txt", context),
        xtd_settings.COMMENTS_XTD_FROM_EMAIL,
        [comment.user_email],
    )
