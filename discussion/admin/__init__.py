"""The discussion's admin, a module per thing administered. Django's admin
autodiscovery imports this package, and importing each module registers its
admins."""

from . import answers, commenters, comments, policy

__all__ = ["answers", "commenters", "comments", "policy"]
