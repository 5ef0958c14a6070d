"""The versions of readers' pages that the discussion's changes make stale
(pagecache/versions.py), by name. Pages declare the ones they show in their
urls.py; the receivers bump them."""

from pagecache.versions import bump

# every discussion: the pages that count or list comments from every article
EVERY_DISCUSSION = "discussion"


def discussion_of(slug):
    """One article's discussion, as readers see it."""
    return f"article:{slug}"


def answers_to(slug):
    """The quick answers to an article's points (its summary shows them).
    Not the article page's: that shows no answers, and stays cached however
    often readers answer."""
    return f"answers:{slug}"


def bump_discussion(slug):
    """A comment on this article changed, as readers see it."""
    bump(discussion_of(slug), EVERY_DISCUSSION)


def bump_answers(slug):
    """A reader answered a point of this article, or withdrew an answer."""
    bump(answers_to(slug))
