"""The discussion's admin, a module per thing administered. Django's admin
autodiscovery imports this package, and importing each module registers its
admins."""

from . import alerts, answers, commenters, comments, policy

__all__ = ["alerts", "answers", "commenters", "comments", "policy"]
