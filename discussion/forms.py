import re

from django import forms
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.forms import XtdCommentForm

from articles.models import Perspective
from articles.text import shorten

from .models import ArticleComment, CommentReport, PendingComment, Stance
from .normalise import breaks_the_line
from .spam import email_domain, is_blocked_domain
from .widget_html import PythonWidgets

# Characters XML 1.0 cannot carry (tab and line breaks are fine): they would
# break the comment feeds, and no one means to type them.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# The longest address the comment and the pending comment can both keep.
EMAIL_MAX_LENGTH = min(
    model._meta.get_field("user_email").max_length
    for model in (ArticleComment, PendingComment)
)


def _in_words(labels):
    """A choice's labels as a sentence says them: agree, disagree or mixed views."""
    words = [label.lower() for label in labels]
    return f"{', '.join(words[:-1])} or {words[-1]}"


class CommentForm(XtdCommentForm):
    """The comment box at the end of an article, and the reply form."""

    # on every article page: its widgets are written in Python, not templates
    default_renderer = PythonWidgets()

    perspective = forms.ModelChoiceField(
        queryset=Perspective.objects.all(),
        required=False,
        label="I am writing as",
        empty_label="Prefer not to say",
        error_messages={"invalid_choice": "Choose a perspective from the list"},
    )
    point = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Responding to",
        empty_label="The article as a whole",
        error_messages={"invalid_choice": "Choose a point from this article"},
    )

    stance = forms.ChoiceField(
        choices=[("", "I would rather not say"), *Stance.choices],
        required=False,
        label="Do you agree with the point?",
        help_text="Only if you chose a point to respond to.",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": f"Choose {_in_words(Stance.labels)}"},
    )

    field_order = [
        "comment",
        "point",
        "stance",
        "name",
        "email",
        "perspective",
        "followup",
        "honeypot",
    ]

    def __init__(self, target_object, *args, **kwargs):
        super().__init__(target_object, *args, **kwargs)
        del self.fields["url"]  # commenters' names are never links
        self.fields["point"].queryset = target_object.points.select_related(
            "perspective"
        )
        self.fields["point"].label_from_instance = _point_label
        self.fields["perspective"].label_from_instance = _as_one_person
        if self.is_reply:
            # A reply answers a comment, not a point: the reply form shows
            # neither field, so whatever arrives in them is ignored, never
            # turned into an error the commenter cannot see or fix.
            self.fields["point"].disabled = True
            self.fields["stance"].disabled = True

        comment = self.fields["comment"]
        comment.label = "Comment"
        comment.help_text = (
            f"Plain text, up to {xtd_settings.COMMENT_MAX_LENGTH:,} characters. "
            "Links are allowed."
        )
        comment.widget = forms.Textarea(attrs={"rows": 8, "spellcheck": "true"})
        comment.strip = False  # stored exactly as typed
        comment.error_messages = {"required": "Enter your comment"}
        # checked in clean_comment, to write the numbers as the hint does
        comment.validators = [
            v for v in comment.validators if not isinstance(v, MaxLengthValidator)
        ]

        name = self.fields["name"]
        name.label = "Your name"
        name.help_text = "Shown with your comment. You can use a first name only."
        name.widget = forms.TextInput(attrs={"autocomplete": "name"})
        # a null character is refused in clean_name, with the others
        name.validators = [
            v
            for v in name.validators
            if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        name.error_messages = {
            "required": "Enter your name",
            "max_length": "Your name must be 50 characters or fewer",
        }

        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = (
            "Never published. We send a link to it to confirm your comment."
        )
        email.widget = forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false"}
        )
        email.error_messages = {
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, "
            "like name@example.com",
            "max_length": f"Enter an email address of {EMAIL_MAX_LENGTH} "
            "characters or fewer",
        }
        # the form takes up to 320 characters, as e-mail allows; we keep 254
        email.max_length = EMAIL_MAX_LENGTH
        email.validators.insert(0, MaxLengthValidator(EMAIL_MAX_LENGTH))
        email.widget.attrs["maxlength"] = EMAIL_MAX_LENGTH

        followup = self.fields["followup"]
        followup.label = (
            "Email me when a new comment is published on this article "
            "(you can stop these at any time)"
        )
        followup.widget = forms.CheckboxInput()

        self.fields["honeypot"].label = "Leave this field empty"
        self.fields["reply_to"].error_messages = {
            "required": "Choose a comment to reply to",
            "invalid": "Choose a comment to reply to",
        }

    @property
    def is_reply(self):
        """Whether this form sends a reply, as the page that shows it will
        tell (the reply form leaves out the point and the stance)."""
        value = self["reply_to"].value() if "reply_to" in self.fields else 0
        try:
            return int(value or 0) > 0
        except (TypeError, ValueError):
            return False

    def use_choices(self, points, perspectives):
        """Offer already-loaded points and perspectives, saving two queries."""
        self.fields["point"].choices = [("", self.fields["point"].empty_label)] + [
            (point.pk, _point_label(point)) for point in points
        ]
        self.fields["perspective"].choices = [
            ("", self.fields["perspective"].empty_label)
        ] + [(p.pk, _as_one_person(p)) for p in perspectives]

    def clean_comment(self):
        limit = xtd_settings.COMMENT_MAX_LENGTH
        length = len(self.cleaned_data["comment"])
        if length > limit:
            raise forms.ValidationError(
                f"Your comment must be {limit:,} characters or fewer; it has {length:,}"
            )
        text = super().clean_comment()
        if not text.strip():
            raise forms.ValidationError("Enter your comment")
        _refuse_control_characters(text, "Your comment", "the text")
        return text

    def clean_timestamp(self):
        # beyond any clock: xtd's check of its age would overflow a float
        if not 0 <= self.cleaned_data["timestamp"] < 2**53:
            raise forms.ValidationError("The form has been changed", code="invalid")
        return super().clean_timestamp()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter your name")
        if breaks_the_line(name):
            # it goes into e-mails, feeds and exports: one line, read in order
            raise forms.ValidationError(
                "Enter your name on one line, without line breaks, tabs or "
                "hidden formatting characters"
            )
        return name

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email_domain(email).startswith("["):
            # valid, but a bare address in brackets is how spam tools write
            raise forms.ValidationError(
                "Enter an email address with a domain name, like name@example.com"
            )
        if is_blocked_domain(email):
            raise forms.ValidationError(
                "We do not accept comments from this email address. "
                "Use a different email address"
            )
        return email

    def clean_reply_to(self):
        reply_to = self.cleaned_data["reply_to"]
        if not reply_to:
            return 0
        if not 0 < reply_to < 2**63:  # beyond any database's ids
            raise forms.ValidationError(
                "The comment you are replying to is not part of this discussion"
            )
        parent = (
            ArticleComment.objects.visible()
            .filter(pk=reply_to, article_id=self.target_object.pk)
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                "The comment you are replying to is not part of this discussion"
            )
        if not parent.allow_thread():
            raise forms.ValidationError(
                "Replies cannot go deeper here. Reply to the comment above it instead"
            )
        return reply_to

    def get_comment_create_data(self, site_id=None):
        data = super().get_comment_create_data(site_id=site_id)
        point = self.cleaned_data.get("point")
        perspective = self.cleaned_data.get("perspective")
        data.update(
            article_id=self.target_object.pk,
            perspective_id=perspective.pk if perspective else None,
            point_id=point.pk if point else None,
            stance=self.cleaned_data.get("stance", "") if point else "",
        )
        return data

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["url"] = ""  # the base form stores a link we don't collect
        # A stance is on a point: without one it would be counted nowhere, or
        # against the whole article, which no one was asked about. Refused, so
        # the commenter chooses; the form keeps everything they typed.
        if cleaned_data.get("stance") and not cleaned_data.get("point"):
            if "point" not in self.errors:
                self.add_error(
                    "stance",
                    "Choose the point you agree or disagree with, or choose "
                    "‘I would rather not say’",
                )
        return cleaned_data


def _refuse_control_characters(value, subject, retype):
    if CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(
            f"{subject} contains hidden control characters that cannot be "
            f"shown. Remove them, or type {retype} again"
        )


def _as_one_person(perspective):
    label = perspective.one_person
    return label[:1].upper() + label[1:]  # "A councillor"


def _point_label(point):
    text = shorten(point.plain_text, 90)
    return f"{point.perspective.name}: {text}"


class ReportForm(forms.ModelForm):
    """Why a reader thinks a comment should be removed."""

    class Meta:
        model = CommentReport
        fields = ["reason", "details"]
        widgets = {
            "reason": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "reason": "Why should this comment be removed?",
            "details": "Tell us more",
        }
        help_texts = {"details": "Do not include personal information."}
        error_messages = {
            "reason": {"required": "Choose why this comment should be removed"},
            "details": {
                "max_length": "Tell us in 1,000 characters or fewer",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # no blank "---------" radio, ticked before the reader chooses
        self.fields["reason"].choices = CommentReport.Reason.choices
