"""Readers' quick answers to argument points. Answering, the reader's cookie
and the limits on answers are in answers.py."""

from django.db import models

from articles.models import ArgumentPoint, Article, Perspective


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
