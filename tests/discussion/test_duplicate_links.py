"""Two confirmation links for the same words publish them once, whatever
became of the first: published, held for a moderator or removed. The reader
who opens the second link is told the comment is already there."""

import functools
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from discussion.decisions import remove
from discussion.models import ArticleComment, PendingComment
from discussion.publishing import is_duplicate
from tests.factories import make_article, make_comment, set_policy
from tests.helpers import html, link_in, main_content, post_comment
from tests.platform.servers import Browser

pytestmark = pytest.mark.django_db

TEXT = "Pay and conditions decide who stays on the front line."


def two_links(client, mailoutbox, article, first=TEXT, second=TEXT, **fields):
    """Send the same comment twice before confirming either; the two links."""
    for text in (first, second):
        assert post_comment(client, article, comment=text, **fields).status_code == 302
    return [link_in(mail, "confirm") for mail in mailoutbox[-2:]]


def test_a_second_link_for_a_published_comment_says_it_is_there_with_a_link(
    client, mailoutbox, article
):
    link_1, link_2 = two_links(client, mailoutbox, article)
    client.post(link_1)
    comment = ArticleComment.objects.get()

    response = client.post(link_2)

    assert response.status_code == 200
    page = main_content(response)
    assert "already published" in page
    assert comment.get_absolute_url() in page
    assert ArticleComment.objects.count() == 1


def test_a_second_link_for_a_removed_comment_publishes_nothing(
    client, mailoutbox, article, moderator
):
    link_1, link_2 = two_links(client, mailoutbox, article)
    client.post(link_1)
    comment = ArticleComment.objects.get()
    remove(comment, moderator)

    response = client.post(link_2)

    assert response.status_code == 200
    assert "removed by a moderator" in main_content(response)
    assert ArticleComment.objects.count() == 1
    assert not ArticleComment.objects.visible().exists()
    assert TEXT not in html(client.get(article.get_absolute_url()))


def test_a_second_link_for_a_held_comment_says_it_awaits_a_moderator(
    client, mailoutbox, article
):
    set_policy(hold_all=True)
    link_1, link_2 = two_links(client, mailoutbox, article)
    client.post(link_1)

    response = client.post(link_2)

    assert response.status_code == 200
    assert "waiting for a moderator" in main_content(response)
    assert ArticleComment.objects.count() == 1


def test_the_second_link_says_the_same_each_time_it_is_pressed(
    client, mailoutbox, article, moderator
):
    link_1, link_2 = two_links(client, mailoutbox, article)
    client.post(link_1)
    remove(ArticleComment.objects.get(), moderator)

    pages = [main_content(client.post(link_2)) for _ in range(3)]

    assert pages[0] == pages[1] == pages[2]
    assert ArticleComment.objects.count() == 1


@pytest.mark.parametrize("first_is_reply", [True, False])
def test_a_reply_and_a_top_level_comment_with_the_same_words_publish_once(
    client, mailoutbox, article, moderator, first_is_reply
):
    parent = make_comment(article, comment="Something to answer.")
    reply_to = [parent.pk, 0] if first_is_reply else [0, parent.pk]
    for where in reply_to:
        assert (
            post_comment(client, article, comment=TEXT, reply_to=where).status_code
            == 302
        )
    link_1, link_2 = (link_in(mail, "confirm") for mail in mailoutbox)
    client.post(link_1)
    remove(ArticleComment.objects.get(comment=TEXT), moderator)

    assert client.post(link_2).status_code == 200
    assert ArticleComment.objects.filter(comment=TEXT).count() == 1


def test_someone_elses_hidden_comment_is_neither_revealed_nor_blocking(
    client, mailoutbox, article, moderator
):
    held = make_comment(article, comment=TEXT, is_public=False)
    removed = make_comment(article, comment=TEXT + " Again.")
    remove(removed, moderator)
    for text in (TEXT, TEXT + " Again."):
        post_comment(client, article, comment=text, email="other@example.org")

    for mail in mailoutbox:
        response = client.post(link_in(mail, "confirm"))
        assert response.status_code == 200
        assert "already" not in main_content(response)

    assert ArticleComment.objects.visible().count() == 2
    assert held.pk and removed.pk  # untouched by the new ones


def test_the_authors_address_in_another_case_is_the_same_author(
    client, mailoutbox, article, moderator
):
    post_comment(client, article, comment=TEXT, email="Alex@Example.org")
    post_comment(client, article, comment=TEXT, email="alex@example.ORG")
    link_1, link_2 = (link_in(mail, "confirm") for mail in mailoutbox)
    client.post(link_1)
    remove(ArticleComment.objects.get(), moderator)

    assert "removed by a moderator" in main_content(client.post(link_2))
    assert ArticleComment.objects.count() == 1


VARIANTS = [
    TEXT,
    TEXT + " ",
    " " + TEXT,
    TEXT + "\n",
    TEXT.upper(),
    TEXT.replace(" ", "  "),
    TEXT.replace(" ", "\u00a0"),
    TEXT.replace("front", "fro\u200bnt"),
    TEXT.replace("o", "\u043e"),  # Cyrillic o
    TEXT.replace("line.", "line!"),
    TEXT[:-1],
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("fate", ["held", "removed"])
def test_a_second_link_counts_trivial_differences_as_the_duplicate_check_does(
    client, mailoutbox, article, moderator, perspective, variant, fate
):
    # what the duplicate check says of these words next to a shown comment
    elsewhere = make_article(slug="elsewhere", title="Elsewhere")
    make_comment(elsewhere, comment=TEXT)
    counts_as_the_same = is_duplicate(elsewhere.pk, variant)
    if fate == "held":
        set_policy(hold_all=True)
    link_1, link_2 = two_links(client, mailoutbox, article, TEXT, variant)
    client.post(link_1)
    if fate == "removed":
        remove(ArticleComment.objects.get(article=article), moderator)

    response = client.post(link_2)

    assert response.status_code == 200
    stored = ArticleComment.objects.filter(article=article).count()
    assert stored == (1 if counts_as_the_same else 2)
    assert PendingComment.objects.exists() == counts_as_the_same


def at_the_same_moment(actions):
    """Run every action in a thread of its own, released together."""
    start = threading.Barrier(len(actions), timeout=30)

    def run(action):
        start.wait()
        return action()

    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return list(pool.map(run, actions, timeout=120))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("hold_all", [False, True])
def test_links_for_the_same_words_pressed_at_the_same_moment_publish_once(
    live_server, client, mailoutbox, article, hold_all
):
    set_policy(hold_all=hold_all)
    for _ in range(3):  # as many as one address is sent in an hour
        assert post_comment(client, article, comment=TEXT).status_code == 302
    links = [link_in(mail, "confirm") for mail in mailoutbox]
    presses = [
        functools.partial(Browser(live_server.url).post, link, {})
        for link in links
        for _ in range(3)
    ]

    responses = at_the_same_moment(presses)

    assert ArticleComment.objects.count() == 1
    # one press publishes; the link it used is spent for its other presses,
    # and each press of the other links is told the comment is there
    assert sorted(response.status for response in responses) == [200] * 7 + [410] * 2
    published = [r for r in responses if "Thank you for giving your views" in r.text]
    told = [r for r in responses if "You sent the same comment" in r.text]
    assert (len(published), len(told)) == (1, 6)


@pytest.mark.parametrize(
    "second_address",
    [
        "Reader@Example.org",
        "reader+again@example.org",
        "reader@ｅｘａｍｐｌｅ.org",
        "reader@exam\u00adple.org",
        "reader@EXAMPLE.ORG",
    ],
)
@pytest.mark.parametrize(
    "second_text",
    [
        TEXT.upper(),
        TEXT.replace("front", "fr\u200bont"),
        TEXT.replace("o", "\u043e"),  # Cyrillic o
        TEXT.replace(" ", "  "),
    ],
)
def test_a_second_link_in_any_disguise_leaves_a_removed_comment_removed(
    client, mailoutbox, article, moderator, second_address, second_text
):
    for text, email in [(TEXT, "reader@example.org"), (second_text, second_address)]:
        sent = post_comment(client, article, comment=text, email=email)
        assert sent.status_code == 302
    link_1, link_2 = [link_in(mail, "confirm") for mail in mailoutbox[-2:]]
    client.post(link_1)
    remove(ArticleComment.objects.get(), moderator)

    response = client.post(link_2)

    assert response.status_code == 200
    assert "removed by a moderator" in main_content(response)
    assert not ArticleComment.objects.visible().exists()
