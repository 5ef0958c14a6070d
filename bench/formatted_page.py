"""Time an article with a 2,000-word Markdown introduction and a lead image
against the same article with the plain, short introduction articles had
before editors could format them: both with the same 100 comments, rendered
cold, in turn. Markdown is rendered when the article is saved, so the page
should cost no more than its extra bytes."""

import random
import shutil
import tempfile
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image

from bench.article_page import timed
from bench.seeding import WORDS, seed

PARAGRAPH_WORDS = 80


def markdown_introduction(rng, words=2000):
    """About 2,000 words of Markdown: headings, emphasis, links and lists."""
    blocks = []
    written = 0
    section = 0
    while written < words:
        if written % 400 < PARAGRAPH_WORDS:
            section += 1
            blocks.append(
                f"## Part {section}: {rng.choice(WORDS)} and {rng.choice(WORDS)}"
            )
        sentence = [rng.choice(WORDS) for _ in range(PARAGRAPH_WORDS)]
        sentence[3] = f"**{sentence[3]}**"
        sentence[9] = f"[{sentence[9]}](https://www.gov.uk/{sentence[9]})"
        blocks.append(" ".join(sentence).capitalize() + ".")
        if section % 2:
            blocks.append("\n".join(f"- {rng.choice(WORDS)} first" for _ in range(3)))
        written += PARAGRAPH_WORDS
    return "\n\n".join(blocks)


def lead_image():
    out = BytesIO()
    Image.new("RGB", (1600, 900), (40, 90, 140)).save(out, "JPEG", quality=85)
    return SimpleUploadedFile("lead.jpg", out.getvalue(), content_type="image/jpeg")


def formatted_rows(repeats=21):
    """[(label, cold median, p90, bytes)] for the plain article and the
    formatted one, measured in turn."""
    media = tempfile.mkdtemp()
    try:
        with override_settings(MEDIA_ROOT=media):
            rng = random.Random(15)
            plain = seed(100, rng, slug="bench-plain")
            formatted = seed(100, rng, slug="bench-formatted")
            formatted.introduction = markdown_introduction(rng)
            formatted.lead_image = lead_image()
            formatted.lead_image_alt = "A blue rectangle"
            formatted.save()
            client = Client()
            results = {"plain": [], "formatted": []}
            for article in (plain, formatted):
                client.get(article.get_absolute_url())  # warm templates
            for _round in range(3):
                for name, article in (("plain", plain), ("formatted", formatted)):
                    results[name].append(
                        timed(client, article.get_absolute_url(), repeats, cold=True)
                    )
    finally:
        shutil.rmtree(media, ignore_errors=True)
    return [
        (name, min(run[0] for run in runs), min(run[1] for run in runs), runs[0][2])
        for name, runs in results.items()
    ]


def formatted_table(rows):
    by_name = {name: (median, p90, size) for name, median, p90, size in rows}
    ratio = by_name["formatted"][0] / by_name["plain"][0]
    return [
        "",
        "Formatted article, in-process, DEBUG off, SQLite, 100 comments each, cold"
        " (ms: best of three rounds' medians / 90th percentiles)",
        "",
        "| article | HTML bytes | cold |",
        "|---|---|---|",
        *(
            f"| {label} | {by_name[name][2]:,} | {by_name[name][0]:.1f} /"
            f" {by_name[name][1]:.1f} |"
            for name, label in [
                ("plain", "plain short introduction, no image"),
                ("formatted", "2,000-word Markdown introduction and a lead image"),
            ]
        ),
        "",
        f"Formatted vs plain: {ratio:.2f} (target: at most 1.10)",
    ]
