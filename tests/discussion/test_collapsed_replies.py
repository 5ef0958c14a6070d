"""A thread's replies fold under their first comment: "2 replies to Priya"
opens them, so a long discussion can be scanned thread by thread. The
fold is a <details> element, so it works without JavaScript."""

import re

import pytest

from tests.factories import make_comment
from tests.helpers import html

pytestmark = pytest.mark.django_db


def thread_folds(page):
    """{summary text: the comment anchors inside that fold}."""
    folds = {}
    for match in re.finditer(
        r"<details><summary>(.*?)</summary>(.*?)</details>",
        page,
        re.S,
    ):
        summary = re.sub(r"<[^>]+>", "", match.group(1))
        summary = " ".join(summary.split())
        folds[summary] = re.findall(r'<li id="(c\d+)"', match.group(2))
    return folds


def test_a_threads_replies_fold_under_its_first_comment(client, article):
    first = make_comment(article, user_name="Priya")
    reply = make_comment(article, parent=first, user_name="Tom")
    reply_to_reply = make_comment(article, parent=reply, user_name="Ola")
    second = make_comment(article, user_name="Dev")
    lone_reply = make_comment(article, parent=second, user_name="Ade")
    alone = make_comment(article, user_name="Sol")

    page = html(client.get(article.get_absolute_url()))

    assert thread_folds(page) == {
        "2 replies to Priya": [reply.anchor, reply_to_reply.anchor],
    }
    # every comment is in the page, in order; only replies are folded
    anchors = re.findall(r'<li id="(c\d+)"', page)
    expected = [first, reply, reply_to_reply, second, lone_reply, alone]
    assert anchors == [comment.anchor for comment in expected]
    # the markup nests: nothing of the next thread is inside a fold
    assert page.count("<details") == page.count("</details>") == 1
    assert page.count("<ol") == page.count("</ol>")


def test_the_fold_counts_only_the_replies_readers_see(client, article):
    first = make_comment(article, user_name="Priya")
    make_comment(article, parent=first, is_public=False)
    removed = make_comment(article, parent=first, is_removed=True)
    kept_under_removed = make_comment(article, parent=removed, user_name="Kit")
    make_comment(article, parent=first, user_name="Lee")

    folds = thread_folds(html(client.get(article.get_absolute_url())))

    # the removed comment stays as a placeholder above its visible reply,
    # but only the two visible replies are counted
    (summary, anchors), *_ = folds.items()
    assert summary == "2 replies to Priya"
    assert kept_under_removed.anchor in anchors


def test_a_thread_whose_first_comment_was_removed_names_no_one(client, article):
    first = make_comment(article, user_name="Priya", is_removed=True)
    make_comment(article, parent=first, user_name="Tom")
    make_comment(article, parent=first, user_name="Ola")

    folds = thread_folds(html(client.get(article.get_absolute_url())))

    assert list(folds) == ["2 replies to a removed comment"]


def test_a_filtered_list_has_no_folds(client, article, councillors):
    first = make_comment(article, perspective=councillors)
    make_comment(article, parent=first, perspective=councillors)

    page = html(
        client.get(
            article.get_absolute_url() + f"?perspective={councillors.slug}",
        )
    )

    assert "<details" not in page
    assert page.count('<li id="c') == 2
