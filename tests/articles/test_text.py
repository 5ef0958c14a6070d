"""Text shown in part is cut between words, never inside one."""

import pytest

from articles.text import shorten
from tests.factories import make_article, make_comment, make_perspective

LONG_POINT = (
    "Leadership means you need to encourage others to emerge from their silos "
    "and work across organisational boundaries with partners and citizens"
)


@pytest.mark.parametrize("limit", range(12, len(LONG_POINT), 7))
def test_shortened_text_ends_on_a_whole_word(limit):
    short = shorten(LONG_POINT, limit)
    assert len(short) <= limit
    assert short.endswith("…")
    kept = short.removesuffix("…")
    assert LONG_POINT.startswith(kept)
    assert LONG_POINT[len(kept)] in " –"  # the next character starts a new word
    assert not kept.endswith(("–", " ", ","))


def test_short_text_is_left_whole():
    assert shorten("Short enough.", 80) == "Short enough."


@pytest.mark.django_db
def test_the_discussion_and_the_form_cut_point_text_between_words(client):
    perspective = make_perspective(name="Councillors", slug="councillors")
    article = make_article(points=[(perspective, LONG_POINT)])
    point = article.points.get()
    make_comment(article, point=point, comment="On the point.")
    page = client.get(article.get_absolute_url()).content.decode()
    responding = page.split("Responding to: ", 1)[1].split("</a>", 1)[0]
    excerpt = responding.split(">", 1)[1]
    assert excerpt.endswith("…")
    assert LONG_POINT[len(excerpt.removesuffix("…"))] == " "
    comment_form = page.split('id="comment-form"', 1)[1]
    option = comment_form.split(f'<option value="{point.pk}">', 1)[1]
    option = option.split("</option>")[0]
    assert option.endswith("…") and not option.endswith(" …")
    assert (
        LONG_POINT[len(option.removeprefix("Councillors: ").removesuffix("…"))] == " "
    )
    assert str(point).endswith("…") and len(str(point)) <= 80
