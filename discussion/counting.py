"""Keeping the discussion's counts (models/counts.py) in step with its comments.

A visible comment is counted once: under its article, perspective and point,
and under its thread; a thread that gains its first visible comment adds one
to its article's threads. Each save or deletion of a comment moves its count
from where it was counted to where it is now, with F() updates in the
comment's own transaction (receivers.py); a bulk update() of what they
depend on (COUNTED_FIELDS) recounts the articles it touched. recount() starts
afresh.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from .models import ArticleComment, DiscussionCount, DiscussionSize, ThreadCount
from .models.comment import COUNTED_FIELDS
from .models.counts import Counted


def stored(model, pk, fields=COUNTED_FIELDS):
    """What the counts depend on (and any other fields asked for), as stored
    ({field: value}, or None for a new comment), the row locked until the end
    of the transaction so that two changes to one comment count once."""
    if pk is None:
        return None
    rows = model._base_manager.filter(pk=pk)
    if connection.in_atomic_block:
        rows = rows.select_for_update(of=("self",))
    values = rows.values_list(*fields).first()
    return dict(zip(fields, values, strict=True)) if values else None


def saved(comment, before, update_fields=None):
    """What the counts depend on once the comment is saved: with
    update_fields, only those fields were written over what was stored."""
    now = {name: getattr(comment, name) for name in COUNTED_FIELDS}
    if before is None or update_fields is None:
        return now
    written = {comment._meta.get_field(name).attname for name in update_fields}
    return {name: now[name] if name in written else before[name] for name in now}


def counted(values):
    """Where a comment with these values counts, or None: hidden, or not yet
    threaded (xtd saves a new comment once before it gives it a thread)."""
    if values is None or not values["is_public"] or values["is_removed"]:
        return None
    if not values["thread_id"]:
        return None
    return Counted(*(values[name] for name in Counted._fields))


def move(before, after):
    """Move one comment's count from where it counted to where it counts."""
    if before == after:
        return
    if before:
        _add(before, -1)
    if after:
        _add(after, 1)


def _add(where, step):
    _bump(
        DiscussionCount,
        {
            "article_id": where.article_id,
            "perspective_id": where.perspective_id,
            "point_id": where.point_id,
            "stance": where.stance,
            "is_featured": where.is_featured,
        },
        "comments",
        step,
    )
    now = _bump(
        ThreadCount,
        {"thread_id": where.thread_id, "article_id": where.article_id},
        "comments",
        step,
        read=True,
    )
    if now is None:
        return
    before = now - step
    if before <= 0 < now:
        _bump(DiscussionSize, {"article_id": where.article_id}, "threads", 1)
    elif now <= 0 < before:
        _bump(DiscussionSize, {"article_id": where.article_id}, "threads", -1)


def _bump(model, key, field, step, read=False):
    """Add step to a counter row, creating it with the first comment it
    counts; with read, return its new value (None if there is no row). The
    update locks the row, so the value read is the one this step made."""
    rows = model.objects.filter(**key)
    if not rows.update(**{field: F(field) + step}):
        if step < 0:
            # Nothing to take from: the row went with its article, or the
            # counts predate the comment. recount() puts them right.
            return None
        try:
            with transaction.atomic():
                model.objects.create(**key, **{field: step})
            return step
        except IntegrityError:
            # another transaction created it first: it is there now
            rows.update(**{field: F(field) + step})
    if read:
        return rows.values_list(field, flat=True).first()
    return None


def recount(article_id=None):
    """Count an article's discussion (by default every article's) afresh
    from its comments."""
    only = {"article_id": article_id} if article_id is not None else {}
    with transaction.atomic():
        for model in (DiscussionCount, ThreadCount, DiscussionSize):
            model.objects.filter(**only).delete()
        if only:
            # its threads, wherever they were counted: a bulk update() may
            # have moved them from another article, recounted before or after
            threads = ArticleComment.objects.filter(**only).values("thread_id")
            ThreadCount.objects.filter(thread_id__in=threads).delete()
        with connection.cursor() as cursor:
            for sql in fill_sql(article_id is not None):
                cursor.execute(sql, [article_id] if only else [])


def fill_sql(one_article):
    """INSERT ... SELECT statements that count comments into empty count
    tables; with one_article, they take the article's id as a parameter."""
    tables = {
        "comment": "django_comments",
        "thread": "django_comments_xtd_xtdcomment",
        "article_comment": ArticleComment._meta.db_table,
        "counts": DiscussionCount._meta.db_table,
        "threads": ThreadCount._meta.db_table,
        "size": DiscussionSize._meta.db_table,
    }
    where = "AND a.article_id = %s" if one_article else ""
    shown = f"""
        FROM {tables["article_comment"]} a
        JOIN {tables["comment"]} c ON c.id = a.xtdcomment_ptr_id
        JOIN {tables["thread"]} x ON x.comment_ptr_id = a.xtdcomment_ptr_id
        WHERE c.is_public AND NOT c.is_removed AND x.thread_id <> 0 {where}
    """
    size_where = "WHERE article_id = %s" if one_article else ""
    return [
        f"""INSERT INTO {tables["counts"]}
            (article_id, perspective_id, point_id, stance, is_featured, comments)
            SELECT a.article_id, a.perspective_id, a.point_id, a.stance,
                a.is_featured, COUNT(*) {shown}
            GROUP BY a.article_id, a.perspective_id, a.point_id, a.stance,
                a.is_featured""",
        f"""INSERT INTO {tables["threads"]} (thread_id, article_id, comments)
            SELECT x.thread_id, MIN(a.article_id), COUNT(*) {shown}
            GROUP BY x.thread_id""",
        f"""INSERT INTO {tables["size"]} (article_id, threads)
            SELECT article_id, COUNT(*) FROM {tables["threads"]} {size_where}
            GROUP BY article_id""",
    ]
