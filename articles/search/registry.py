"""The sections of search results: what each implements, and the register.

Each kind of thing search finds (articles, points, readers' comments) is a
section with a heading of its own on the results page. The content's
sections are registered in this package; another app registers its own from
its AppConfig.ready(), so the content never imports it.
"""

from django.utils.text import capfirst


class SearchSection:
    """One kind of thing search finds, shown under its own heading.

    verbose_name and verbose_name_plural name one result and many, in lower
    case ("comment", "comments"); finds is what the empty search page offers
    to find ("readers’ comments"); template_name renders one result as an <li>.
    """

    verbose_name = ""
    verbose_name_plural = ""
    finds = ""
    template_name = ""

    def search(self, query, limit):
        """The best results for a parsed Query, best first, at most limit."""
        raise NotImplementedError

    def is_searched(self):
        """Whether the site searches this section now (a setting may say not)."""
        return True

    @property
    def heading(self):
        return capfirst(self.verbose_name_plural)


_registered = {}


def register_section(section):
    """Adds a section after those registered before it; registering one of
    the same name again replaces it in its place."""
    _registered[section.verbose_name_plural] = section


def sections():
    """The sections searched now, in the order they were registered."""
    return [section for section in _registered.values() if section.is_searched()]
