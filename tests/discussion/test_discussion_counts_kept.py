"""The counts an article page reads (visible comments by perspective and point,
threads with something visible) stay equal to a count of the comments,
whatever changes them."""

import io
import random
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections, transaction

from articles.models import ArgumentPoint
from discussion import decisions
from discussion.counting import recount
from discussion.models import (
    ArticleComment,
    DiscussionCount,
    DiscussionSize,
    ThreadCount,
)
from tests.factories import make_article, make_comment, make_perspective
from tests.helpers import moderate, post_and_confirm, report_url

pytestmark = pytest.mark.django_db


def kept(article):
    """The counts as kept: {(perspective id, point id, stance, featured):
    comments}, {thread id: comments} and the number of threads, leaving out
    what counts nothing."""
    buckets = {
        (row.perspective_id, row.point_id, row.stance, row.is_featured): row.comments
        for row in DiscussionCount.objects.filter(article=article)
        if row.comments
    }
    threads = {
        row.thread_id: row.comments
        for row in ThreadCount.objects.filter(article=article)
        if row.comments
    }
    size = DiscussionSize.objects.filter(article=article).first()
    return buckets, threads, size.threads if size else 0


def counted_from_comments(article):
    """The same counts, from the comments themselves."""
    buckets, threads = {}, {}
    for comment in ArticleComment.objects.visible().filter(article=article):
        key = (
            comment.perspective_id,
            comment.point_id,
            comment.stance,
            comment.is_featured,
        )
        buckets[key] = buckets.get(key, 0) + 1
        threads[comment.thread_id] = threads.get(comment.thread_id, 0) + 1
    return buckets, threads, len(threads)


def assert_counts_right(*articles):
    for article in articles:
        assert kept(article) == counted_from_comments(article)
        assert not DiscussionCount.objects.filter(comments__lt=0).exists()
        assert not ThreadCount.objects.filter(comments__lt=0).exists()


class RandomDiscussion:
    """Readers, moderators and editors changing two articles' discussions
    at random, each through the code the site runs for it."""

    def __init__(self, rng, articles, perspectives, moderator):
        self.rng = rng
        self.articles = articles
        self.perspectives = [None, *perspectives]
        self.moderator = moderator
        self.emails = [f"reader{n}@example.org" for n in range(12)]

    def comments(self, **filters):
        return list(ArticleComment.objects.filter(**filters).order_by("pk"))

    def some_comment(self, **filters):
        comments = self.comments(**filters)
        return self.rng.choice(comments) if comments else None

    def points_of(self, article):
        return [None, *ArgumentPoint.objects.filter(article=article)]

    def publish(self, **fields):
        article = self.rng.choice(self.articles)
        return make_comment(
            article,
            user_email=self.rng.choice(self.emails),
            perspective=self.rng.choice(self.perspectives),
            point=self.rng.choice(self.points_of(article)),
            stance=self.rng.choice(["", "agree", "disagree", "mixed"]),
            **fields,
        )

    def feature_or_unfeature(self):
        comment = self.some_comment()
        if comment:
            decide = self.rng.choice([decisions.feature, decisions.unfeature])
            decide(comment, self.moderator)

    def hold(self):
        self.publish(is_public=False)

    def reply(self):
        parent = self.some_comment(level__lt=2)
        if parent:
            make_comment(
                parent.article,
                parent=parent,
                user_email=self.rng.choice(self.emails),
                is_public=self.rng.random() < 0.8,
                perspective=self.rng.choice(self.perspectives),
            )

    def approve(self):
        comment = self.some_comment()
        if comment:
            decisions.approve(comment, self.moderator)

    def remove(self):
        comment = self.some_comment()
        if comment:
            decisions.remove(comment, self.moderator)

    def hide_as_reports_do(self):
        comment = self.some_comment(is_public=True)
        if comment:
            comment.is_public = False
            comment.save(update_fields=["is_public"])

    def erase(self):
        email = self.rng.choice(self.emails)
        call_command("commenter_data", email, "--erase", stdout=io.StringIO())

    def change_perspective_and_point(self):
        comment = self.some_comment()
        if comment:
            comment.perspective = self.rng.choice(self.perspectives)
            comment.point = self.rng.choice(self.points_of(comment.article))
            comment.save()

    def delete(self):
        comment = self.some_comment()
        if comment:
            comment.delete()

    def bulk_hide(self):
        ArticleComment.objects.filter(
            pk__in=[c.pk for c in self.comments()[:: self.rng.randint(5, 9)]]
        ).update(is_removed=True)

    def delete_point(self):
        points = ArgumentPoint.objects.filter(article__in=self.articles)
        if points.count() > 2:
            self.rng.choice(list(points)).delete()


def test_counts_equal_a_recount_after_300_random_changes(mailoutbox):
    rng = random.Random(2026)
    perspectives = [make_perspective() for _ in range(3)]
    articles = [
        make_article(
            points=[(rng.choice(perspectives), f"Point {n}") for n in range(4)]
        )
        for _ in range(2)
    ]
    moderator = get_user_model().objects.create_superuser("mod", "m@example.org")
    discussion = RandomDiscussion(rng, articles, perspectives, moderator)
    operations = [
        (discussion.publish, 30),
        (discussion.hold, 10),
        (discussion.reply, 25),
        (discussion.approve, 10),
        (discussion.remove, 8),
        (discussion.hide_as_reports_do, 5),
        (discussion.erase, 2),
        (discussion.change_perspective_and_point, 8),
        (discussion.delete, 5),
        (discussion.bulk_hide, 1),
        (discussion.delete_point, 1),
        (discussion.feature_or_unfeature, 8),
    ]
    for number in range(300):
        operation = rng.choices(
            [op for op, _ in operations], [weight for _, weight in operations]
        )[0]
        operation()
        if number % 50 == 49:
            assert_counts_right(*articles)
    assert_counts_right(*articles)
    assert sum(kept(article)[2] for article in articles) > 10
    before = [kept(article) for article in articles]
    recount()
    assert [kept(article) for article in articles] == before


def test_a_comment_published_by_its_confirmation_link_is_counted(
    client, mailoutbox, article, staff_perspective, councillor_point
):
    post_and_confirm(
        client,
        mailoutbox,
        article,
        comment="Counted once confirmed.",
        perspective=staff_perspective,
        point=councillor_point,
    )

    buckets, _threads, threads = kept(article)
    assert buckets == {(staff_perspective.pk, councillor_point.pk, "", False): 1}
    assert threads == 1


def test_approving_and_removing_in_the_queue_move_the_counts(admin_client, article):
    held = make_comment(article, is_public=False)
    shown = make_comment(article)

    moderate(admin_client, "approve", [held])
    assert kept(article)[2] == 2
    moderate(admin_client, "remove", [held, shown])
    assert kept(article) == ({}, {}, 0)


def test_reports_that_hold_a_comment_uncount_it(client, settings, article):
    settings.DISCUSSION_REPORTS_TO_HOLD = 1
    comment = make_comment(article)

    client.post(report_url(comment), {"reason": "spam"})

    assert not ArticleComment.objects.get(pk=comment.pk).is_visible
    assert_counts_right(article)
    assert kept(article)[2] == 0


def test_a_perspective_or_point_deleted_leaves_its_comments_counted_without_it(
    article,
):
    perspective = make_perspective()
    point = article.points.first()
    make_comment(article, perspective=perspective, point=point)
    make_comment(article, point=point)

    point.delete()
    assert kept(article)[0] == {
        (perspective.pk, None, "", False): 1,
        (None, None, "", False): 1,
    }
    perspective.delete()
    assert kept(article)[0] == {(None, None, "", False): 2}


def test_deleting_an_article_deletes_its_counts(article):
    parent = make_comment(article)
    make_comment(article, parent=parent)

    article.delete()

    assert not DiscussionCount.objects.exists()
    assert not ThreadCount.objects.exists()
    assert not DiscussionSize.objects.exists()


def test_a_bulk_update_recounts_the_articles_it_touches(article):
    comments = [make_comment(article) for _ in range(3)]

    ArticleComment.objects.filter(pk=comments[0].pk).update(is_public=False)

    assert kept(article)[2] == 2


def assert_kept_as_recounted(*articles):
    """The kept counts are what a fresh recount makes of the comments."""
    before = [kept(article) for article in articles]
    recount()
    assert [kept(article) for article in articles] == before


@pytest.fixture
def comments_to_update(article, staff_perspective):
    """Comments of every kind on an article: threads with replies, a
    perspective, a point and a stance, a held comment; and an older article to
    move them to (without comments of its own: xtd's threads never span
    articles, so neither may the updates below)."""
    other = article
    article = make_article(
        points=[(staff_perspective, "A point"), (staff_perspective, "Another")]
    )
    point = article.points.first()
    first = make_comment(article)
    reply = make_comment(article, parent=first, perspective=staff_perspective)
    changed = make_comment(article, point=point, stance="agree")
    make_comment(article, is_public=False)
    return {
        "articles": (article, other),
        "changed": changed,
        "values": {
            "is_public": False,
            "is_removed": True,
            "perspective": make_perspective(),
            "point": article.points.last(),
            "stance": "disagree",
            "is_featured": True,
            "article": other,
            "thread_id": reply.thread_id,
        },
    }


# every counted field, by name and, for a relation, by attname
COUNTED_UPDATES = [
    "is_public",
    "is_removed",
    "stance",
    "is_featured",
    "thread_id",
    "perspective",
    "perspective_id",
    "point",
    "point_id",
    "article",
    "article_id",
]
UPDATE_ROUTES = {
    "every comment": lambda changed: ArticleComment.objects,
    "a filtered queryset": lambda changed: ArticleComment.objects.filter(pk=changed.pk),
    "norel_objects": lambda changed: ArticleComment.norel_objects.filter(pk=changed.pk),
    "an article's comments": lambda changed: changed.article.comments,
}


@pytest.mark.parametrize("route", UPDATE_ROUTES)
@pytest.mark.parametrize("field", COUNTED_UPDATES)
def test_a_bulk_update_of_a_counted_field_keeps_the_counts(
    comments_to_update, route, field
):
    values = comments_to_update["values"]
    value = values[field] if field in values else values[field[:-3]].pk
    comments = UPDATE_ROUTES[route](comments_to_update["changed"])

    assert comments.update(**{field: value})

    assert_kept_as_recounted(*comments_to_update["articles"])


def test_a_bulk_update_of_featured_counts_the_comment_featured(comments_to_update):
    changed = comments_to_update["changed"]

    ArticleComment.objects.filter(pk=changed.pk).update(is_featured=True)

    article = comments_to_update["articles"][0]
    assert kept(article)[0][(None, changed.point_id, "agree", True)] == 1


def test_bulk_update_of_several_counted_fields_keeps_the_counts(comments_to_update):
    article, other = comments_to_update["articles"]
    values = comments_to_update["values"]
    moved_thread = comments_to_update["changed"].thread_id
    comments = list(ArticleComment.objects.filter(article=article))
    for number, comment in enumerate(comments):
        comment.is_featured = number % 2 == 0
        comment.stance = values["stance"]
        comment.perspective = values["perspective"]
        comment.article = other if comment.thread_id == moved_thread else article

    ArticleComment.objects.bulk_update(
        comments, ["is_featured", "stance", "perspective", "article"], batch_size=2
    )

    assert ArticleComment.objects.filter(article=other).count() == 1
    assert_kept_as_recounted(article, other)


def test_recount_discussions_counts_one_article_or_all(article):
    other = make_article()
    make_comment(article)
    make_comment(other)
    DiscussionCount.objects.update(comments=5)
    out = io.StringIO()

    call_command("recount_discussions", "--article", article.slug, stdout=out)
    assert kept(article)[0] == {(None, None, "", False): 1}
    assert kept(other)[0] == {(None, None, "", False): 5}
    call_command("recount_discussions", "--dry-run", stdout=out)
    assert kept(other)[0] == {(None, None, "", False): 5}
    call_command("recount_discussions", stdout=out)
    assert kept(other)[0] == {(None, None, "", False): 1}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets one writer in at a time"
)
@pytest.mark.django_db(transaction=True)
def test_two_first_comments_published_at_once_are_both_counted(perspective, settings):
    """The first comment of a new kind creates its count rows; a second one
    published meanwhile waits for them and adds to them."""
    article = make_article()
    created = threading.Event()
    errors = []

    def publish(first):
        try:
            if not first:
                created.wait(5)
            with transaction.atomic():
                make_comment(article, perspective=perspective)
                if first:
                    created.set()
                    # the other comment's transaction now waits on our rows
                    threading.Event().wait(0.5)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
            created.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=[n == 0]) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert kept(article) == counted_from_comments(article)
    assert kept(article)[0] == {(perspective.pk, None, "", False): 2}
    assert kept(article)[2] == 2
