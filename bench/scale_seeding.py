"""Seed the benchmark at scale on PostgreSQL: 10,000 published articles of 26
points each and 1,000,000 threaded comments, in a few minutes.

Articles and points go in with COPY; comments are written by the database
itself, with INSERT ... SELECT over generate_series, into each of the three
tables of the comment model (django_comments' Comment, xtd's XtdComment and
our ArticleComment). Columns a model gains later are filled with the field's
default, so a new field needs no change here; a value the site keeps in step
in Python (a count kept by a signal, say) needs seeding here, as the
discussion's counts are, by recount_discussions.

Threads come in groups of six comments: a comment with a reply and a reply to
that reply (xtd's deepest level, 2), then three comments without replies, so
one comment in three is a reply. About 1% are held for a moderator (half of
them for a held word), 0.4% removed, and one in 409 is reported by one to
three readers. 40,000 commenters write about 25 comments each, from one
mailbox in three spellings (capitals, a "+tag"), each comment carrying the
mailbox's keyed hash as the site's own saves do.
"""

import io
import random
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

from articles.models import ArgumentPoint, Article, Author, Perspective
from discussion.models import ArticleComment, CommentReport

from .scale_commenters import COMMENTER, USER_EMAIL, commenter_digests
from .scale_text import (
    AUTHORS,
    COMMON_WORD,
    RARE_PLACES,
    Vocabulary,
    with_rare_word,
)

ARTICLES = 10_000
POINTS_PER_ARTICLE = 26
COMMENTS = 1_000_000
# The articles whose cold render is timed, by their place in the index (0 is
# the newest): a busy discussion is usually on a recent article.
TIMED = {1: 100_000, 4: 10_000, 15: 100}
SPEC = (
    f"{ARTICLES:,} articles of {POINTS_PER_ARTICLE} points, {COMMENTS:,} comments"
    f" ({', '.join(f'{size:,}' for size in TIMED.values())} on the timed ones); v4"
)
MARKER = "bench_scale_seeded"
COMMENT_TEXTS = 2_000
# an article is published every few hours, going back about five years
SPACING = timedelta(hours=4, minutes=20)


def timed_slug(size):
    return f"scale-{size}-comments"


def seeded():
    """How long the seeding took if the database holds this size's data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT seconds FROM {MARKER} WHERE spec = %s", [SPEC])
        row = cursor.fetchone()
    published = Article.objects.published().filter(slug__startswith="scale-")
    if row is None or published.count() != ARTICLES:
        return None
    if ArticleComment.objects.count() != COMMENTS:
        return None
    return row[0]


def seed(rng=None):
    """Seed an empty, migrated database holding the seed fixture. Returns
    the seconds it took."""
    started = time.monotonic()
    rng = rng or random.Random(2026)
    vocabulary = Vocabulary(rng)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO off")
        plan = _articles(cursor, vocabulary, rng)
        print(f"  articles and points: {time.monotonic() - started:.0f} s", flush=True)
        _comments(cursor, plan, vocabulary.comment_texts(COMMENT_TEXTS))
        print(f"  comments: {time.monotonic() - started:.0f} s", flush=True)
        for model in (Article, ArgumentPoint, Comment, CommentReport):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT max(id) FROM {table}))"
            )
        # comments written by SQL pass no receivers: count them afresh
        call_command("recount_discussions", stdout=io.StringIO())
        print(f"  counts: {time.monotonic() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        seconds = time.monotonic() - started
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER}"
            " (spec text PRIMARY KEY, seconds double precision)"
        )
        cursor.execute(f"INSERT INTO {MARKER} VALUES (%s, %s)", [SPEC, seconds])
    return seconds


def _defaults(model, given):
    """The model's own columns that `given` leaves out, with their defaults."""
    return {
        field.column: field.get_db_prep_save(field.get_default(), connection)
        for field in model._meta.local_concrete_fields
        if field.column not in given
        and not field.primary_key
        and not getattr(field, "generated", False)
    }


def _copy(cursor, model, rows, fields):
    """COPY rows (tuples in the order of `fields`, field names) into the
    model's table."""
    columns = [model._meta.get_field(name).column for name in fields]
    extra = _defaults(model, columns)
    names = ", ".join(f'"{column}"' for column in [*columns, *extra])
    with cursor.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row((*row, *extra.values()))


def _next_id(cursor, model):
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {model._meta.db_table}")
    return cursor.fetchone()[0]


def _articles(cursor, vocabulary, rng):
    """Articles and their points; returns, per article, (id, number of
    comments, id of its first comment, id of its first point, published_at)."""
    perspectives = list(Perspective.objects.order_by("position", "pk"))
    authors = [
        Author.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in AUTHORS
    ]
    first_article = _next_id(cursor, Article)
    first_point = _next_id(cursor, ArgumentPoint)
    now = timezone.now()
    spread = COMMENTS - sum(TIMED.values())
    others = ARTICLES - len(TIMED)
    rare = set(rng.sample(range(ARTICLES * POINTS_PER_ARTICLE), RARE_PLACES))
    articles, points, plan = [], [], []
    next_comment = _next_id(cursor, Comment)
    for place in range(ARTICLES):
        pk = first_article + place
        title = vocabulary.title()
        slug = timed_slug(TIMED[place]) if place in TIMED else None
        published_at = now - timedelta(days=1) - place * SPACING
        articles.append(
            (
                pk,
                title,
                slug or f"scale-{slugify(title)[:60]}-{place}",
                vocabulary.paragraph(2),
                vocabulary.paragraph(rng.randint(2, 5)),
                f"Based on content from {rng.choice(AUTHORS)}",
                rng.choice(authors).pk,
                Article.Status.PUBLISHED,
                published_at,
                published_at,
                published_at,
                True,
            )
        )
        for position in range(POINTS_PER_ARTICLE):
            text = vocabulary.point()
            number = place * POINTS_PER_ARTICLE + position
            if number in rare:
                text = with_rare_word(text, rng)
            # grouped by perspective, in the editor's order, as editors write them
            perspective = perspectives[
                position * len(perspectives) // POINTS_PER_ARTICLE
            ]
            points.append((first_point + number, pk, perspective.pk, text, position))
        # the first few untimed articles take what does not divide evenly
        untimed_before = place - sum(1 for timed in TIMED if timed < place)
        size = TIMED.get(place) or (
            spread // others + (untimed_before < spread % others)
        )
        first_of_article = first_point + place * POINTS_PER_ARTICLE
        plan.append((pk, size, next_comment, first_of_article, published_at))
        next_comment += size
    article_fields = [
        "id",
        "title",
        "slug",
        "standfirst",
        "introduction",
        "attribution",
        "author",
        "status",
        "published_at",
        "created_at",
        "updated_at",
        "allow_comments",
    ]
    # The search triggers remake an article's document for each point added,
    # 26 times an article: held off here, then each document made once.
    cursor.execute("SET LOCAL session_replication_role = replica")
    _copy(cursor, Article, articles, article_fields)
    point_fields = ["id", "article", "perspective", "text", "position"]
    _copy(cursor, ArgumentPoint, points, point_fields)
    cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    # the points' documents, which their trigger makes (articles 0012)
    cursor.execute(
        "UPDATE articles_argumentpoint "
        "SET search_vector = articles_point_document(text, perspective_id)"
    )
    # each article's document, and with it the words "Did you mean" offers
    cursor.execute(
        "SELECT articles_refresh_search_vectors(array_agg(id)) FROM articles_article"
    )
    return plan


# One row per comment: p is its article's plan, k its number on the article,
# id its id and r its place in its group of six (see the module's docstring).
SERIES = """
    FROM scale_plan p
    CROSS JOIN LATERAL generate_series(0, p.size - 1) AS k
    CROSS JOIN LATERAL (SELECT p.first_comment + k AS id, mod(k, 6) AS r) c
"""
SUBMIT_DATE = "p.published_at + (now() - p.published_at) * ((k + 1.0) / (p.size + 1))"
IS_PUBLIC = "mod(id, 101) <> 37"
IS_REMOVED = "mod(id, 257) = 100"


def _insert(cursor, model, columns, params=None):
    """INSERT ... SELECT one row per comment: columns maps each column to
    its SQL; the columns it leaves out get the model's defaults."""
    extra = _defaults(model, columns)
    names = ", ".join(f'"{column}"' for column in [*columns, *extra])
    values = ", ".join([*columns.values(), *(["%s"] * len(extra))])
    cursor.execute(
        f"INSERT INTO {model._meta.db_table} ({names}) SELECT {values} {SERIES}",
        [*(params or []), *extra.values()],
    )


def _comments(cursor, plan, texts):
    cursor.execute(
        "CREATE TEMPORARY TABLE scale_plan (article_id bigint, size integer,"
        " first_comment integer, first_point bigint, published_at timestamptz)"
        " ON COMMIT DROP"
    )
    with cursor.copy("COPY scale_plan FROM STDIN") as copy:
        for row in plan:
            copy.write_row(row)
    content_type = ContentType.objects.get_for_model(Article)
    _insert(
        cursor,
        Comment,
        {
            "id": "id",
            "content_type_id": str(content_type.pk),
            "object_pk": "p.article_id::text",
            "site_id": str(settings.SITE_ID),
            "user_name": f"'Reader ' || {COMMENTER}",
            "user_email": USER_EMAIL,
            "user_url": "''",
            "comment": "(%s::text[])[1 + mod(id::bigint * 7919, %s)]",
            "submit_date": SUBMIT_DATE,
            "ip_address": "('192.0.2.' || (1 + mod(id, 250)))::inet",
            "is_public": IS_PUBLIC,
            "is_removed": IS_REMOVED,
        },
        [texts, len(texts)],
    )
    # each group of six starts at id - r: a comment, its reply, the reply's
    # reply, then three comments on their own
    _insert(
        cursor,
        XtdComment,
        {
            "comment_ptr_id": "id",
            "thread_id": "CASE WHEN r IN (1, 2) THEN id - r ELSE id END",
            "parent_id": "CASE WHEN r IN (1, 2) THEN id - 1 ELSE id END",
            "level": "CASE WHEN r IN (1, 2) THEN r ELSE 0 END",
            "order": "CASE WHEN r IN (1, 2) THEN r + 1 ELSE 1 END",
            "followup": "mod(k, 10) = 0",
            "nested_count": "CASE WHEN r IN (0, 1)"
            " THEN greatest(0, least(2 - r, p.size - 1 - k)) ELSE 0 END",
        },
    )
    perspectives = list(
        Perspective.objects.order_by("position", "pk").values_list("pk", flat=True)
    )
    _insert(
        cursor,
        ArticleComment,
        {
            "xtdcomment_ptr_id": "id",
            "article_id": "p.article_id",
            # one comment in seven writes from no perspective
            "perspective_id": "(%s::bigint[])[1 + mod(k * 3 + p.article_id, 7)]",
            "commenter": f"(%s::text[])[1 + {COMMENTER}]",
            "point_id": "CASE WHEN mod(k, 10) < 3"
            f" THEN p.first_point + mod(k * 11, {POINTS_PER_ARTICLE}) END",
            "held_reason": f"CASE WHEN {IS_PUBLIC} THEN ''"
            " ELSE 'Held: the comment has a link in it' END",
            "held_phrase": f"CASE WHEN {IS_PUBLIC} OR mod(id, 2) = 1 THEN ''"
            " ELSE %s END",
            "is_erased": "false",
            "original_comment": "''",
            "followers_notified_at": f"CASE WHEN {IS_PUBLIC} THEN {SUBMIT_DATE} END",
        },
        [perspectives, commenter_digests(), COMMON_WORD],
    )
    _reports(cursor)


def _reports(cursor):
    reasons = [value for value, _label in CommentReport.Reason.choices]
    cursor.execute(
        f"""
        INSERT INTO {CommentReport._meta.db_table}
            (comment_id, reason, details, reporter, created_at)
        SELECT id, (%s::text[])[1 + mod(id + j, %s)], '',
            md5(id || ':' || j) || md5(j || ':' || id),
            least(now(), {SUBMIT_DATE} + j * interval '1 hour')
        {SERIES}
        CROSS JOIN LATERAL generate_series(1, 1 + mod(id, 3)) AS j
        WHERE mod(id, 409) = 5
        """,
        [reasons, len(reasons)],
    )
