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
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count

from articles.models import ArgumentPoint, Article, Perspective

READER_COOKIE = "insight_reader"
READER_COOKIE_AGE = 365 * 24 * 60 * 60
_COOKIE_VALUE = re.compile(r"[A-Za-z0-9_-]{32}")


class QuickAnswerQuerySet(models.QuerySet):
    def for_reader(self, reader):
        return self.filter(reader=reader)


class QuickAnswer(models.Model):
    """A reader's agreement with one argument point, given without a comment."""

    class Answer(models.TextChoices):
        AGREE = "agree", "Agree"
        DISAGREE = "disagree", "Disagree"
        UNSURE = "unsure", "Unsure"

    point = models.ForeignKey(
        ArgumentPoint,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name="argument point",
    )
    # the point's article, kept here so an article's counts read one index
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    perspective = models.ForeignKey(
        Perspective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        help_text="The perspective the reader answers from.",
    )
    answer = models.CharField(max_length=10, choices=Answer.choices)
    # keyed hashes (see reader_key, network_key): they tell readers apart and
    # name no one
    reader = models.CharField(max_length=64, editable=False)
    network = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuickAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = "quick answer"
        constraints = [
            models.UniqueConstraint(
                fields=["point", "reader"], name="one_answer_per_reader"
            )
        ]
        indexes = [
            # answer_counts reads only this index (PostgreSQL: index-only)
            models.Index(
                fields=["article", "point", "perspective", "answer"],
                name="answer_counts_idx",
            ),
            # withdrawing all of a reader's answers
            models.Index(fields=["reader"], name="answer_reader_idx"),
            # how many readers one network has on a point
            models.Index(fields=["point", "network"], name="answer_network_idx"),
        ]

    def __str__(self):
        return f"{self.get_answer_display()} (point {self.point_id})"


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
    """{answer: answers} for one point, every answer named (0 if none)."""
    counted = dict(
        QuickAnswer.objects.filter(article_id=point.article_id, point=point)
        .order_by()
        .values_list("answer")
        .annotate(count=Count("*"))
    )
    return {answer: counted.get(answer, 0) for answer in QuickAnswer.Answer.values}


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


class TooManyReaders(Exception):
    """The point already has as many readers from this network as it takes."""


def give_answer(point, reader, network, answer, perspective=None):
    """Record the reader's answer to a point, replacing any earlier one.
    Raises TooManyReaders for a new reader from a network that has had its
    share of the point."""
    with transaction.atomic():
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


def reader_answer(point, reader):
    """The reader's current answer to a point ("agree"...), or None."""
    if not reader:
        return None
    return (
        QuickAnswer.objects.filter(point=point, reader=reader)
        .values_list("answer", flat=True)
        .first()
    )
