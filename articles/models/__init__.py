"""The content's models, a module for each concept."""

from .article import RELATED_ARTICLES_SHOWN, ArgumentPoint, Article, ArticleTopic
from .author import Author
from .perspective import Perspective
from .topic import Topic, TopicRedirect

__all__ = [
    "RELATED_ARTICLES_SHOWN",
    "ArgumentPoint",
    "Article",
    "ArticleTopic",
    "Author",
    "Perspective",
    "Topic",
    "TopicRedirect",
]
