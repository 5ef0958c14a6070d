"""The site as production runs it: gunicorn in its own process, behind what a
reverse proxy would send, with the database and cache cut off and restored."""

import http.client
import json
import re
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.hashers import make_password

from tests.factories import make_article
from tests.platform.servers import Browser, free_port


@pytest.fixture
def site_data(transactional_db, django_user_model):
    article = make_article(title="Outage piece", slug="outage-piece")
    moderator = django_user_model.objects.create_user(
        "moderator", "moderator@example.org", is_staff=True
    )
    # hashed as production does: the tests' fast hasher is unknown to the server
    moderator.password = make_password("right-password-1", hasher="pbkdf2_sha256")
    moderator.save()
    return article


def post_comment_over_http(browser, article_path, text):
    form = browser.comment_form(article_path)
    return browser.post(
        "/comments/post/",
        {
            **form,
            "comment": text,
            "name": "Moderator",
            "email": "moderator@example.org",
            "post": "",
        },
    )


def test_database_outage_gives_503_then_service_resumes_with_nothing_lost(
    site_data, database_switch, start_server
):
    database_switch.copy_test_database()
    server = start_server(DATABASE_URL=database_switch.url, **database_switch.extra_env)
    browser = Browser(server.url, https=True)
    article_path = site_data.get_absolute_url()
    browser.sign_in("moderator", "right-password-1")
    form = browser.comment_form(article_path)
    first = post_comment_over_http(browser, article_path, "Before the outage")
    assert first.status == 302, first.text

    database_switch.down()
    page = browser.get(article_path)
    assert page.status == 503
    assert "Sorry, the service is unavailable" in page.text
    assert "Traceback" not in page.text
    health = browser.get("/healthz")
    assert health.status == 503
    assert json.loads(health.body) == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
    }
    refused = browser.post(
        "/comments/post/",
        {**form, "comment": "During the outage", "name": "M", "post": ""},
    )
    assert refused.status == 503

    database_switch.up()
    assert browser.get("/healthz").status == 200
    page = browser.get(article_path)
    assert page.status == 200
    assert "Before the outage" in page.text
    assert (
        post_comment_over_http(browser, article_path, "After the outage").status == 302
    )
    assert database_switch.comments() == ["Before the outage", "After the outage"]

    output = server.output
    assert "Traceback" not in output
    assert "moderator@example.org" not in output
    assert re.search(
        r"ERROR django.request: Database unavailable: GET /insight/", output
    )


def test_cache_outage_still_serves_pages(site_data, database_switch, start_server):
    database_switch.copy_test_database()
    server = start_server(
        DATABASE_URL=database_switch.url,
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        **database_switch.extra_env,
    )
    browser = Browser(server.url, https=True)
    article_path = site_data.get_absolute_url()
    assert browser.get("/").status == 200
    assert browser.get(article_path).status == 200
    assert browser.get("/search/?q=outage").status == 200
    # pages are served, so the load balancer must keep this server in
    health = browser.get("/healthz")
    assert health.status == 200
    state = json.loads(health.body)
    # the worker's queue is read from the database, which is up
    assert state.pop("queue")["depth"] == 0
    assert state == {"status": "degraded", "database": "ok", "cache": "degraded"}
    browser.sign_in("moderator", "right-password-1")
    assert (
        post_comment_over_http(browser, article_path, "Without a cache").status == 302
    )
    assert database_switch.comments() == ["Without a cache"]
    assert "Cache unavailable (ConnectionError)" in server.output
    assert "Traceback" not in server.output


def test_without_redis_every_worker_shows_a_new_comment_at_once(
    site_data, database_switch, start_server, tmp_path
):
    database_switch.copy_test_database()
    server = start_server(
        DATABASE_URL=database_switch.url,
        REDIS_URL="",  # each worker caches pages in its own memory
        PAGE_VERSIONS_DIR=str(tmp_path / "page-versions"),
        **database_switch.extra_env,
    )
    article_path = site_data.get_absolute_url()

    def readers_see(count=24):
        # at once, so that both workers answer (and cache the page)
        with ThreadPoolExecutor(max_workers=8) as pool:
            pages = pool.map(
                lambda _: Browser(server.url, https=True).get(article_path),
                range(count),
            )
            return [page.text for page in pages if page.status == 200]

    assert len(readers_see()) == 24
    moderator = Browser(server.url, https=True)
    moderator.sign_in("moderator", "right-password-1")
    assert (
        post_comment_over_http(moderator, article_path, "Seen by every worker").status
        == 302
    )

    pages = readers_see()
    assert len(pages) == 24
    assert all("Seen by every worker" in page for page in pages)


def test_server_redirects_plain_http_but_not_health_checks(site_data, start_server):
    server = start_server()
    plain = Browser(server.url)
    response = plain.get("/")
    assert response.status == 301
    assert response.headers["Location"].startswith("https://")
    assert plain.get("/healthz").status in (200, 503)
    secure = Browser(server.url, https=True).get("/")
    assert "Strict-Transport-Security" in secure.headers


LONG_COMMENTS = [
    ("Η ηγεσία είναι υπόθεση όλων μας. " * 100)[:3000],
    ("领导力是每个人的事，不只是管理者的事。" * 200)[:3000],
    ("🙂🤝🏽🏛️ " * 800)[:3000],
]


def test_long_comments_in_any_script_are_confirmed_and_published(
    site_data, database_switch, start_server
):
    database_switch.copy_test_database()
    server = start_server(DATABASE_URL=database_switch.url, **database_switch.extra_env)
    reader = Browser(server.url, https=True)
    article_path = site_data.get_absolute_url()
    for number, text in enumerate(LONG_COMMENTS):
        form = reader.comment_form(article_path)
        sent = reader.post(
            "/comments/post/",
            {
                **form,
                "comment": text,
                "name": "Reader",
                "email": f"reader{number}@example.org",
                "post": "",
            },
        )
        assert sent.status == 302, sent.text
        link = re.findall(r"https?://\S+?(/comments/confirm/[^/\s]+/)", server.output)
        assert reader.get(link[-1]).status == 200
        assert reader.request("HEAD", link[-1]).status == 200
        assert database_switch.comments() == LONG_COMMENTS[:number]  # not yet
        assert reader.post(link[-1], {}).status == 200
    assert database_switch.comments() == LONG_COMMENTS


def test_gunicorn_logs_no_client_address_for_a_malformed_request(
    site_data, database_switch, start_server
):
    database_switch.copy_test_database()
    server = start_server(DATABASE_URL=database_switch.url, **database_switch.extra_env)
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        raw.sendall(b"NOT A REQUEST\r\n\r\n")
        raw.recv(1024)
    assert Browser(server.url, https=True).get("/healthz").status == 200
    output = server.output
    assert "Invalid request from ip=[address]" in output
    assert "127.0.0.1" not in output.replace(server.url, "")


@pytest.mark.parametrize("threads", ["1", "4"])  # sync and gthread workers
def test_gunicorn_logs_an_escaped_exception_in_one_line_without_query_or_message(
    site_data, database_switch, start_server, threads
):
    database_switch.copy_test_database()
    server = start_server(
        app="tests.platform.failing_wsgi:application",
        GUNICORN_THREADS=threads,
        DATABASE_URL=database_switch.url,
        **database_switch.extra_env,
    )
    browser = Browser(server.url, https=True)
    query = "?email=asker%40example.org&token=query-secret-7"
    for path in ("/fails-at-once/", "/fails-part-way/"):
        try:
            browser.get(path + query)
        except http.client.HTTPException:
            pass  # the answer was cut short: its headers had been sent
    assert Browser(server.url, https=True).get("/healthz").status == 200
    output = server.output
    errors = [line for line in output.splitlines() if "Error handling request" in line]
    assert len(errors) == 2, output
    assert "Error handling request GET /fails-at-once/ [ValueError at " in errors[0]
    assert all("tests/platform/failing_wsgi.py:" in line for line in errors)
    for secret in (
        "words-from-the-exception",
        "query-secret-7",
        "asker",
        "reader@",
        "198.51.100.23",
    ):
        assert secret not in output
    assert "Traceback" not in output
