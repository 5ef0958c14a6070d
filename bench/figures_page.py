"""Time an article with 10 figures from the media library in its text against
the same article without them: both with the same 100 comments and the same
paragraphs, rendered cold, in turn. The figures' pictures come in one query
and each figure is a few lines of HTML, so the page should cost little more."""

import random
import shutil
import tempfile

from django.test import override_settings

from articles.models import MediaPicture
from bench.article_page import against_plain_table, best_of_three_rounds, jpeg_upload
from bench.seeding import WORDS, seed

FIGURES = 10


def paragraphs(rng, count=FIGURES):
    return [
        " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "."
        for _ in range(count)
    ]


def figures_rows(repeats=21):
    """[(name, cold median, p90, bytes)] for the plain article and the one with
    figures, measured in turn."""
    media = tempfile.mkdtemp()
    try:
        with override_settings(MEDIA_ROOT=media):
            rng = random.Random(27)
            text = paragraphs(rng)
            pictures = [
                MediaPicture.objects.create(
                    image=jpeg_upload("figure.jpg", (40, 90 + number * 10, 140)),
                    alt_text=f"Figure {number}: a chart of {rng.choice(WORDS)}",
                    caption=f"What {rng.choice(WORDS)} looked like in year {number}.",
                    credit="Chart: Insight",
                )
                for number in range(FIGURES)
            ]
            plain = seed(100, rng, slug="bench-no-figures")
            plain.introduction = "\n\n".join(text)
            plain.save()
            figures = seed(100, rng, slug="bench-figures")
            figures.introduction = "\n\n".join(
                f"{paragraph}\n\n{picture.reference}"
                for paragraph, picture in zip(text, pictures, strict=True)
            )
            figures.save()
            rows = best_of_three_rounds({"plain": plain, "figures": figures}, repeats)
    finally:
        shutil.rmtree(media, ignore_errors=True)
    return rows


def figures_table(rows):
    return against_plain_table(
        "Article with figures",
        rows,
        {
            "plain": "10 paragraphs, no figures",
            "figures": f"the same with {FIGURES} figures from the media library",
        },
        f"With {FIGURES} figures",
    )
