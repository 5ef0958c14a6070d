"""The editors' admin: one module a concern, each registering its own."""

from . import article, media, pages, people, topics

__all__ = ["article", "media", "pages", "people", "topics"]
