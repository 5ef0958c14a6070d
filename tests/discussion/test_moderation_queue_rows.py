"""What each row of the moderation queue shows a moderator: the comment's
words (a long one behind a "more"), who wrote it, and why it is there."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from discussion.admin.rows import SHOWN_CHARACTERS, SLACK_CHARACTERS
from discussion.models import CommentReport
from tests.factories import make_comment, moderators_group, set_policy
from tests.helpers import ago, newest_comment, post_and_confirm, queue_row, queue_url


def row_of(client, comment):
    return queue_row(client.get(queue_url()), comment)


def row_after_posting(request, comment):
    """The row as a moderator sees it: the moderator is made after the
    comment is posted, so their alert is not taken for the confirmation."""
    return row_of(request.getfixturevalue("moderator_client"), comment)


def shown_and_hidden(row):
    """The comment's words shown at once, and those behind its "more"."""
    cell = re.search(r'<td class="field-comment_text">(.*?)</td>', row, re.DOTALL)[1]
    hidden = re.search(r"<details.*?</summary>(.*?)</details>", cell, re.DOTALL)
    shown = re.sub(r"<details.*?</details>", "", cell, flags=re.DOTALL)
    shown = shown.split('<div class="queue-why">')[0]
    return (
        " ".join(re.sub(r"<[^>]+>", " ", shown).split()),
        " ".join(re.sub(r"<[^>]+>", " ", hidden[1]).split()) if hidden else "",
    )


@pytest.mark.parametrize(
    ("held_words", "text", "found"),
    [
        ("free money\nscam", "Everyone gets FREE Money here.", "free money"),
        ("free money", "Everyone gets fr\u0435e   money here.", "free money"),  # е
        ("scam", "A S\u200bC\u200bA\u200bM, plainly.", "scam"),
        ("c++ jobs\n(win)", "Apply for C++ JOBS today.", "c++ jobs"),
        ("<b>bold</b>", "Some <b>bold</b> text.", "<b>bold</b>"),
    ],
)
def test_a_held_row_names_the_held_word_or_phrase_found(
    request, client, published_article, mailoutbox, held_words, text, found
):
    set_policy(held_words=held_words, hold_links_at=None)
    post_and_confirm(client, mailoutbox, published_article, comment=text)
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_phrase == found

    row = row_after_posting(request, comment)
    escaped = found.replace("<", "&lt;").replace(">", "&gt;")
    assert f"It contains the held word or phrase <mark>{escaped}</mark>" in row
    assert "<b>" not in row


def test_a_held_phrase_written_plainly_is_marked_in_the_comment(
    request, client, published_article, mailoutbox
):
    set_policy(held_words="free money")
    text = "Free money! I said FREE\nmoney, and freemoney and free moneys."
    post_and_confirm(client, mailoutbox, published_article, comment=text)
    row = row_after_posting(request, newest_comment())
    assert "<mark>Free money</mark>!" in row
    assert "<mark>FREE<br>money</mark>" in row
    assert row.count("<mark>") == 3  # two in the text, one in the reason


def test_a_held_phrase_in_the_name_is_named_and_marked(
    request, client, published_article, mailoutbox
):
    set_policy(held_words="cheap pills")
    post_and_confirm(
        client, mailoutbox, published_article, name="Cheap Pills", comment="Hello."
    )
    row = row_after_posting(request, newest_comment())
    assert '<p class="queue-commenter__name"><mark>Cheap Pills</mark></p>' in row
    assert "It contains the held word or phrase <mark>cheap pills</mark>" in row


@pytest.mark.parametrize("links", [2, 3, 7])
def test_a_row_held_for_links_says_how_many_were_counted(
    request, client, published_article, mailoutbox, links
):
    set_policy(hold_links_at=2)
    text = " and ".join(f"https://site{number}.example/page" for number in range(links))
    post_and_confirm(client, mailoutbox, published_article, comment=text)
    row = row_after_posting(request, newest_comment())
    assert (
        f"It has {links} links: the policy holds comments with 2 or more links" in row
    )


def test_a_row_held_as_a_first_comment_says_so(
    request, client, published_article, mailoutbox
):
    set_policy(hold_first_comments=True)
    post_and_confirm(client, mailoutbox, published_article, comment="Hello all.")
    row = row_after_posting(request, newest_comment())
    assert "It is the first comment from this email address" in row


def test_a_reported_row_shows_each_open_report_with_its_reason_details_and_time(
    moderator_client, published_article
):
    comment = make_comment(published_article)
    old = CommentReport.objects.create(
        comment=comment, reason="spam", details="Decided already.", reporter="a"
    )
    CommentReport.objects.filter(pk=old.pk).update(created_at=ago(days=3))
    comment.moderated_at = ago(days=2)
    comment.save()
    CommentReport.objects.create(
        comment=comment,
        reason="abusive",
        details='<script>alert("x")</script> Called me names.',
        reporter="b",
    )
    CommentReport.objects.create(comment=comment, reason="other", reporter="c")

    row = row_of(moderator_client, comment)
    assert "Decided already." not in row  # made before the last decision
    assert "It is abusive, offensive or discriminatory. “&lt;script&gt;" in row
    assert "Called me names.”" in row
    assert "Something else</li>" in row
    assert row.count("Reported <time datetime=") == 2
    assert "<script>" not in row
    assert "Waiting 0\xa0minutes" in row


def test_a_row_shows_the_perspective_point_and_stance(
    moderator_client, published_article, perspective
):
    point = published_article.points.get()
    comment = make_comment(
        published_article,
        perspective=perspective,
        point=point,
        stance="disagree",
        user_name="Priya <Shah>",
    )
    row = row_of(moderator_client, comment)
    assert "Priya &lt;Shah&gt;" in row
    assert "<p>Frontline staff</p>" in row
    assert (
        "On the point “Everyone in the system demonstrates leadership”: "
        "disagrees with this point" in row
    )


@pytest.mark.parametrize(
    "text",
    [
        "Short.",
        "word " * (SHOWN_CHARACTERS // 5),
        "x" * (SHOWN_CHARACTERS + SLACK_CHARACTERS),
        "Careful thought, at length. " * 40,
        "Line one.\n\nLine two & <three>. " * 60,
        "y" * 5000,
        "Ünïcödé wörds, ok? 中文字符 " * 80,
    ],
)
def test_a_row_shows_about_600_characters_and_the_rest_behind_more(
    moderator_client, published_article, text
):
    comment = make_comment(published_article, comment=text)
    row = row_of(moderator_client, comment)
    shown, hidden = shown_and_hidden(row)
    unescaped = shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    rest = hidden.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    # nothing is lost or repeated
    assert "".join(text.split()) == "".join(f"{unescaped}{rest}".split())
    if len(text.split()) > 1:  # and no word is cut in two
        assert " ".join(text.split()) == " ".join(f"{unescaped} {rest}".split())
    assert len(unescaped) <= SHOWN_CHARACTERS + SLACK_CHARACTERS
    if len(text) <= SHOWN_CHARACTERS + SLACK_CHARACTERS:
        assert not hidden
        assert "<details" not in row
    else:
        assert len(unescaped) >= SHOWN_CHARACTERS // 2
        assert "<summary>" in row


def test_the_queue_page_costs_few_queries_with_reasons_on_every_row(
    moderator_client, published_article, perspective
):
    point = published_article.points.get()
    for number in range(50):
        comment = make_comment(
            published_article,
            is_public=number % 2 == 0,
            perspective=perspective,
            point=point,
            held_reason="It has 2 links: the policy holds comments with 2 or more"
            " links",
        )
        for reporter in ("a", "b"):
            CommentReport.objects.create(
                comment=comment, reason="spam", reporter=f"{reporter}{number}"
            )
    with CaptureQueriesContext(connection) as captured:
        response = moderator_client.get(queue_url())
    assert response.status_code == 200
    assert response.content.decode().count("Reported <time") == 100
    assert len(captured) <= 10, [query["sql"][:120] for query in captured]


def test_each_decision_button_declares_its_keyboard_shortcut(
    moderator_client, published_article
):
    held = make_comment(published_article, is_public=False)
    reported = make_comment(published_article)
    CommentReport.objects.create(comment=reported, reason="spam", reporter="a")
    response = moderator_client.get(queue_url())

    def keys(comment):
        return re.findall(
            r'aria-keyshortcuts="(\w)">(\w+)<', queue_row(response, comment)
        )

    assert keys(held) == [("a", "Approve"), ("r", "Remove")]
    assert keys(reported) == [("e", "Keep"), ("r", "Remove"), ("f", "Feature")]


def test_each_row_links_to_its_commenters_history(
    client, django_user_model, published_article
):
    moderator = django_user_model.objects.create_user(
        "bola", password="a-long-password-1", is_staff=True
    )
    moderator.groups.add(moderators_group())
    client.force_login(moderator)
    comment = make_comment(published_article, is_public=False)
    row = queue_row(client.get(queue_url()), comment)
    page = reverse("admin:discussion_commenter", args=[comment.commenter])
    assert f'href="{page}"' in row
    assert "Their history and bans" in row
    assert client.get(page).status_code == 200
