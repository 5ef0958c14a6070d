"""The discussion's models, a module for each concept."""

from .alerts import DigestItem, ModeratorProfile
from .answers import QuickAnswer
from .bans import Ban
from .comment import STANCE_PHRASES, ArticleComment, ShownCommentMixin, Stance
from .counts import DiscussionCount, DiscussionSize, ThreadCount
from .history import NOTE_MAX_LENGTH, CommentDecision, ModeratorNote
from .networks import ConfirmationNetwork
from .pending import PendingComment, SentConfirmation
from .policy import ModerationPolicy
from .reports import CommentReport

__all__ = [
    "NOTE_MAX_LENGTH",
    "STANCE_PHRASES",
    "ArticleComment",
    "Ban",
    "CommentDecision",
    "CommentReport",
    "ConfirmationNetwork",
    "DigestItem",
    "DiscussionCount",
    "DiscussionSize",
    "ModerationPolicy",
    "ModeratorNote",
    "ModeratorProfile",
    "PendingComment",
    "QuickAnswer",
    "SentConfirmation",
    "ShownCommentMixin",
    "Stance",
    "ThreadCount",
]
