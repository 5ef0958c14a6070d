"""A comment's page keeps its evidence: "Keep" dismisses reports and never
deletes them, and every report, decision and moderator's note stays on the
page, with who and when. Worked as a member of the Moderators group."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from discussion.models import ArticleComment, CommentDecision, CommentReport
from tests.factories import make_comment, make_moderator
from tests.helpers import html, queue, queue_row, queue_url

pytestmark = pytest.mark.django_db

REPORTS = [
    ("spam", "Sells <b>pills</b> & more"),
    ("abusive", "Calls people names: “idiot”, ‘fool’"),
    ("personal", "Posts a phone number 07700 900123"),
    ("off-topic", ""),
    ("other", "Zalgo: h̸̢e̷ ̶c̷o̸m̷e̸s, RTL: \u202eevil, emoji: 👍🏽"),
]


def page_url(comment):
    return reverse("admin:discussion_articlecomment_change", args=[comment.pk])


def decide_url(comment, decision):
    return reverse("admin:discussion_decide", args=[comment.pk, decision])


def report_all(comment):
    for number, (reason, details) in enumerate(REPORTS):
        CommentReport.objects.create(
            comment=comment, reason=reason, details=details, reporter=f"{number:064}"
        )


def test_keep_dismisses_every_report_and_deletes_none(
    sams_browser, sam, published_article
):
    comment = make_comment(published_article, comment="A fair, sharp comment.")
    report_all(comment)

    response = sams_browser.post(decide_url(comment, "keep"), follow=True)

    assert "Comment by" in html(response) and "Kept" in html(response)
    reports = CommentReport.objects.filter(comment=comment)
    assert reports.count() == len(REPORTS)
    assert {report.dismissed_by for report in reports} == {sam}
    assert all(report.dismissed_at for report in reports)
    assert sorted(reports.values_list("reason", "details")) == sorted(REPORTS)


def test_the_comments_page_shows_each_report_with_its_dismissal(
    sams_browser, published_article
):
    comment = make_comment(published_article)
    report_all(comment)
    sams_browser.post(decide_url(comment, "keep"))

    page = html(sams_browser.get(page_url(comment)))

    history = page.split('id="history"', 1)[1]
    for reason, _details in REPORTS:
        assert CommentReport.Reason(reason).label.replace("'", "&#x27;") in history
    assert "Sells &lt;b&gt;pills&lt;/b&gt; &amp; more" in history
    assert "<b>pills</b>" not in history
    assert "07700 900123" in history and "👍🏽" in history
    assert history.count("By sam on ") == len(REPORTS)
    assert re.search(r"By sam on \d{1,2} \w+ \d{4} at \d{1,2}:\d\d[ap]m", history)


def test_dismissed_reports_count_nowhere_until_someone_reports_again(
    sams_browser, published_article
):
    comment = make_comment(published_article)
    report_all(comment)
    assert "1 reported comment" in html(sams_browser.get("/admin/"))
    assert queue(sams_browser, status="reported") == [comment]

    sams_browser.post(decide_url(comment, "keep"))

    assert "reported comment" not in html(sams_browser.get("/admin/"))
    assert queue(sams_browser, status="reported") == []
    assert comment.reports_since_decision().count() == 0
    row = queue_row(sams_browser.get(queue_url()), comment)
    assert ">Keep<" not in row
    # the row lists open reports only
    assert "Reported <time" not in row

    CommentReport.objects.create(comment=comment, reason="spam", reporter="f" * 64)

    assert "1 reported comment" in html(sams_browser.get("/admin/"))
    assert queue(sams_browser, status="reported") == [comment]
    assert ">Keep<" in queue_row(sams_browser.get(queue_url()), comment)
    sams_browser.post(decide_url(comment, "keep"))
    assert CommentReport.objects.filter(comment=comment).count() == len(REPORTS) + 1
    assert not CommentReport.objects.undismissed().exists()


def test_the_keep_action_on_many_comments_dismisses_and_keeps_their_reports(
    sams_browser, published_article
):
    comments = [make_comment(published_article) for _ in range(3)]
    for comment in comments:
        report_all(comment)

    sams_browser.post(
        queue_url(),
        {"action": "keep", "_selected_action": [c.pk for c in comments]},
    )

    assert CommentReport.objects.count() == 3 * len(REPORTS)
    assert not CommentReport.objects.undismissed().exists()
    assert queue(sams_browser, status="reported") == []


def test_publishing_a_comment_reports_hid_dismisses_its_reports(
    sams_browser, sam, published_article
):
    comment = make_comment(published_article, is_public=False)
    comment.followers_notified_at = comment.submit_date  # it was shown
    comment.save()
    report_all(comment)

    sams_browser.post(decide_url(comment, "approve"))

    assert CommentReport.objects.filter(comment=comment, dismissed_by=sam).count() == (
        len(REPORTS)
    )


def test_the_comments_page_lists_each_decision_with_who_and_when(
    sams_browser, django_user_model, published_article
):
    comment = make_comment(published_article, is_public=False)
    priya = make_moderator(django_user_model, "priya", "Priya")
    priyas_browser = Client()
    priyas_browser.force_login(priya)

    sams_browser.post(decide_url(comment, "approve"))
    priyas_browser.post(decide_url(comment, "feature"))
    sams_browser.post(decide_url(comment, "remove"), {"removal_reason": "Off topic"})

    kinds = list(
        CommentDecision.objects.filter(comment=comment).values_list(
            "kind", "decided_by__username"
        )
    )
    assert kinds == [("removed", "sam"), ("featured", "priya"), ("approved", "sam")]
    history = html(sams_browser.get(page_url(comment))).split('id="decisions"')[1]
    rows = re.findall(r"<tr>(.*?)</tr>", history, re.DOTALL)[1:4]
    cells = [re.findall(r"<td>(.*?)</td>", row) for row in rows]
    assert [row[1:] for row in cells] == [
        ["Removed", "sam", "Off topic"],
        ["Featured", "priya", "–"],
        ["Approved", "sam", "–"],
    ]
    assert all(
        re.fullmatch(r"\d{1,2} \w+ \d{4} at \d{1,2}:\d\d[ap]m", r[0]) for r in cells
    )


def test_readers_never_see_the_history(client, sams_browser, published_article):
    comment = make_comment(published_article, comment="Public words.")
    report_all(comment)
    sams_browser.post(decide_url(comment, "keep"))

    public = html(client.get(comment.get_absolute_url(), follow=True))

    assert "Public words." in public
    assert "Sells" not in public and "dismissed" not in public.lower()
    assert client.get(page_url(comment)).status_code == 302  # to the sign-in page


def test_a_comment_decided_before_keeps_working(sams_browser, published_article):
    """Comments decided on before decisions were kept have no history rows."""
    comment = make_comment(published_article)
    ArticleComment.objects.filter(pk=comment.pk).update(
        moderated_at=comment.submit_date
    )

    page = html(sams_browser.get(page_url(comment)))

    assert "No decisions recorded." in page
    assert "No one has reported this comment." in page


def seen_on(page, comment, decision):
    """The seen marker a page's button for this decision sends."""
    match = re.search(
        rf'formaction="{re.escape(decide_url(comment, decision))}" '
        r'name="seen" value="([^"]+)"',
        page,
    )
    return match[1]


@pytest.mark.parametrize(
    ("first", "second", "told"),
    [
        ("approve", "remove", "Already approved by Sam at "),
        ("approve", "approve", "Already approved by Sam at "),
        ("remove", "approve", "Already removed by Sam at "),
        ("remove", "remove", "Already removed by Sam at "),
    ],
)
def test_a_decision_from_a_page_another_moderator_has_overtaken_changes_nothing(
    sams_browser, django_user_model, published_article, first, second, told
):
    comment = make_comment(published_article, is_public=False)
    priya = make_moderator(django_user_model, "priya", "Priya")
    priyas_browser = Client()
    priyas_browser.force_login(priya)
    for page_url_seen in (queue_url(), page_url(comment)):
        priyas_page = html(priyas_browser.get(page_url_seen))
        assert seen_on(priyas_page, comment, second)
    priyas_seen = seen_on(html(priyas_browser.get(queue_url())), comment, second)
    sams_seen = seen_on(html(sams_browser.get(queue_url())), comment, first)

    sams_browser.post(decide_url(comment, first), {"seen": sams_seen})
    before = ArticleComment.objects.get(pk=comment.pk)
    response = priyas_browser.post(
        decide_url(comment, second), {"seen": priyas_seen}, follow=True
    )

    assert told in html(response)
    assert re.search(
        r"Already \w+ by Sam at \d{1,2}:\d\d[ap]m\. Nothing", html(response)
    )
    after = ArticleComment.objects.get(pk=comment.pk)
    assert (after.is_public, after.is_removed, after.moderated_by) == (
        before.is_public,
        before.is_removed,
        before.moderated_by,
    )
    assert CommentDecision.objects.count() == 1


def test_a_decision_from_an_up_to_date_page_goes_ahead(sams_browser, published_article):
    comment = make_comment(published_article, is_public=False)
    sams_browser.post(decide_url(comment, "approve"))

    seen = seen_on(html(sams_browser.get(page_url(comment))), comment, "remove")
    sams_browser.post(decide_url(comment, "remove"), {"seen": seen})

    assert ArticleComment.objects.get(pk=comment.pk).is_removed
    assert CommentDecision.objects.count() == 2


def test_a_decision_on_another_day_is_named_with_its_date(
    sams_browser, sam, published_article
):
    from datetime import timedelta

    comment = make_comment(published_article, is_public=False)
    sams_browser.post(decide_url(comment, "approve"))
    CommentDecision.objects.update(decided_at=comment.submit_date - timedelta(days=3))

    response = sams_browser.post(decide_url(comment, "approve"), follow=True)

    assert re.search(
        r"Already approved by you on \d{1,2} \w+ \d{4} at \d{1,2}:\d\d[ap]m",
        html(response),
    )


def test_a_forged_or_odd_seen_marker_changes_nothing(sams_browser, published_article):
    comment = make_comment(published_article, is_public=False)
    for forged in ["", "x" * 5000, "2026-01-01T00:00:00+00:00", "\x00", "undecided "]:
        response = sams_browser.post(decide_url(comment, "approve"), {"seen": forged})
        assert response.status_code == 302
    assert not ArticleComment.objects.get(pk=comment.pk).is_public
