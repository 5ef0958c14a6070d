from django.contrib import admin
from django.contrib.flatpages.admin import FlatPageAdmin
from django.contrib.flatpages.forms import FlatpageForm
from django.contrib.flatpages.models import FlatPage

from ..history import HistoryAdmin


class PageForm(FlatpageForm):
    class Meta(FlatpageForm.Meta):
        # Every page uses the site's page template (flatpages/default.html):
        # a template named here could be any the site has, the admin's too.
        fields = None
        exclude = ["template_name"]
        help_texts = {
            "content": "Markdown: ## for a heading, - for a list, "
            "[link text](https://…), **bold**. E-mail addresses and web "
            "addresses become links. Leave a blank line between paragraphs."
        }

    def save(self, commit=True):
        self.instance.template_name = ""  # one named before is dropped
        return super().save(commit)


# The editable pages (comments policy, privacy, accessibility) are written in
# Markdown too, rendered by the flat page template's markdown filter.
admin.site.unregister(FlatPage)


@admin.register(FlatPage)
class PageAdmin(HistoryAdmin, FlatPageAdmin):
    form = PageForm
    fieldsets = [
        (None, {"fields": ["url", "title", "content", "sites"]}),
        (
            "Advanced options",
            {"classes": ["collapse"], "fields": ["registration_required"]},
        ),
    ]
