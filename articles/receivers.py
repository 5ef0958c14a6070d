"""What keeps the content's derived data in step with what editors write."""


def render_markdown(sender, instance, **kwargs):
    """Render an article's, a point's or a perspective's Markdown as it is
    saved, so pages show the kept HTML and never render it.

    A signal rather than save(): fixtures (loaddata) save raw, without save().
    Bulk updates (QuerySet.update) skip it: save row by row instead."""
    instance.render_markdown()
