"""The media library in the admin: editors upload a picture once, then paste
its reference into any article's text. Saving an article warns of references
to pictures the library does not have."""

import re

from django.contrib import admin, messages
from django.template.defaultfilters import pluralize
from django.utils.html import format_html

from .. import markdown
from ..models import MediaPicture

# a search for "media:42" or "42" finds picture 42 too
NUMBER_SEARCH = re.compile(r"(?:media:)?(\d{1,18})", re.IGNORECASE)
MISSING_NAMED = 10  # references named in the warning; the rest are counted


@admin.register(MediaPicture)
class MediaPictureAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "alt_or_decorative",
        "caption",
        "credit",
        "reference_to_paste",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display_links = ["alt_or_decorative"]
    list_filter = ["is_decorative", "uploaded_at"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    list_select_related = ["uploaded_by"]
    readonly_fields = ["thumbnail", "reference_to_paste", "uploaded_by", "uploaded_at"]

    def get_fields(self, request, obj=None):
        fields = ["image", "alt_text", "is_decorative", "caption", "credit"]
        if obj is None:
            return fields
        shown = ["reference_to_paste", "thumbnail", *fields]
        return [*shown, "uploaded_by", "uploaded_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        if match := NUMBER_SEARCH.fullmatch(search_term.strip()):
            found |= queryset.filter(pk=int(match.group(1)))
        return found, may_have_duplicates

    @admin.display(description="Picture")
    def thumbnail(self, media):
        if not media.image or not media.width:
            return "–"
        height = max(1, round(media.height * 120 / media.width))
        # the row says what it shows beside it
        return format_html(
            '<img src="{}" width="120" height="{}" alt="" class="media-thumbnail">',
            media.thumbnail_url(),
            height,
        )

    @admin.display(description="Alt text", ordering="alt_text")
    def alt_or_decorative(self, media):
        return "Decorative" if media.is_decorative else media.alt_text

    @admin.display(description="Reference to paste into an article's text")
    def reference_to_paste(self, media):
        if media.pk is None:
            return "–"
        return format_html('<code class="media-reference">{}</code>', media.reference)


def warn_about_missing_pictures(request, article):
    """Tell the editor which media references in the article's text show
    nothing to readers: pictures not in the library, and any past the most
    a text shows."""
    numbers = markdown.figure_references(article.introduction)
    if not numbers:
        return
    known = set(
        MediaPicture.objects.filter(
            pk__in={number for number in numbers if number < 2**63}
        ).values_list("pk", flat=True)
    )
    missing = list(dict.fromkeys(n for n in numbers if n not in known))
    if missing:
        named = ", ".join(f"media:{number}" for number in missing[:MISSING_NAMED])
        more = len(missing) - MISSING_NAMED
        if more > 0:
            named += f" and {more:,} more"
        messages.warning(
            request,
            f"Readers will not see {len(missing):,} picture{pluralize(missing)} "
            f"in the introduction: {named} "
            f"{'is' if len(missing) == 1 else 'are'} not in the media library. "
            "Check the reference, or add the picture to the library.",
        )
    if len(numbers) > markdown.MAX_FIGURES:
        messages.warning(
            request,
            f"Readers will see only the first {markdown.MAX_FIGURES} pictures in "
            f"the introduction: it has {len(numbers):,}.",
        )
