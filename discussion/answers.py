"""Quick answers: a reader agrees, disagrees or is unsure about a point,
without writing a comment.

Who a reader is: a random id in a first-party cookie, set on their first
answer. We keep a keyed hash of it (`reader`), never the id itself, and one
answer per reader per point (answering again replaces it). A reader who
clears the cookie is a new reader; what stops one address from answering
endlessly that way is a keyed hash of the address's network (`network`,
never the address): a point takes at most DISCUSSION_ANSWERS_PER_NETWORK
readers from one network, and every answer counts towards the per-address
rate limit ("answer" in DISCUSSION_RATE_LIMITS). Changing an existing answer
is always allowed, within the rate limit.

The perspective a reader answers from is asked once per article: it is kept
in a second cookie (PERSPECTIVE_COOKIE) and given to each answer that does
not name one, on this article and the next.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from articles.models import ArgumentPoint

from .models import QuickAnswer

READER_COOKIE = "insight_reader"
READER_COOKIE_AGE = 365 * 24 * 60 * 60
_COOKIE_VALUE = re.compile(r"[A-Za-z0-9_-]{32}")
PERSPECTIVE_COOKIE = "insight_perspective"
# the remembered choice "Prefer not to say", which is also a choice
NO_PERSPECTIVE = "none"
# an id that fits every database's integer (a forged cookie may hold anything)
_PERSPECTIVE_ID = re.compile(r"[0-9]{1,9}")


def answer_counts(article):
    """{(point id, perspective id or None, answer): answers} for an article,
    counted in one grouped query."""
    rows = (
        QuickAnswer.objects.filter(article=article)
        .order_by()
        .values_list("point_id", "perspective_id", "answer")
        .annotate(count=Count("*"))
    )
    return {(point, perspective, answer): n for point, perspective, answer, n in rows}


def point_counts(point):
    """answer_counts for one point: {(point id, perspective id or None,
    answer): answers}, in one grouped query."""
    rows = (
        QuickAnswer.objects.filter(article_id=point.article_id, point=point)
        .order_by()
        .values_list("perspective_id", "answer")
        .annotate(count=Count("*"))
    )
    return {(point.pk, perspective, answer): n for perspective, answer, n in rows}


def new_reader_id():
    return secrets.token_urlsafe(24)  # 32 characters, 192 random bits


def reader_id(request):
    """The id in the reader's cookie, or "" if they have none (or a forged one)."""
    value = request.COOKIES.get(READER_COOKIE, "")
    return value if _COOKIE_VALUE.fullmatch(value) else ""


def reader_key(cookie_id):
    """What we keep of a reader's cookie id: a keyed hash of it."""
    return _keyed(f"quick-answer-reader:{cookie_id}")


def network_key(network):
    """What we keep of a reader's address: a keyed hash of its network
    (limits.client_network)."""
    return _keyed(f"quick-answer-network:{network}")


def _keyed(value):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def remember_reader(response, request, cookie_id):
    """Set (or renew) the reader's cookie. Only our own pages read it."""
    response.set_cookie(
        READER_COOKIE,
        cookie_id,
        max_age=READER_COOKIE_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def remembered_perspective(request):
    """The perspective id the reader last answered from, NO_PERSPECTIVE if
    they chose not to say, or None if they have never been asked."""
    value = request.COOKIES.get(PERSPECTIVE_COOKIE, "")
    if value == NO_PERSPECTIVE:
        return value
    return int(value) if _PERSPECTIVE_ID.fullmatch(value) else None


def remember_perspective(response, request, perspective):
    """Keep the reader's perspective (or their choice not to say) for the
    next answer, on this article and the next."""
    response.set_cookie(
        PERSPECTIVE_COOKIE,
        str(perspective.pk) if perspective else NO_PERSPECTIVE,
        max_age=READER_COOKIE_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


class TooManyReaders(Exception):
    """The point already has as many readers from this network as it takes."""


def give_answer(point, reader, network, answer, perspective=None):
    """Record the reader's answer to a point, replacing any earlier one.
    Raises TooManyReaders for a new reader from a network that has had its
    share of the point."""
    with transaction.atomic():
        # One answer to a point at a time, so a reader's answers sent together
        # make one row and a network's readers sent together are counted
        # against the cap one by one. NO KEY: the answers' own foreign keys
        # to the point still share it. (SQLite lets one writer in anyway.)
        list(
            ArgumentPoint.objects.select_for_update(no_key=True)
            .filter(pk=point.pk)
            .values_list("pk")
        )
        existing = QuickAnswer.objects.filter(point=point, reader=reader).first()
        if existing is None:
            from_network = QuickAnswer.objects.filter(point=point, network=network)
            if from_network.count() >= settings.DISCUSSION_ANSWERS_PER_NETWORK:
                raise TooManyReaders
            existing = QuickAnswer(point=point, article_id=point.article_id)
            existing.reader = reader
        existing.answer = answer
        existing.perspective = perspective
        existing.network = network
        existing.save()
    return existing


def withdraw_answer(point, reader):
    """Delete the reader's answer to a point; True if there was one."""
    answers = QuickAnswer.objects.filter(point=point, reader=reader)
    deleted = [answer.delete() for answer in answers]  # one by one: signals
    return bool(deleted)


def withdraw_all(reader):
    """Delete all of a reader's answers, on every article; how many there were."""
    with transaction.atomic():
        answers = list(QuickAnswer.objects.for_reader(reader))
        for answer in answers:
            answer.delete()  # one by one, so each article's summary is redone
    return len(answers)


def answer_from(reader, slug, perspective):
    """Give all the reader's answers on an article this perspective: it is
    asked once per article. How many answers it changed."""
    return QuickAnswer.objects.filter(article__slug=slug, reader=reader).update(
        perspective=perspective
    )


def readers_answers_on(slug, reader):
    """{point id: (answer, perspective id)} for the reader's answers on an
    article, and answer_counts for those points: two queries at most (none
    without a reader)."""
    if not reader:
        return {}, {}
    mine = {
        point: (answer, perspective)
        for point, answer, perspective in QuickAnswer.objects.filter(
            article__slug=slug, reader=reader
        ).values_list("point_id", "answer", "perspective_id")
    }
    counts = {}
    if mine:
        rows = (
            QuickAnswer.objects.filter(point_id__in=mine)
            .order_by()
            .values_list("point_id", "perspective_id", "answer")
            .annotate(count=Count("*"))
        )
        counts = {
            (point, perspective, answer): n for point, perspective, answer, n in rows
        }
    return mine, counts


def reader_answer(point, reader):
    """The reader's current answer to a point ("agree"...), or None."""
    if not reader:
        return None
    return (
        QuickAnswer.objects.filter(point=point, reader=reader)
        .values_list("answer", flat=True)
        .first()
    )
