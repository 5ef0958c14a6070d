"""Moderators' alerts about held and reported comments. Each moderator gets
their own e-mail, addressed to them alone, at once or in an hourly digest
(send_moderator_digests), as their profile says. Each is queued, and sent by
the worker with retries: a failed send stops no one else's."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from background.mail import new_event, queue_mail
from insight.site import absolute_url

from .models import DigestItem, ModeratorProfile


def moderators():
    """Active users who may moderate comments and have an address to write to."""
    users = get_user_model().objects.with_perm(
        "discussion.change_articlecomment",
        include_superusers=True,
        # permissions live in the database (other backends only throttle sign-in)
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return users.exclude(email="").select_related("moderator_profile").order_by("pk")


def moderator_addresses():
    return sorted({user.email for user in moderators()})


def wants_digest(user):
    try:
        return user.moderator_profile.alerts == ModeratorProfile.Alerts.HOURLY
    except ModeratorProfile.DoesNotExist:
        return False


def _site_context():
    return {
        "queue_url": absolute_url(
            reverse("admin:discussion_articlecomment_changelist") + "?status=awaiting"
        ),
        "alerts_url": absolute_url(
            reverse("admin:discussion_moderatorprofile_changelist")
        ),
        "site_name": settings.SITE_NAME,
        "site_organisation": settings.SITE_ORGANISATION,
    }


def _queue_alone(users, subject, body):
    """One e-mail to each moderator, addressed to them alone."""
    queue_mail(
        new_event("alert"),
        f"[{settings.SITE_NAME}] {subject}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email for user in users],
    )


def tell_moderators(subject, template, context):
    """Alert every moderator about context["comment"]: an e-mail each now, or
    an item in the next hourly digest of those who chose one."""
    comment = context["comment"]
    report = context.get("report")
    reason = (
        f"Reported: {report.get_reason_display()}"
        if report is not None
        else comment.held_reason
    )
    body = render_to_string(template, {**context, **_site_context()})
    at_once = []
    for user in moderators():
        if wants_digest(user):
            DigestItem.objects.create(
                moderator=user, comment=comment, subject=subject, reason=reason[:300]
            )
        else:
            at_once.append(user)
    _queue_alone(at_once, subject, body)


def send_digests(dry_run=False):
    """Send each moderator with waiting alerts one e-mail listing them.

    Returns (moderators e-mailed, 0): an alert is deleted as its digest is
    queued, in one transaction, and the queue sends it, trying again as long
    as it takes.
    """
    sent = failed = 0
    waiting = DigestItem.objects.values_list("moderator_id", flat=True).distinct()
    may_moderate = {user.pk: user for user in moderators()}
    for moderator_id in sorted(set(waiting)):
        items = list(
            DigestItem.objects.filter(moderator_id=moderator_id).select_related(
                "comment__article"
            )
        )
        user = may_moderate.get(moderator_id)
        if user is None:
            # no longer a moderator, or no address: nothing to tell them
            if not dry_run:
                DigestItem.objects.filter(pk__in=[i.pk for i in items]).delete()
            continue
        if dry_run:
            sent += 1
            continue
        body = render_to_string(
            "discussion/email/moderators_digest.txt",
            {"items": items, **_site_context()},
        )
        count = len(items)
        subject = (
            "1 comment needs a moderator"
            if count == 1
            else f"{count} comments need a moderator"
        )
        with transaction.atomic():
            _queue_alone([user], f"Hourly digest: {subject}", body)
            DigestItem.objects.filter(pk__in=[i.pk for i in items]).delete()
        sent += 1
    return sent, failed
