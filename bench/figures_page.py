"""Time an article with 10 figures from the media library in its text against
the same article without them: both with the same 100 comments and the same
paragraphs, rendered cold, in turn. The figures' pictures come in one query
and each figure is a few lines of HTML, so the page should cost little more."""

import random
import shutil
import tempfile
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image

from articles.models import MediaPicture
from bench.article_page import timed
from bench.seeding import WORDS, seed

FIGURES = 10


def picture_file(number):
    out = BytesIO()
    Image.new("RGB", (1600, 900), (40, 90 + number * 10, 140)).save(out, "JPEG")
    return SimpleUploadedFile("figure.jpg", out.getvalue(), content_type="image/jpeg")


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
                    image=picture_file(number),
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
            client = Client()
            results = {"plain": [], "figures": []}
            for article in (plain, figures):
                client.get(article.get_absolute_url())  # warm templates
            for _round in range(3):
                for name, article in (("plain", plain), ("figures", figures)):
                    results[name].append(
                        timed(client, article.get_absolute_url(), repeats, cold=True)
                    )
    finally:
        shutil.rmtree(media, ignore_errors=True)
    return [
        (name, min(run[0] for run in runs), min(run[1] for run in runs), runs[0][2])
        for name, runs in results.items()
    ]


def figures_table(rows):
    by_name = {name: (median, p90, size) for name, median, p90, size in rows}
    ratio = by_name["figures"][0] / by_name["plain"][0]
    return [
        "",
        "Article with figures, in-process, DEBUG off, SQLite, 100 comments each,"
        " cold (ms: best of three rounds' medians / 90th percentiles)",
        "",
        "| article | HTML bytes | cold |",
        "|---|---|---|",
        *(
            f"| {label} | {by_name[name][2]:,} | {by_name[name][0]:.1f} /"
            f" {by_name[name][1]:.1f} |"
            for name, label in [
                ("plain", "10 paragraphs, no figures"),
                ("figures", f"the same with {FIGURES} figures from the media library"),
            ]
        ),
        "",
        f"With {FIGURES} figures vs plain: {ratio:.2f} (target: at most 1.10)",
    ]
