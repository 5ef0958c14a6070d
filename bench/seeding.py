"""Seed the benchmark's articles: each with threaded comments of known size."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from articles.models import ArgumentPoint, Article, Perspective
from discussion.models import ArticleComment

SIZES = [10, 100, 1000, 5000]
WORDS = (
    "systems leadership partners citizens council frontline staff services "
    "budget outcomes trust working together boundaries users regulators "
    "inspection community health police voluntary sector change evidence "
    "learning accountability collaboration resources prevention place"
).split()


def comment_text(rng):
    length = rng.randint(300, 800)
    words = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)[:length]
    return text[0].upper() + text[1:] + "."


def seed(size, rng, slug=None):
    """An article with `size` threaded comments: about half are replies."""
    article = Article.objects.create(
        title=f"Benchmark article with {size} comments",
        slug=slug or f"bench-{size}",
        standfirst="A benchmark article.",
        introduction="Seeded for the benchmark.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(days=1),
    )
    perspectives = list(Perspective.objects.all())
    points = [
        ArgumentPoint.objects.create(
            article=article,
            perspective=perspective,
            text=f"Point to {perspective}",
            position=i,
        )
        for i, perspective in enumerate(perspectives)
    ]
    content_type = ContentType.objects.get_for_model(Article)
    created = []
    with transaction.atomic():
        for number in range(size):
            parent = None
            candidates = [c for c in created[-30:] if c.level < 2]
            if created and candidates and rng.random() < 0.5:
                parent = rng.choice(candidates)
            comment = ArticleComment(
                article=article,
                content_type=content_type,
                object_pk=str(article.pk),
                site_id=settings.SITE_ID,
                user_name=f"Reader {number}",
                user_email=f"reader{number}@example.org",
                comment=comment_text(rng),
                submit_date=timezone.now() - timezone.timedelta(minutes=size - number),
                perspective=rng.choice(perspectives),
                point=rng.choice(points) if rng.random() < 0.3 else None,
                parent_id=parent.pk if parent else 0,
                followers_notified_at=timezone.now(),
            )
            if comment.point:
                # from the number, not rng, so the rest of the seed is unchanged
                comment.stance = ["agree", "disagree", "mixed", ""][number % 4]
            comment.is_featured = number % 97 == 0
            comment.save()
            created.append(comment)
    return article
