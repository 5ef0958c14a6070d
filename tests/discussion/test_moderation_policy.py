"""The moderation policy: which confirmed comments it holds and why, and the
admin page that changes it."""

from django.urls import reverse

from discussion.models import ModerationPolicy
from tests.factories import make_comment, set_policy
from tests.helpers import (
    article_page,
    confirm,
    moderate,
    newest_comment,
    post_and_confirm,
    post_comment,
)


def test_hold_all_holds_a_confirmed_comment(client, published_article, mailoutbox):
    set_policy(hold_all=True)
    post_and_confirm(client, mailoutbox, published_article)
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "Every comment is held for approval"


def test_without_hold_all_a_confirmed_comment_is_published_at_once(
    client, published_article, mailoutbox
):
    set_policy(hold_all=False)
    response = post_and_confirm(client, mailoutbox, published_article)
    assert "Your comment is published" in response.content.decode()
    assert newest_comment().is_visible


def test_hold_first_comments_holds_a_first_comment_from_an_address(
    client, published_article, mailoutbox
):
    set_policy(hold_first_comments=True)
    make_comment(published_article, user_email="someone.else@example.org")
    post_and_confirm(client, mailoutbox, published_article, email="new@example.org")
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "It is the first comment from this email address"


def test_hold_first_comments_publishes_the_next_comment_after_one_is_approved(
    client, admin_client, published_article, mailoutbox
):
    set_policy(hold_first_comments=True)
    post_and_confirm(client, mailoutbox, published_article, comment="First go.")
    first = newest_comment()
    assert first.is_awaiting_moderation
    moderate(admin_client, "approve", [first])
    post_and_confirm(
        client,
        mailoutbox,
        published_article,
        email="ALEX@example.org",
        comment="Second go.",
    )
    second = newest_comment()
    assert second.comment == "Second go."
    assert second.is_visible


def test_hold_links_at_holds_a_comment_with_that_many_links(
    client, published_article, mailoutbox
):
    set_policy(hold_links_at=3)
    text = "See https://a.example/1, www.b.example and http://c.example/x please."
    post_and_confirm(client, mailoutbox, published_article, comment=text)
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == (
        "It has 3 links: the policy holds comments with 3 or more links"
    )


def test_hold_links_at_publishes_a_comment_with_one_link_fewer(
    client, published_article, mailoutbox
):
    set_policy(hold_links_at=3)
    text = "See https://a.example/1 and www.b.example please."
    post_and_confirm(client, mailoutbox, published_article, comment=text)
    assert newest_comment().is_visible


def test_a_held_phrase_holds_a_comment_whatever_its_case(
    client, published_article, mailoutbox
):
    set_policy(held_words="free money\nscam\n")
    text = "Everyone gets FREE Money here."
    post_and_confirm(client, mailoutbox, published_article, comment=text)
    comment = newest_comment()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "It contains a held word or phrase"


def test_a_held_word_inside_another_word_does_not_hold_a_comment(
    client, published_article, mailoutbox
):
    set_policy(held_words="free money\nscam\n")
    text = "Scampi at the canteen, and the scams inquiry, were discussed freely."
    post_and_confirm(client, mailoutbox, published_article, comment=text)
    assert newest_comment().is_visible


def test_hold_all_holds_a_comment_confirmed_after_it_was_switched_on(
    client, published_article, mailoutbox
):
    post_comment(client, published_article)
    set_policy(hold_all=True)
    confirm(client, mailoutbox[-1])
    assert newest_comment().is_awaiting_moderation


def test_a_comment_sent_under_hold_all_is_published_if_confirmed_after_it_was_off(
    client, published_article, mailoutbox
):
    set_policy(hold_all=True)
    post_comment(client, published_article)
    set_policy(hold_all=False)
    confirm(client, mailoutbox[-1])
    comment = newest_comment()
    assert comment.is_visible
    assert comment.held_reason == ""


def test_a_held_comment_says_awaiting_moderation_when_confirmed(
    client, published_article, mailoutbox
):
    set_policy(hold_all=True)
    response = post_and_confirm(client, mailoutbox, published_article)
    assert response.status_code == 200
    assert "Your comment is awaiting moderation" in response.content.decode()


def test_a_held_comment_is_shown_on_the_article_only_once_approved(
    client,
    admin_client,
    published_article,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    set_policy(hold_all=True)
    text = "A comment waiting its turn."
    post_and_confirm(client, mailoutbox, published_article, comment=text)
    assert text not in article_page(client, published_article)
    # the approval refreshes readers' cached page once it is committed
    with django_capture_on_commit_callbacks(execute=True):
        moderate(admin_client, "approve", [newest_comment()])
    assert text in article_page(client, published_article)


def policy_form(**fields):
    data = {
        "hold_links_at": "2",
        "held_words": "",
        "close_after_days": "",
        "trust_lost_for_days": "90",
        "pause_message": "Commenting is paused.",
        "_save": "Save",
    }
    data.update(fields)
    return data


def policy_change_url():
    # the policy list creates the one policy; these tests go to it directly
    return reverse(
        "admin:discussion_moderationpolicy_change", args=[ModerationPolicy.current().pk]
    )


def test_the_policy_list_goes_straight_to_the_single_policy(admin_client):
    response = admin_client.get(reverse("admin:discussion_moderationpolicy_changelist"))
    assert response.status_code == 302
    assert response.url == policy_change_url()
    assert admin_client.get(response.url).status_code == 200


def test_the_policy_admin_saves_a_valid_change(admin_client):
    response = admin_client.post(
        policy_change_url(), policy_form(close_after_days="30", hold_all="on")
    )
    assert response.status_code == 302
    policy = ModerationPolicy.current()
    assert policy.close_after_days == 30
    assert policy.hold_all


def test_the_policy_admin_refuses_negative_days_with_a_message(admin_client):
    response = admin_client.post(
        policy_change_url(), policy_form(close_after_days="-5")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["close_after_days"]
    assert "Please correct the error below" in response.content.decode()
    assert ModerationPolicy.current().close_after_days is None


def test_the_policy_admin_refuses_zero_links_with_a_message(admin_client):
    response = admin_client.post(policy_change_url(), policy_form(hold_links_at="0"))
    assert response.status_code == 200
    assert "Enter 1 or more, or leave it empty" in response.content.decode()
    assert ModerationPolicy.current().hold_links_at == 2


def test_under_hold_all_the_words_say_a_moderator_checks_first(
    client, published_article, mailoutbox
):
    set_policy(hold_all=True)
    post_comment(client, published_article)
    mail = mailoutbox[0].body
    assert "A moderator checks every comment before it is published" in mail
    assert "We will email you when yours is" in mail

    page = confirm(client, mailoutbox[0]).content.decode()
    assert "Your comment is awaiting moderation" in page
    assert "We will email you when it is published" in page
    assert "Your comment is published" not in page


def test_without_hold_all_the_email_promises_no_moderator(
    client, published_article, mailoutbox
):
    set_policy(hold_all=False)
    post_comment(client, published_article)
    assert "moderator" not in mailoutbox[0].body
