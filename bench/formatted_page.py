"""Time an article with a 2,000-word Markdown introduction and a lead image
against the same article with the plain, short introduction articles had
before editors could format them: both with the same 100 comments, rendered
cold, in turn. Markdown is rendered when the article is saved, so the page
should cost no more than its extra bytes."""

import random
import shutil
import tempfile

from django.test import override_settings

from bench.article_page import against_plain_table, best_of_three_rounds, jpeg_upload
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
            formatted.lead_image = jpeg_upload("lead.jpg", (40, 90, 140))
            formatted.lead_image_alt = "A blue rectangle"
            formatted.save()
            rows = best_of_three_rounds(
                {"plain": plain, "formatted": formatted}, repeats
            )
    finally:
        shutil.rmtree(media, ignore_errors=True)
    return rows


def formatted_table(rows):
    return against_plain_table(
        "Formatted article",
        rows,
        {
            "plain": "plain short introduction, no image",
            "formatted": "2,000-word Markdown introduction and a lead image",
        },
        "Formatted",
    )
