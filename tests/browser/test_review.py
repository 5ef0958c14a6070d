"""Review before publishing, in a real browser: an Editor marks a draft ready
for review and is refused when trying to publish it; a Publisher, told by
e-mail, then schedules it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.test_moderating import DJANGO_ADMIN_EXCEPTIONS
from tests.factories import make_article, make_editorial_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-for-tests-1"  # make_editorial_staff's
# Failures axe finds in parts of Django's admin this work does not change:
# (rule, where, why it is tolerated).
ADMIN_EXCEPTIONS = [
    *DJANGO_ADMIN_EXCEPTIONS,
    (
        "label",
        "#points-group",
        "the points' tabular inline names each column by its header",
    ),
    (
        "select-name",
        "#points-group",
        "the points' tabular inline names each column by its header",
    ),
    (
        "label",
        ".select2-container",
        "the hidden search box of Django's autocomplete (related articles)",
    ),
]


def test_an_editor_asks_for_review_and_a_publisher_schedules(
    browser, live_server, seed, django_user_model, sign_in, check_axe
):
    erin = make_editorial_staff(django_user_model, "erin", "Erin", "Editors")
    pat = make_editorial_staff(django_user_model, "pat", "Pat", "Publishers")
    draft = make_article(title="Leading from the middle", status="draft")
    change_url = f"{live_server.url}/admin/articles/article/{draft.pk}/change/"
    list_url = f"{live_server.url}/admin/articles/article/"

    editor = browser.new_page()
    sign_in(editor, erin, PASSWORD)
    editor.goto(change_url)
    status = editor.get_by_label("Status:")
    expect(status.locator("option")).to_have_text(["Draft", "Ready for review"])
    check_axe(editor, tolerated=ADMIN_EXCEPTIONS)
    status.select_option(label="Ready for review")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    draft.refresh_from_db()
    assert draft.status == Article.Status.READY_FOR_REVIEW
    assert [m.to for m in mail.outbox] == [["pat@example.org"]]
    assert "Leading from the middle" in mail.outbox[0].subject

    # the list: no publishing actions, the state and who set it, a filter
    editor.goto(list_url)
    actions = editor.locator("select[name=action] option")
    expect(actions.filter(has_text="Publish")).to_have_count(0)
    row = editor.locator("tr", has_text="Leading from the middle")
    expect(row.locator(".field-state")).to_have_text("Ready for review")
    expect(row.locator(".field-status_set_by")).to_contain_text("Erin Editor")
    editor.get_by_role("link", name="Ready for review").click()
    expect(editor.locator("#result_list tbody tr")).to_have_count(1)
    check_axe(editor, tolerated=ADMIN_EXCEPTIONS)

    # forcing "Published" into the form is refused on the server
    editor.goto(change_url)
    editor.evaluate(
        """() => {
            const status = document.getElementById("id_status");
            status.add(new Option("Published", "published", true, true));
        }"""
    )
    with editor.expect_response(lambda r: r.request.method == "POST") as answer:
        editor.get_by_role("button", name="Save", exact=True).click()
    assert answer.value.status == 403
    draft.refresh_from_db()
    assert draft.status == Article.Status.READY_FOR_REVIEW
    editor.close()

    publisher = browser.new_page()
    sign_in(publisher, pat, PASSWORD)
    publisher.goto(list_url + "?state=ready")
    publisher.get_by_role("link", name="Leading from the middle").click()
    target = timezone.localtime() + timedelta(days=3)
    publisher.get_by_label("Status:").select_option(label="Published")
    publisher.locator("#id_published_at_0").fill(target.strftime("%d/%m/%Y"))
    publisher.locator("#id_published_at_1").fill("10:00:00")
    check_axe(publisher, tolerated=ADMIN_EXCEPTIONS)
    publisher.get_by_role("button", name="Save", exact=True).click()
    expect(publisher.locator(".messagelist")).to_contain_text("successfully")
    publisher.goto(list_url)
    row = publisher.locator("tr", has_text="Leading from the middle")
    expect(row.locator(".field-state")).to_have_text("Scheduled")
    expect(row.locator(".field-status_set_by")).to_contain_text("Pat Publisher")
    draft.refresh_from_db()
    assert draft.is_scheduled

    # a scheduled article is read only to the Editor, who may close comments
    editor = browser.new_page()
    sign_in(editor, erin, PASSWORD)
    editor.goto(change_url)
    expect(editor.locator(".messagelist")).to_contain_text(
        "Only Publishers can change it"
    )
    expect(editor.get_by_label("Title:")).to_have_count(0)
    check_axe(editor, tolerated=ADMIN_EXCEPTIONS)
    editor.close()
    publisher.close()
