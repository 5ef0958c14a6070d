"""What helps an editor write on the article form: the word count that
follows their typing (static/js/word-count.js), a warning before leaving
the form with changes not saved (static/js/unsaved-changes.js), and
existing topics suggested as a topic is typed (static/js/topic-suggestions.js)."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html


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
            field.widget.attrs["data-suggestions"] = reverse(
                "admin:articles_topic_suggestions"
            )
            field.help_text = (
                "Separate topics with commas. Existing topics are suggested "
                "as you type; case does not matter."
            )
        return field
