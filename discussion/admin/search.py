"""The comment admin's search, kept fast among a million comments."""

from django.db import connection
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal
from django_comments.models import Comment

from articles.models import Article

from ..models import ArticleComment
from ..models.pending import recipient_digest


class IndexedCommentSearch:
    """Django's admin search: each word, or "quoted words", must appear in
    the commenter's name or e-mail address, the comment or the article's
    title. The results are Django's; on PostgreSQL they are found faster.

    Django matches with LIKE '%word%' on every comment, in the queue's order,
    until it has a page: seconds for a name or word that few comments hold.
    On PostgreSQL, trigram indexes on the three columns of the comments table
    (migration 0012_comment_admin_search) find the comments holding a word at
    once. So the longest words asked for are looked up first, one at a time
    (in one query); once one is held by at most MATCHES_LOOKED_UP comments,
    the search is Django's own, among those comments only. Words that many comments hold
    are left to Django's search: in the queue's order, a page of them is
    found soon.
    """

    search_fields = ["user_name", "user_email", "comment", "article__title"]
    search_help_text = (
        "Search by name, words in the comment or the article title. An email "
        "address finds that commenter's comments only, however it is written."
    )
    MATCHES_LOOKED_UP = 10_000
    # each looked up is a read of an index; shorter words the trigram indexes
    # cannot find
    WORDS_LOOKED_UP = 3
    SHORTEST_LOOKED_UP = 3

    def get_search_results(self, request, queryset, search_term):
        if address := _one_address(search_term):
            # a commenter: their mailbox's comments, by index, and no one
            # else's that merely mention them
            return queryset.filter(commenter=recipient_digest(address)), False
        found, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        if connection.vendor == "postgresql":
            holding = self._comments_holding_a_rare_word(search_term)
            if holding is not None:
                found = found.filter(pk__in=holding)
        return found, may_have_duplicates

    def _comments_holding_a_rare_word(self, search_term):
        """The ids of the comments holding the first word looked up that at
        most MATCHES_LOOKED_UP hold, or None if none is that rare."""
        words = sorted(
            {
                word
                for word in _words(search_term)
                if len(word) >= self.SHORTEST_LOOKED_UP
            },
            key=len,
            reverse=True,
        )
        if not words:
            return None
        return _first_rare(words[: self.WORDS_LOOKED_UP], self.MATCHES_LOOKED_UP)


def _one_address(search_term):
    """The search, if it is one e-mail address (quoted or not), else None."""
    words = list(_words(search_term))
    if len(words) != 1:
        return None
    local, _at, domain = words[0].rpartition("@")
    return words[0] if local and domain else None


def _words(search_term):
    """The search split as Django's admin splits it."""
    for word in smart_split(search_term):
        if word.startswith(('"', "'")) and word[0] == word[-1]:
            word = unescape_string_literal(word)
        yield word


def _holding(word):
    """The ids of the comments holding word in a searched field, as one query
    the indexes answer: the comments table's own fields, then the comments on
    articles whose title holds it. Unordered, so that a limit stops it early;
    a comment may come twice."""
    own_fields = (
        Comment.objects.filter(
            Q(user_name__icontains=word)
            | Q(user_email__icontains=word)
            | Q(comment__icontains=word)
        )
        .order_by()
        .values_list("pk", flat=True)
    )
    on_articles = (
        ArticleComment.objects.filter(
            article__in=Article.objects.filter(title__icontains=word)
        )
        .order_by()
        .values_list("pk", flat=True)
    )
    return own_fields.union(on_articles, all=True)


def _first_rare(words, most):
    """The ids of the comments holding the first of the words that at most
    `most` comments hold, or None if none is that rare: in one query, which
    reads a word's matches only if every word before it was too common."""
    held, branches, params = [], [], []
    for number, word in enumerate(words):
        sql, word_params = _holding(word).query.sql_with_params()
        held.append(
            f"w{number} AS MATERIALIZED (SELECT pk FROM ({sql}) AS holding"
            f" LIMIT {most + 1})"
        )
        params += word_params
        common_before = [f"(SELECT count(*) FROM w{n}) > {most}" for n in range(number)]
        rare = f"(SELECT count(*) FROM w{number}) <= {most}"
        branches.append(
            f"SELECT {number} AS word, pk FROM w{number}"
            f" WHERE {' AND '.join([*common_before, rare])}"
        )
    # a row that says no word was rare, as distinct from a rare word held by none
    all_common = [f"(SELECT count(*) FROM w{n}) > {most}" for n in range(len(words))]
    branches.append(f"SELECT -1, NULL WHERE {' AND '.join(all_common)}")
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(held)} {' UNION ALL '.join(branches)}", params)
        rows = cursor.fetchall()
    if any(word == -1 for word, _pk in rows):
        return None
    return {pk for _word, pk in rows}
