"""Search on PostgreSQL: full-text search with the `english` configuration.

Articles, points and comments each keep a search_vector column that
PostgreSQL keeps current (triggers for an article's weighted document,
migration 0007_search; generated columns for points and comments,
0011_stored_point_vectors and discussion's 0011), each with a GIN index.
Every term goes through websearch_to_tsquery(), built from the reader's
words alone.

A common word matches a good share of a large site's rows, and ranking every
match takes seconds; so does checking a phrase of common words, or a word
left out, on every row that holds the words. So each section looks at a
bounded number of the rows that hold every word asked for (the GIN index
finds those without reading the rows' vectors), ranks those that match, and
marks up the best: one query a section, so that a search costs about the
same however common its words are. The SQL is written here rather than
built by the ORM, which took longer to build the queries than PostgreSQL
took to answer them; who may see what still comes from the querysets
(articles.search.sql.where_of).
"""

from django.db import connection

from ..models import Article
from .query import websearch_text
from .sql import START_MARK, STOP_MARK, where_of
from .suggestions import CANDIDATES

# Articles are looked at newest first, as many as this; points and comments
# in the index's order, for ordering them by date would mean reading every
# match first.
ARTICLES_EXAMINED = 250
ROWS_EXAMINED = 1_000
# How many of the best rows the marking up looks at: enough that a few
# hidden or unpublished among them still leave a full section.
BEST_KEPT = 50
# ts_rank divides by 1 + log(length), so long articles do not win by length
ARTICLE_RANK_NORMALISATION = 1
SNIPPET_OPTIONS = {"MaxWords": 30, "MinWords": 12, "MaxFragments": 1}
# a text index's excerpt: up to two fragments, its MaxWords the section's
EXCERPT_OPTIONS = {"MinWords": 12, "MaxFragments": 2, "FragmentDelimiter": " … "}


def tsquery_sql(query, every_word_anywhere=False):
    """The parsed Query as a tsquery expression and its parameters: each term
    through websearch_to_tsquery. every_word_anywhere gives a looser one,
    which the GIN index answers on its own: each phrase's words in any order
    and place, and nothing left out."""
    function = "plainto_tsquery" if every_word_anywhere else "websearch_to_tsquery"
    params = []

    def term_sql(term):
        params.append(term.text if every_word_anywhere else websearch_text(term))
        return f"{function}('english'::regconfig, %s)"

    sql = " && ".join(
        "(" + " || ".join(term_sql(term) for term in group) + ")"
        for group in query.groups
    )
    if not every_word_anywhere:
        for term in query.excluded:
            sql += f" && !!{term_sql(term)}"
    return f"({sql})", params


def has_phrase_or_left_out_word(query):
    return bool(query.excluded) or any(len(term.words) > 1 for term in query.terms)


def best_matches_sql(
    table, query, *, examined, normalisation=0, where=("TRUE", []), newest_first=False
):
    """SQL for the ids and ranks of the BEST_KEPT best-ranked rows of table
    among the first `examined` that hold every word of the parsed query and
    pass `where` (SQL and parameters), looked at by published_at if
    newest_first, else in the order the database finds them."""
    exact, exact_params = tsquery_sql(query)
    loose, loose_params = tsquery_sql(query, every_word_anywhere=True)
    where_sql, where_params = where
    order = "ORDER BY published_at DESC, id DESC" if newest_first else ""
    # a row holding every word matches, unless there is a phrase or a word
    # left out: then it is checked, on these rows only
    check = (
        f"WHERE search_vector @@ {exact}" if has_phrase_or_left_out_word(query) else ""
    )
    sql = f"""
        SELECT id, ts_rank(search_vector, {exact}, %s) AS rank
        FROM (
            SELECT id, search_vector FROM {table}
            WHERE {where_sql} AND search_vector @@ {loose}
            {order} LIMIT %s
        ) AS holding_words
        {check}
        ORDER BY rank DESC, id DESC LIMIT %s
    """
    params = [*exact_params, normalisation, *where_params, *loose_params, examined]
    if check:
        params += exact_params
    return sql, [*params, BEST_KEPT]


def headline_sql(column, query, **options):
    """ts_headline() of column for the parsed query, matches between the
    marks, and its parameters."""
    tsquery, params = tsquery_sql(query)
    options = {"StartSel": START_MARK, "StopSel": STOP_MARK, **options}
    written = ", ".join(
        connection.ops.compose_sql(f"{name}=%s", [value])
        for name, value in options.items()
    )
    return f"ts_headline('english'::regconfig, {column}, {tsquery}, %s)", [
        *params,
        written,
    ]


def fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def articles(query, limit):
    """The slug, title, standfirst, introduction and author's name of the
    best published articles, best first, their matches marked (the
    introduction's best part)."""
    best, best_params = best_matches_sql(
        "articles_article",
        query,
        examined=ARTICLES_EXAMINED,
        normalisation=ARTICLE_RANK_NORMALISATION,
        where=where_of(Article.objects.published()),
        newest_first=True,
    )
    title, title_params = headline_sql("title", query, HighlightAll=True)
    standfirst, standfirst_params = headline_sql("standfirst", query, HighlightAll=True)
    introduction, introduction_params = headline_sql(
        "introduction", query, **SNIPPET_OPTIONS
    )
    return fetch(
        f"""
        WITH best AS MATERIALIZED ({best})
        SELECT articles_article.slug, {title}, {standfirst}, {introduction},
            coalesce(articles_author.name, '')
        FROM best JOIN articles_article ON articles_article.id = best.id
        LEFT JOIN articles_author ON articles_author.id = articles_article.author_id
        ORDER BY best.rank DESC, published_at DESC, articles_article.id DESC
        LIMIT %s
        """,
        [
            *best_params,
            *title_params,
            *standfirst_params,
            *introduction_params,
            limit,
        ],
    )


def ranked_rows(index, query, limit, *, columns, joins, shown, order_by, excerpt_words):
    """See articles.search.ranked_rows: here shown is its WHERE clause and
    parameters, and columns one string."""
    best, best_params = best_matches_sql(index.table, query, examined=ROWS_EXAMINED)
    if excerpt_words is None:
        options = {"HighlightAll": True}
    else:
        options = {"MaxWords": excerpt_words, **EXCERPT_OPTIONS}
    excerpt, excerpt_params = headline_sql(
        f"{index.table}.{index.column}", query, **options
    )
    shown_sql, shown_params = shown
    return fetch(
        f"""
        WITH best AS MATERIALIZED ({best})
        SELECT {columns}, {excerpt}
        FROM best
        JOIN {index.table} ON {index.table}.id = best.id
        {joins}
        WHERE {shown_sql}
        ORDER BY best.rank DESC, {order_by}
        LIMIT %s
        """,
        [*best_params, *excerpt_params, *shown_params, limit],
    )


_trigrams_by_database = {}


def has_trigrams():
    """Whether pg_trgm is in the database (migration 0012 adds it where
    allowed): asked once per process and database."""
    name = connection.settings_dict["NAME"]
    if name not in _trigrams_by_database:
        found = fetch("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'", [])
        _trigrams_by_database[name] = bool(found)
    return _trigrams_by_database[name]


def nearest_words(asked):
    """For each (word, other spelling): the word, whether a published
    article holds it (or its other spelling, or a word of the same stem), and
    the vocabulary's most similar words that a published article holds, most
    similar first, in one query; none without pg_trgm."""
    if not has_trigrams():
        return [(word, True, []) for word, _other in asked]
    published, published_params = where_of(Article.objects.published())
    return fetch(
        f"""
        SELECT asked.word,
            EXISTS (
                SELECT 1 FROM articles_article WHERE {published}
                AND search_vector @@ (plainto_tsquery('english', asked.word)
                    || plainto_tsquery('english', asked.other))
            ),
            ARRAY(
                SELECT nearby.word FROM (
                    SELECT word, similarity(word, asked.word) AS score
                    FROM articles_searchword WHERE word %% asked.word
                    ORDER BY score DESC, word LIMIT %s
                ) AS nearby
                WHERE EXISTS (
                    SELECT 1 FROM articles_article WHERE {published}
                    AND search_vector @@ plainto_tsquery('english', nearby.word)
                )
                ORDER BY nearby.score DESC, nearby.word
            )
        FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS asked(word, other, n)
        ORDER BY asked.n
        """,
        [
            *published_params,
            CANDIDATES,
            *published_params,
            [word for word, _other in asked],
            [other for _word, other in asked],
        ],
    )
