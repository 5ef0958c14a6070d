"""/metrics: the operators' numbers, for the monitoring hosts only, counted
across every gunicorn worker."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from tests.factories import make_comment
from tests.platform.servers import Browser

pytestmark = pytest.mark.django_db


def samples(text):
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def read(client, **meta):
    response = client.get("/metrics", **meta)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    return samples(response.content.decode())


def value(numbers, name, **labels):
    return numbers.get((name, tuple(sorted(labels.items()))), 0)


def test_answers_and_the_page_caches_work_are_counted(client, article):
    before = read(client)
    path = article.get_absolute_url()
    first, second = client.get(path), client.get(path)
    client.get(path, HTTP_IF_NONE_MATCH=second["ETag"])
    client.get("/no-such-page/")
    after = read(client)

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("insight_http_responses_total", status="200") >= 3  # and /metrics
    assert grew("insight_http_responses_total", status="304") == 1
    assert grew("insight_http_responses_total", status="404") == 1
    assert grew("insight_page_cache_total", result="kept") == 1
    assert grew("insight_page_cache_total", result="hit") == 1
    assert grew("insight_page_cache_total", result="not_modified") == 1
    assert first.status_code == second.status_code == 200


def test_comments_published_and_held_are_counted(client, article):
    before = read(client)
    make_comment(article)
    make_comment(article, is_public=False)
    make_comment(article, is_public=False)
    after = read(client)
    for state, added in [("published", 1), ("held", 2)]:
        name = "insight_comments_total"
        assert (
            value(after, name, state=state) - value(before, name, state=state) == added
        )


def test_the_queue_and_mail_are_read_from_the_database(client):
    from background.mail import queue_mail

    before = read(client)
    queue_mail("metrics-test", "Subject", "Body", "a@example.org", ["b@example.org"])
    after = read(client)
    # the tests' queue runs tasks at once: the e-mail is sent already
    sent = "insight_mail_sent_last_day"
    assert value(after, sent) == value(before, sent) + 1
    for name in [
        "insight_queue_depth",
        "insight_queue_oldest_seconds",
        "insight_mail_waiting",
        "insight_mail_not_sent",
    ]:
        assert (name, ()) in after, name


def test_the_queue_and_mail_move_as_work_waits_fails_and_is_sent(client, settings):
    """With the database's queue, as in production: a task waiting raises the
    depth, and the age as it waits; mail the server refuses for too long is
    given up on; mail it takes is counted sent. The tasks are run here as the
    worker runs them."""
    from django_tasks_db.models import DBTaskResult

    from background.mail import deliver, queue_mail
    from background.models import OutgoingMail
    from tests.background.smtp import SmtpServer
    from tests.platform.servers import free_port

    smtp = SmtpServer(free_port()).__enter__()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 1

    def moved(before, after, name):
        return value(after, name) - value(before, name)

    try:
        start = read(client)
        queue_mail("metrics-1", "Subject", "Body", "a@example.org", ["b@example.org"])
        waiting = read(client)
        assert moved(start, waiting, "insight_queue_depth") == 1
        assert moved(start, waiting, "insight_mail_waiting") == 1
        DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
        assert value(read(client), "insight_queue_oldest_seconds") >= 300

        # the worker runs it; the server refuses, for longer than retries last
        smtp.handler.mode = "refuse"
        OutgoingMail.objects.update(queued_at=timezone.now() - timedelta(days=2))
        deliver.call(list(OutgoingMail.objects.values_list("pk", flat=True)))
        DBTaskResult.objects.all().delete()  # done, as the worker marks it
        failed = read(client)
        assert moved(waiting, failed, "insight_mail_not_sent") == 1
        assert moved(waiting, failed, "insight_mail_waiting") == -1
        assert value(failed, "insight_queue_depth") == value(
            start, "insight_queue_depth"
        )

        smtp.handler.mode = "accept"
        queue_mail("metrics-2", "Subject", "Body", "a@example.org", ["c@example.org"])
        deliver.call(list(OutgoingMail.objects.waiting().values_list("pk", flat=True)))
        sent = read(client)
        assert moved(failed, sent, "insight_mail_sent_last_day") == 1
        assert smtp.handler.counts() == {"c@example.org": 1}
    finally:
        smtp.__exit__(None, None, None)


@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "203.0.113.9"},
        {"REMOTE_ADDR": "2001:db8::1"},
        # a proxy's header is not believed for this
        {"REMOTE_ADDR": "198.51.100.4", "HTTP_X_REAL_IP": "127.0.0.1"},
        {"REMOTE_ADDR": "198.51.100.4", "HTTP_X_FORWARDED_FOR": "127.0.0.1"},
        # passed on by a proxy on this machine (nginx, Varnish): a reader's
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "127.0.0.1"},
        {"REMOTE_ADDR": "::1", "HTTP_FORWARDED": "for=127.0.0.1"},
        {"REMOTE_ADDR": "not an address"},
    ],
)
def test_only_the_monitoring_hosts_may_read_them(client, settings, meta):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    response = client.get("/metrics", **meta)
    assert response.status_code == 403
    assert b"insight_" not in response.content


def test_a_monitoring_network_may_read_them(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.20.0.0/16", "2001:db8:5::/48"]
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="2001:db8:5::9").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.21.3.4").status_code == 403


def test_every_gunicorn_workers_counts_are_added_up(
    transactional_db, database_switch, start_server, tmp_path
):
    from tests.factories import make_article

    article = make_article(title="Counted piece", slug="counted-piece")
    database_switch.copy_test_database()
    counts = tmp_path / "prometheus"
    counts.mkdir()
    server = start_server(
        **{
            "DATABASE_URL": database_switch.url,
            "PROMETHEUS_MULTIPROC_DIR": str(counts),
            **database_switch.extra_env,
        }
    )

    def read_article(_):
        return Browser(server.url, https=True).get(article.get_absolute_url()).status

    # at once, so that both workers answer some
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(read_article, range(40))) == [200] * 40
    numbers = samples(Browser(server.url, https=True).get("/metrics").text)
    assert value(numbers, "insight_http_responses_total", status="200") == 40
    assert any(counts.iterdir())
