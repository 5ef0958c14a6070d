"""What helps an editor write on the article form: the word count that
follows their typing (static/js/word-count.js), a warning before leaving
the form with changes not saved (static/js/unsaved-changes.js), and
existing topics suggested as a topic is typed (static/js/topic-suggestions.js)."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from taggit.utils import parse_tags

from ..models import Topic
from ..models.topic import tidied
from ..text import shorten


def validate_topic_names(value):
    """Each topic typed fits a topic's name."""
    longest = Topic._meta.get_field("name").max_length
    for name in parse_tags(value):
        if len(tidied(name)) > longest:
            raise ValidationError(
                f"A topic can be at most {longest} characters long: "
                f"“{shorten(tidied(name), 40)}” has {len(tidied(name))}."
            )


def word_count_display(article):
    """The saved count, which the script recounts as the editor types."""
    return format_html("<span data-word-count>{}</span>", article.word_count())


class WritingAidsAdmin:
    @property
    def media(self):
        return super().media + forms.Media(
            js=[
                "js/word-count.js",
                "js/unsaved-changes.js",
                "js/topic-suggestions.js",
            ]
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "topics" and field is not None:
            field.validators.append(validate_topic_names)
            field.widget.attrs["data-suggestions"] = reverse(
                "admin:articles_topic_suggestions"
            )
            field.help_text = (
                "Separate topics with commas. Existing topics are suggested "
                "as you type; case does not matter."
            )
        return field
