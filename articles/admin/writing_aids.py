"""What helps an editor write on the article form: the word count that
follows their typing (static/js/word-count.js) and a warning before leaving
the form with changes not saved (static/js/unsaved-changes.js)."""

from django import forms
from django.utils.html import format_html


def word_count_display(article):
    """The saved count, which the script recounts as the editor types."""
    return format_html("<span data-word-count>{}</span>", article.word_count())


class WritingAidsAdmin:
    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/word-count.js", "js/unsaved-changes.js"]
        )
