"""What the apps built on the content add to its pages.

The content never imports those apps. Each one that adds to the content's
pages subclasses ContentExtension and registers an instance from its
AppConfig.ready(); the content's views ask every registered extension, and
its urls.py declares the pages to the page cache with what they add. The
discussion is one: it adds an article's discussion section, comment counts
to the lists and the latest comments to a perspective's page
(discussion/extension.py).
"""

from pagecache.versions import SITE


class ContentExtension:
    """One app's additions to the content's pages; each is optional."""

    # What the article's section reads from the page's query: {name: form}
    # (pagecache.pages), and the versions it shows ("{slug}": the article's).
    article_params = {}
    article_versions = ()
    # The versions of what the extension adds to lists of articles.
    list_versions = ()

    def article_query(self, linked):
        """The query the site's links make for a mix of the section's
        parameters (each already as the links write it)."""
        return linked

    def article_section(self, article, query):
        """A section shown under an article, for the query the site's links
        make (pagecache.pages.linked_query), or None. A section has a
        `name`, a `template_name` and `shown_query`: the query of what it
        shows, which differs from the one asked for when a value does not
        exist (the reader is sent to the page that does)."""
        return None

    def preview_section(self, article):
        """The section as it will be under the article once published, for
        a preview of an unsaved form (articles.previews), or None. Nothing
        may be sent from it."""
        return None

    def annotate_articles(self, articles):
        """Add what lists show beside each of these articles."""

    def annotate_perspectives(self, perspectives, articles):
        """Add what the perspective list shows beside each perspective, for
        these (published) articles."""

    def perspective_page(self, perspective):
        """Extra context for a perspective's page."""
        return {}


_extensions = []


def register(extension):
    """Add one app's extension (once, however often its ready() runs)."""
    if type(extension) not in {type(known) for known in _extensions}:
        _extensions.append(extension)


def article_page():
    """The article page's declaration to the page cache (the options of
    pagecache.pages.reader_page), with what each extension's section reads
    and shows."""
    params, versions = {}, [SITE]
    for extension in _extensions:
        params.update(extension.article_params)
        versions.extend(extension.article_versions)

    def linked_query(linked):
        for extension in _extensions:
            linked = extension.article_query(linked)
        return linked

    return {"params": params, "depends_on": tuple(versions), "canonical": linked_query}


def list_versions():
    """The versions a list of articles shows, with what extensions add."""
    names = [SITE]
    for extension in _extensions:
        names.extend(extension.list_versions)
    return tuple(names)


def article_sections(article, query):
    """{name: section} under an article, in the order they registered."""
    sections = (extension.article_section(article, query) for extension in _extensions)
    return {section.name: section for section in sections if section is not None}


def preview_sections(article):
    """{name: section} under the preview of an unsaved article."""
    sections = (extension.preview_section(article) for extension in _extensions)
    return {section.name: section for section in sections if section is not None}


def annotate_articles(articles):
    """The articles as a list, each with what the extensions add for lists."""
    articles = list(articles)
    for extension in _extensions:
        extension.annotate_articles(articles)
    return articles


def annotate_perspectives(perspectives, articles):
    for extension in _extensions:
        extension.annotate_perspectives(perspectives, articles)
    return perspectives


def perspective_page(perspective):
    context = {}
    for extension in _extensions:
        context.update(extension.perspective_page(perspective))
    return context
