"""The content's models, a module for each concept."""

from .article import RELATED_ARTICLES_SHOWN, Article
from .article_topic import ArticleTopic
from .author import Author
from .kept_upload import KeptUpload
from .media import MediaPicture
from .perspective import Perspective
from .point import ArgumentPoint
from .preview_link import PreviewLink
from .topic import Topic, TopicRedirect

__all__ = [
    "RELATED_ARTICLES_SHOWN",
    "ArgumentPoint",
    "Article",
    "ArticleTopic",
    "Author",
    "KeptUpload",
    "MediaPicture",
    "Perspective",
    "PreviewLink",
    "Topic",
    "TopicRedirect",
]
