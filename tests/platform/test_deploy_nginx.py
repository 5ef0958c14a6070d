"""deploy/nginx/insight.conf as shipped, in front of gunicorn: HTTPS only,
static files and pictures from nginx itself, the reader's own address in the
app's limits, and uploads up to 10 MB."""

import http.client
import io
import json
import os
import secrets
import ssl
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from PIL import Image

from tests.factories import make_article, make_perspective
from tests.platform.proxies import Nginx
from tests.platform.servers import COLLECTED_STATIC, REQUEST_TIMEOUT, Browser

PASSWORD = "right-password-1"


class ThroughNginx(Browser):
    """A browser reaching the site by its public name, over HTTPS, from a
    loopback address of its own (127.0.0.2, ...): each is another reader."""

    def __init__(self, nginx, source="127.0.0.1", tls=True):
        super().__init__(f"http://127.0.0.1:{nginx.https_port}")
        self.nginx, self.source, self.tls = nginx, source, tls
        if not tls:
            self.port = nginx.http_port

    @property
    def host_header(self):
        return Nginx.HOST

    @property
    def origin(self):
        return f"https://{Nginx.HOST}"

    def connection(self):
        options = {"timeout": REQUEST_TIMEOUT, "source_address": (self.source, 0)}
        if not self.tls:
            return http.client.HTTPConnection("127.0.0.1", self.port, **options)
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the test's own certificate
        return http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=context, **options
        )

    def upload(self, path, fields, name, content):
        boundary = secrets.token_hex(16)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
            f"{value}\r\n".encode()
            for key, value in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="picture.png"\r\nContent-Type: image/png\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
        return self.request(
            "POST", path, body=body, headers={"Content-Type": content_type}
        )


def make_editor(django_user_model):
    """A member of the Editors group, with the password hashed as production
    hashes it (the tests' fast hasher is unknown to the server)."""
    import_module("discussion.migrations.0004_staff_groups").make_groups(apps, None)
    import_module(
        "articles.migrations.0009_authors_and_lead_images"
    ).let_editors_manage_authors(apps, None)
    editor = django_user_model.objects.create_user(
        "edith", "edith@example.org", is_staff=True
    )
    editor.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


@pytest.fixture
def site(transactional_db, django_user_model, database_switch, start_server, tmp_path):
    make_editor(django_user_model)
    article = make_article(
        slug="answered-piece", points=[(make_perspective(), "Listen first")]
    )
    database_switch.copy_test_database()
    media = tmp_path / "media"
    media.mkdir()
    server = start_server(
        DATABASE_URL=database_switch.url,
        DJANGO_ALLOWED_HOSTS=Nginx.HOST,
        RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP",
        FORWARDED_ALLOW_IPS="127.0.0.1",
        MEDIA_ROOT=str(media),
        # one process, so that without Redis the limits' counts are shared
        WEB_CONCURRENCY="1",
        **database_switch.extra_env,
    )
    (tmp_path / "nginx").mkdir()
    nginx = Nginx(tmp_path / "nginx", server.port, COLLECTED_STATIC, media)
    nginx.media, nginx.app = media, server
    nginx.answer = (
        f"/insight/answered-piece/points/{article.points.get().pk}/answer/send/"
    )
    yield nginx
    nginx.stop()


def requests_the_app_saw(server):
    return [
        line for line in server.output.splitlines() if line.startswith(("GET", "POST"))
    ]


def test_plain_http_is_redirected_to_https_with_the_same_address(site):
    for path in ("/", "/insight/some-article/?page=2", "/admin/login/", "/healthz"):
        response = ThroughNginx(site, tls=False).get(path)
        assert response.status == 301, path
        assert response.headers["Location"] == f"https://{Nginx.HOST}{path}"
    assert requests_the_app_saw(site.app) == []


def test_pages_come_from_the_app_over_https(site):
    response = ThroughNginx(site).get("/healthz")
    assert response.status == 200
    assert json.loads(response.body)["status"] == "ok"
    home = ThroughNginx(site).get("/")
    assert home.status == 200
    assert "Strict-Transport-Security" in home.headers
    # the operators' numbers are for the monitoring hosts, not through nginx
    assert ThroughNginx(site).get("/metrics").status == 404
    assert any(" /healthz 200" in line for line in requests_the_app_saw(site.app))


def test_static_files_and_pictures_are_served_by_nginx(site):
    manifest = json.loads((COLLECTED_STATIC / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    browser = ThroughNginx(site)

    stylesheet = browser.get(f"/static/{hashed}")
    assert stylesheet.status == 200
    assert stylesheet.body == (COLLECTED_STATIC / hashed).read_bytes()
    assert stylesheet.headers["Content-Type"].startswith("text/css")
    assert "immutable" in stylesheet.headers.get_all("Cache-Control")
    assert stylesheet.headers["X-Content-Type-Options"] == "nosniff"
    # a name without a hash may change with a release: kept a day, not a year
    unhashed = browser.get("/static/css/site.css")
    assert unhashed.status == 200
    assert unhashed.headers["Cache-Control"] == "max-age=86400"

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(picture, "WEBP")
    (site.media / "authors").mkdir()
    (site.media / "authors" / "a1b2c3.webp").write_bytes(picture.getvalue())
    served = browser.get("/media/authors/a1b2c3.webp")
    assert served.status == 200
    assert served.body == picture.getvalue()
    assert served.headers["Content-Type"] == "image/webp"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert browser.get("/media/authors/missing.webp").status == 404
    # none of them reached the app
    assert not any(
        "/static/" in line or "/media/" in line
        for line in requests_the_app_saw(site.app)
    )


def test_rate_limits_count_each_readers_own_address(site):
    """The sign-in throttle locks a username from one address after five
    failures. Through nginx, that address is the reader's own: a header the
    reader sends cannot change it, and another reader is not locked out."""
    attacker = ThroughNginx(site, source="127.0.0.2")
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        forged = {
            "X-Real-IP": f"10.9.8.{attempt}",
            "X-Forwarded-For": f"10.7.6.{attempt}",
        }
        form = attacker.get("/admin/login/")
        assert form.status == 200
        attacker.request(
            "POST",
            "/admin/login/",
            data={
                "csrfmiddlewaretoken": attacker.cookies["csrftoken"],
                "username": "edith",
                "password": f"wrong-{attempt}",
                "next": "/admin/",
            },
            headers=forged,
        )
    locked = attacker.post(
        "/admin/login/",
        {
            "csrfmiddlewaretoken": attacker.cookies["csrftoken"],
            "username": "edith",
            "password": PASSWORD,
            "next": "/admin/",
        },
    )
    assert locked.status != 302, "the forged addresses spread the failures out"

    # edith herself, from her own address, still signs in
    ThroughNginx(site, source="127.0.0.3").sign_in("edith", PASSWORD)


def test_readers_limits_count_each_readers_own_address(site):
    """Quick answers are limited per address (DISCUSSION_RATE_LIMITS): one
    reader past the limit, with a forged header or none, leaves the next
    reader free to answer."""
    limit = int(settings.DISCUSSION_RATE_LIMITS["answer"].split("/")[0])
    busy = ThroughNginx(site, source="127.0.0.2")
    answers = [
        busy.request(
            "POST",
            site.answer,
            data={"answer": "agree" if attempt % 2 else "disagree"},
            headers={"X-Real-IP": f"10.9.8.{attempt}", "X-Forwarded-For": "10.7.6.5"},
        ).status
        for attempt in range(limit + 1)
    ]
    assert 429 not in answers[:limit], answers
    assert answers[limit] == 429, answers
    other = ThroughNginx(site, source="127.0.0.3").post(
        site.answer, {"answer": "agree"}
    )
    assert other.status in (302, 303), other.status


@pytest.mark.parametrize(
    "path", ["/metrics", "/metrics?format=x", "//metrics", "/%6detrics", "/./metrics"]
)
def test_the_operators_numbers_are_not_given_through_nginx(site, path):
    for headers in [
        {},
        {"X-Forwarded-For": "127.0.0.1", "X-Real-IP": "127.0.0.1"},
        {"Forwarded": "for=127.0.0.1"},
    ]:
        answer = ThroughNginx(site).request("GET", path, headers=headers)
        assert answer.status in (403, 404), (path, headers)
        assert b"insight_" not in answer.body, (path, headers)


def picture_of(size_bytes):
    """A PNG of noise (PNG cannot shrink it) a little under size_bytes."""
    side = int((size_bytes / 3) ** 0.5) - 8
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=0)
    return out.getvalue()


def test_a_10_mb_picture_uploads_and_a_bigger_one_gets_a_clear_page(site):
    editor = ThroughNginx(site)
    editor.sign_in("edith", PASSWORD)
    add_page = "/admin/articles/author/add/"
    fields = {
        "csrfmiddlewaretoken": editor.cookies["csrftoken"],
        "name": "Priya Shah",
        "slug": "priya-shah",
        "photo_alt": "Priya Shah, smiling, in a library",
    }
    ten_mb = picture_of(10_000_000)
    assert 9_900_000 < len(ten_mb) < 10 * 1024 * 1024
    saved = editor.upload(add_page, fields, "photo", ten_mb)
    assert saved.status == 302, saved.text[:2000]
    stored = [path for path in site.media.rglob("*") if path.is_file()]
    assert stored, "the picture was not stored"
    served = editor.get(f"/media/{stored[0].relative_to(site.media)}")
    assert served.status == 200
    assert served.body == stored[0].read_bytes()

    # 11 MB: the app's own form says why, and keeps what was typed
    eleven_mb = picture_of(11_000_000)
    refused = editor.upload(add_page, {**fields, "slug": "p-s"}, "photo", eleven_mb)
    assert refused.status == 200
    assert "The selected file must be smaller than 10 MB" in refused.text
    assert 'value="Priya Shah, smiling, in a library"' in refused.text

    # far too big for the form: nginx's page says what to do
    too_big = picture_of(17_000_000)
    refused = editor.upload(add_page, {**fields, "slug": "p-s"}, "photo", too_big)
    assert refused.status == 413
    assert "The file is too big" in refused.text
    assert "smaller than 10 MB" in refused.text
    assert "nginx" not in refused.text
    assert len([path for path in site.media.rglob("*") if path.is_file()]) == len(
        stored
    )
