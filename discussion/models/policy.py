"""The moderation policy: the one row of rules moderators change in the admin."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

DEFAULT_REMOVAL_REASONS = """Abusive or offensive
Spam or advertising
Off topic
Shares someone's personal information
Breaks the comments policy"""


# A decision keeps the reason it gave (history.CommentDecision.removal_reason).
REMOVAL_REASON_MAX_LENGTH = 200


def validate_removal_reasons(text):
    if any(len(line.strip()) > REMOVAL_REASON_MAX_LENGTH for line in text.splitlines()):
        raise ValidationError(
            f"Write each reason in {REMOVAL_REASON_MAX_LENGTH} characters or fewer"
        )


class ModerationPolicy(models.Model):
    """The site's discussion rules, which moderators change in the admin."""

    hold_all = models.BooleanField(
        "hold every comment for approval",
        default=False,
        help_text="Untick to publish confirmed comments at once, unless a rule "
        "below holds them.",
    )
    hold_first_comments = models.BooleanField(
        "hold a commenter's first comment",
        default=True,
        help_text="Hold comments from an email address with no published comment "
        "until a moderator approves one. Most abuse and spam comes from new "
        "addresses, so this is on for a new site. Once a comment is published, "
        "later comments from the same address are not held for this reason.",
    )
    hold_links_at = models.PositiveSmallIntegerField(
        "hold comments with this many links or more",
        null=True,
        blank=True,
        default=2,
        validators=[MinValueValidator(1, "Enter 1 or more, or leave it empty")],
        help_text="Leave empty to allow any number of links.",
    )
    trust_after_published = models.PositiveSmallIntegerField(
        "trust commenters after this many published comments",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "Enter 1 or more, or leave it empty")],
        help_text="A trusted commenter's comments are not held as first comments "
        "or for their links. Held words, blocked domains and reports still apply. "
        "Leave empty to trust no one.",
    )
    trust_lost_for_days = models.PositiveSmallIntegerField(
        "unless a comment of theirs was removed in this many days",
        default=90,
        validators=[MinValueValidator(1, "Enter 1 or more")],
        help_text="A commenter is not trusted while a moderator removed one of "
        "their comments within this many days.",
    )
    held_words = models.TextField(
        "hold comments containing these words or phrases",
        blank=True,
        help_text="One word or phrase a line. Case does not matter.",
    )
    close_after_days = models.PositiveIntegerField(
        "close comments this many days after publication",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "Enter 1 or more, or leave it empty")],
        help_text="Leave empty to keep comments open.",
    )
    is_paused = models.BooleanField(
        "pause all commenting",
        default=False,
        help_text="For example during a pre-election period.",
    )
    pause_message = models.TextField(
        default="Commenting is paused for the pre-election period. "
        "You can still read the discussion.",
        help_text="Shown on every article while commenting is paused.",
    )
    removal_reasons = models.TextField(
        "reasons for removing a comment",
        default=DEFAULT_REMOVAL_REASONS,
        blank=True,
        validators=[validate_removal_reasons],
        help_text="One reason a line. A moderator who removes a comment may "
        "choose one, and a commenter who asked for e-mails is told it.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "moderation policy"
        verbose_name_plural = "moderation policy"

    def __str__(self):
        return "Moderation policy"

    def save(self, *args, **kwargs):
        self.pk = 1  # there is only ever one policy
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy

    def takes_comments_on(self, article):
        """Readers may comment: open, published, not paused, not too old."""
        if not (article.allow_comments and article.is_published) or self.is_paused:
            return False
        days = self.close_after_days
        return not days or timezone.now() < article.published_at + timedelta(days=days)

    def will_take_comments_on(self, article):
        """Readers will be able to comment once the unpublished article is
        published (on its publish date, or today if that has passed), as
        things stand: what a preview shows."""
        if not article.allow_comments or self.is_paused:
            return False
        days = self.close_after_days
        published_at = max(article.published_at or timezone.now(), timezone.now())
        return not days or timezone.now() < published_at + timedelta(days=days)

    def held_word_list(self):
        return [
            line.strip().lower()
            for line in self.held_words.splitlines()
            if line.strip()
        ]

    def removal_reason_list(self):
        return [
            line.strip() for line in self.removal_reasons.splitlines() if line.strip()
        ]
