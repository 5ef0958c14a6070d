"""Readers reporting a comment: the form, one report per address, holding a
much-reported comment, and the rate limit."""

from discussion.models import CommentReport
from tests.factories import make_comment
from tests.helpers import article_page, plain_hashes, report_url


def test_a_reader_without_an_account_can_open_the_report_form(
    client, published_article
):
    comment = make_comment(published_article, comment="A questionable remark.")
    response = client.get(report_url(comment))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Report a comment</h1>" in page
    assert "A questionable remark." in page


def test_a_reader_without_an_account_can_report_a_comment(client, published_article):
    comment = make_comment(published_article)
    response = client.post(
        report_url(comment),
        {"reason": "abusive", "details": "Name-calling."},
        REMOTE_ADDR="192.0.2.1",
    )
    assert response.status_code == 200
    assert "Thank you for your report" in response.content.decode()
    report = CommentReport.objects.get()
    assert report.comment_id == comment.pk
    assert report.reason == "abusive"
    assert report.details == "Name-calling."
    assert "192.0.2.1" not in report.reporter  # kept as a keyed hash


def test_the_reporters_network_is_kept_as_a_hash_keyed_with_the_secret_key(
    client, published_article, settings
):
    address = "203.0.113.45"
    network = "203.0.113.0/24"
    for key in ("first-secret-key-" * 3, "second-secret-key-" * 3):
        settings.SECRET_KEY = key
        comment = make_comment(published_article)
        client.post(report_url(comment), {"reason": "spam"}, REMOTE_ADDR=address)

    kept = list(CommentReport.objects.order_by("pk").values_list("reporter", flat=True))
    assert len(kept) == 2
    guessable = plain_hashes(address, network, "203.0.113.0", "203.0.113")
    for reporter in kept:
        assert address not in reporter and "203.0.113" not in reporter
        assert reporter not in guessable
    # a new secret key makes another hash of the same network
    assert kept[0] != kept[1]


def test_a_report_without_a_reason_shows_the_form_again_with_an_error(
    client, published_article
):
    comment = make_comment(published_article)
    response = client.post(report_url(comment), {"details": "It is rude."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose why this comment should be removed" in page
    assert "It is rude." in page
    assert not CommentReport.objects.exists()


def test_the_same_address_reporting_twice_counts_once(client, published_article):
    comment = make_comment(published_article)
    for _ in range(2):
        response = client.post(
            report_url(comment), {"reason": "spam"}, REMOTE_ADDR="192.0.2.1"
        )
    assert "You have already reported this comment" in response.content.decode()
    assert comment.reports.count() == 1
    comment.refresh_from_db()
    assert comment.is_visible


def test_reports_from_three_networks_hold_the_comment(client, published_article):
    comment = make_comment(published_article, comment="Contested words.")
    report_from(client, comment, "192.0.2.1", "2001:db8:1::1")
    comment.refresh_from_db()
    assert comment.is_visible
    report_from(client, comment, "198.51.100.3")
    comment.refresh_from_db()
    assert comment.is_awaiting_moderation
    assert comment.held_reason == "Reported by 3 people"
    assert "Contested words." not in article_page(client, published_article)


def test_reporting_a_missing_comment_is_not_found(client, db):
    assert client.get(report_url(999999)).status_code == 404
    assert client.post(report_url(999999), {"reason": "spam"}).status_code == 404


def test_reports_are_rate_limited_per_address(client, settings, published_article):
    settings.DISCUSSION_RATE_LIMITS = {
        **settings.DISCUSSION_RATE_LIMITS,
        "report": "2/h",
    }
    comments = [make_comment(published_article) for _ in range(3)]
    responses = [
        client.post(report_url(comment), {"reason": "spam"}, REMOTE_ADDR="192.0.2.9")
        for comment in comments
    ]
    assert [response.status_code for response in responses] == [200, 200, 429]
    assert "You have sent too many reports" in responses[-1].content.decode()
    assert CommentReport.objects.count() == 2
    other = client.post(
        report_url(comments[2]), {"reason": "spam"}, REMOTE_ADDR="192.0.2.10"
    )
    assert other.status_code == 200


FOUR_MORE_NETWORKS = ("192.0.3.3", "198.51.101.4", "2001:db8:5::5", "2001:db8:6::6")


def report_from(client, comment, *addresses):
    for address in addresses:
        client.post(report_url(comment), {"reason": "spam"}, REMOTE_ADDR=address)


def test_a_comment_a_moderator_kept_is_never_hidden_by_reports_again(
    client, moderator_client, published_article
):
    from tests.helpers import moderate, queue

    comment = make_comment(published_article, comment="Sharp but fair.")
    report_from(client, comment, "192.0.2.1", "198.51.100.2")
    assert queue(moderator_client, status="reported") == [comment]

    moderate(moderator_client, "approve", [comment])  # keep it, as it is
    assert queue(moderator_client, status="reported") == []

    report_from(client, comment, *FOUR_MORE_NETWORKS)
    comment.refresh_from_db()
    assert comment.is_visible
    assert "Sharp but fair." in article_page(client, published_article)
    # the new reports still put it before a moderator
    assert queue(moderator_client, status="reported") == [comment]


def test_only_reports_since_the_last_decision_count_towards_hiding(
    client, moderator_client, published_article, settings
):
    from tests.helpers import moderate

    settings.DISCUSSION_REPORTS_TO_HOLD = 3
    held = make_comment(published_article, comment="Held, then approved.")
    report_from(client, held, "192.0.2.1", "198.51.100.2", "203.0.113.3")
    held.refresh_from_db()
    assert not held.is_visible
    moderate(moderator_client, "approve", [held])

    report_from(client, held, "2001:db8:4::4")
    held.refresh_from_db()
    assert held.is_visible
