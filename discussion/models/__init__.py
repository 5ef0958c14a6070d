"""The discussion's models, a module for each concept."""

from .answers import QuickAnswer
from .bans import Ban
from .comment import STANCE_PHRASES, ArticleComment, ShownCommentMixin, Stance
from .counts import DiscussionCount, DiscussionSize, ThreadCount
from .networks import ConfirmationNetwork
from .pending import PendingComment, SentConfirmation
from .policy import ModerationPolicy
from .reports import CommentReport

__all__ = [
    "STANCE_PHRASES",
    "ArticleComment",
    "Ban",
    "CommentReport",
    "ConfirmationNetwork",
    "DiscussionCount",
    "DiscussionSize",
    "ModerationPolicy",
    "PendingComment",
    "QuickAnswer",
    "SentConfirmation",
    "ShownCommentMixin",
    "Stance",
    "ThreadCount",
]
