"""Review before publishing. Editors write an article and mark it ready for
review; only Publishers (and superusers) publish, schedule or unpublish it,
or change it once it is published or scheduled.

Each change of state records who made it and when, becomes the comment of
the version django-reversion keeps, and, when an article becomes ready for
review, queues an e-mail to each Publisher."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, timezone
from reversion import is_active, set_comment

from background.mail import new_event, queue_mail
from insight.site import absolute_url

from .models import Article

PUBLISH_PERMISSION = "articles.publish_article"
# what an editor may still change on a published or scheduled article
EDITORS_MAY_CHANGE_WHEN_PUBLISHED = frozenset({"allow_comments"})


def may_publish(user):
    """Whether the user may publish, schedule, unpublish or change a published
    article: Publishers and superusers."""
    return user.has_perm(PUBLISH_PERMISSION)


def publishers():
    """Active users who hold the publishing permission themselves or through a
    group, and have an address to write to."""
    users = get_user_model().objects.with_perm(
        PUBLISH_PERMISSION,
        include_superusers=False,  # a superuser hears of reviews by joining
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return users.exclude(email="").order_by("pk")


def stored_status(article):
    """(status, publish date) as saved, or None for an article not yet saved."""
    if article.pk is None:
        return None
    return (
        Article.objects.filter(pk=article.pk)
        .values_list("status", "published_at")
        .first()
    )


def is_locked(status):
    """Whether an article in this status may be changed by Publishers only:
    published, or scheduled to be."""
    return status == Article.Status.PUBLISHED


def may_save(user, before, article):
    """Whether the user may save the article with its status and publish date
    as they now are, given what was stored before (None for a new one)."""
    if may_publish(user):
        return True
    if before is not None and is_locked(before[0]):
        # an editor saving a published article keeps its status and date
        return article.status == before[0] and same_time(
            article.published_at, before[1]
        )
    return not is_locked(article.status)


def state_changed(before, article):
    """Whether a save moves the article to another state: another status, or
    another date for a published or scheduled article."""
    if before is None:
        return True
    status, published_at = before
    if article.status != status:
        return True
    return is_locked(status) and not same_time(article.published_at, published_at)


def same_time(one, other):
    """To the second, as the admin's form shows and posts a date."""
    return one.replace(microsecond=0) == other.replace(microsecond=0)


def name_of(user):
    return user.get_full_name() or user.get_username()


def state_comment(before, article, user):
    """What a version says of a change of state, or "" for a new draft."""
    by = name_of(user)
    if article.status == Article.Status.READY_FOR_REVIEW:
        return f"Marked ready for review by {by}"
    if article.status == Article.Status.PUBLISHED:
        if article.published_at > timezone.now():
            when = formats.date_format(
                timezone.localtime(article.published_at), "j F Y, H:i"
            )
            return f"Scheduled for {when} by {by}"
        return f"Published by {by}"
    if before is None:
        return ""
    if is_locked(before[0]):
        return f"Unpublished by {by}"
    return f"Moved back to draft by {by}"


def record_state(article, user, before):
    """Before a save: note who changes the article's state and when. Returns
    the version's comment for the change ("" if the state stays)."""
    if not state_changed(before, article):
        return ""
    article.status_changed_by = user
    article.status_changed_at = timezone.now()
    return state_comment(before, article, user)


def after_state_saved(article, user, before):
    """After a save that changed the state: tell Publishers of an article
    that waits for their review."""
    became_ready = article.status == Article.Status.READY_FOR_REVIEW and (
        before is None or before[0] != Article.Status.READY_FOR_REVIEW
    )
    if became_ready:
        tell_publishers(article, user)


def tell_publishers(article, asker):
    """Queue one plain e-mail to each Publisher (but the one who asked)."""
    title = " ".join(article.title.split())  # one line, fit for a subject
    link = absolute_url(reverse("admin:articles_article_change", args=[article.pk]))
    body = (
        f"{name_of(asker)} has marked an article ready for review:\n\n"
        f"{title}\n\n"
        f"Review it, then publish or schedule it, in the admin:\n{link}\n"
    )
    queue_mail(
        new_event("ready-for-review"),
        f"[{settings.SITE_NAME}] Ready for review: {title}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email for user in publishers().exclude(pk=asker.pk)],
    )


def _save_state(article, user, comment):
    article.status_changed_by = user
    article.status_changed_at = timezone.now()
    article.save(
        update_fields=[
            "status",
            "published_at",
            "status_changed_by",
            "status_changed_at",
            "updated_at",
        ]
    )
    if is_active():
        set_comment(comment)


def publish(articles, user):
    """Publish each article (a scheduled one keeps its date). Returns how
    many. Saved one by one, so what keeps in step with articles hears."""
    now = timezone.now()
    count = 0
    for article in articles:
        before = (article.status, article.published_at)
        # a draft published now takes today's date unless it is scheduled ahead
        if not is_locked(article.status) and article.published_at <= now:
            article.published_at = now
        article.status = Article.Status.PUBLISHED
        if state_changed(before, article):
            _save_state(article, user, state_comment(before, article, user))
        count += 1
    return count


def unpublish(articles, user):
    """Take each article back to draft. Returns how many."""
    count = 0
    for article in articles:
        if is_locked(article.status):
            before = (article.status, article.published_at)
            article.status = Article.Status.DRAFT
            _save_state(article, user, state_comment(before, article, user))
        count += 1
    return count
