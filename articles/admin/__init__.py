"""The editors' admin: one module a concern, each registering its own."""

from . import article, pages, people, topics

__all__ = ["article", "pages", "people", "topics"]
