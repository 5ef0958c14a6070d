"""A moderator undoes a decision, or a bulk action, from the Undo button in
the message it leaves, in a real browser: within 10 seconds the comments are
back as they were; after another moderator's decision, or too late, nothing
changes."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from discussion.decisions import decide
from discussion.models import CommentReport
from tests.factories import make_comment, make_moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether a click at the centre of the element, once scrolled to, reaches it.
REACHED = """element => {
    element.scrollIntoView({block: "center"});
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(
        box.left + box.width / 2, box.top + box.height / 2);
    return box.width > 0 && box.height > 0
        && hit !== null && (hit === element || element.contains(hit));
}"""


@pytest.fixture
def kim(django_user_model):
    return make_moderator(django_user_model, "kim", "Kim")


@pytest.fixture
def queue_page(page, live_server, sign_in, sam):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, sam)
    url = f"{live_server.url}/admin/discussion/articlecomment/"

    def open_queue():
        page.goto(url)
        return page

    return open_queue


def row_of(page, comment):
    return page.locator("#result_list tbody tr", has_text=comment.comment)


def press_reachable(locator):
    assert locator.evaluate(REACHED), "the button is covered or out of sight"
    locator.click()


def reports_open(comment):
    return comment.reports.undismissed().count()


def state(comment):
    comment.refresh_from_db()
    return (comment.is_public, comment.is_removed, comment.moderated_by_id)


@pytest.fixture
def held(seed):
    return make_comment(
        seed, comment="Held until someone reads it.", user_name="Ife", is_public=False
    )


@pytest.fixture
def reported(seed):
    comment = make_comment(seed, comment="Reported, but fair.", user_name="Jo")
    for reporter in "ab":
        CommentReport.objects.create(
            comment=comment,
            reason="off-topic",
            details="Not about this.",
            reporter=reporter,
        )
    return comment


@pytest.mark.parametrize(
    ("which", "button", "done", "status_before"),
    [
        ("held", "Approve", "Approved", "Awaiting moderation"),
        ("held", "Remove", "Removed", "Awaiting moderation"),
        ("reported", "Keep", "Kept", "Published"),
    ],
)
def test_undo_within_10_seconds_brings_the_comment_back_as_it_was(
    request, queue_page, which, button, done, status_before
):
    comment = request.getfixturevalue(which)
    before, reports_before = state(comment), reports_open(comment)
    page = queue_page()
    row = row_of(page, comment)
    expect(row).to_contain_text(status_before)

    press_reachable(row.get_by_role("button", name=f"{button} comment by"))

    message = page.locator(".messagelist li", has_text=f"{done}.")
    expect(message).to_contain_text(f"Comment by {comment.user_name}: {done}.")
    assert state(comment) != before or reports_open(comment) != reports_before
    undo = message.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    press_reachable(undo)

    expect(page.locator(".messagelist")).to_contain_text(
        f"Comment by {comment.user_name}: undone."
    )
    assert state(comment) == before
    assert reports_open(comment) == reports_before
    expect(row_of(page, comment)).to_contain_text(status_before)
    if which == "reported":
        expect(row_of(page, comment)).to_contain_text("Reported")


def test_undo_is_refused_after_another_moderator_has_decided(queue_page, held, kim):
    page = queue_page()
    press_reachable(row_of(page, held).get_by_role("button", name="Approve comment by"))
    undo = page.locator(".messagelist").get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    # Kim, in another browser, removes it meanwhile
    decide(held.pk, "remove", kim)
    removed = state(held)

    press_reachable(undo)

    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("Not undone: Kim has since removed it at")
    expect(messages).to_contain_text("Nothing changed.")
    expect(messages.get_by_role("button", name="Undo")).to_have_count(0)
    assert state(held) == removed
    expect(row_of(page, held)).to_contain_text("Removed")


def test_undo_is_refused_after_10_seconds(queue_page, held):
    page = queue_page()
    press_reachable(row_of(page, held).get_by_role("button", name="Remove comment by"))
    undo = page.locator(".messagelist").get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    removed = state(held)

    # the server's clock moves on 11 seconds, rather than the test waiting
    later = timezone.now() + timedelta(seconds=11)
    with mock.patch("django.utils.timezone.now", return_value=later):
        press_reachable(undo)
        expect(page.locator(".messagelist")).to_contain_text("Too late to undo")

    assert state(held) == removed


def test_undo_after_a_bulk_action_brings_every_comment_back(queue_page, seed):
    held = [
        make_comment(seed, comment=f"Held {name}.", user_name=name, is_public=False)
        for name in ("Ade", "Bea", "Cal")
    ]
    page = queue_page()
    for comment in held:
        row_of(page, comment).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Remove selected comments")
    page.get_by_role("button", name="Go").click()

    message = page.locator(".messagelist li", has_text="3 comments removed")
    expect(message).to_be_visible()
    assert all(state(comment)[1] for comment in held)
    press_reachable(message.get_by_role("button", name="Undo"))

    expect(page.locator(".messagelist")).to_contain_text("3 comments: undone.")
    for comment in held:
        comment.refresh_from_db()
        assert comment.is_awaiting_moderation
        expect(row_of(page, comment)).to_contain_text("Awaiting moderation")
