"""Fixtures shared by every test. Test data is made in factories.py, and what
tests do as readers and moderators is in helpers.py.

`make test` runs the tests in parallel with pytest-xdist: each worker has its
own test database (pytest-django's doing), live server, cache keys and page
versions, and a test that pauses the whole Redis server runs alone."""

import fcntl
import os
import shutil
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.test.signals import setting_changed
from django.utils import timezone

from articles.models import Article
from discussion.models import ModerationPolicy
from pagecache import versions
from tests.factories import make_article, make_perspective
from tests.helpers import FROM_OUR_PAGES, clear_caches

IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"


def pytest_configure(config):
    # Hashing a password the production way takes about a second; tests
    # store many and check none of the hasher's strength.
    django_settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *django_settings.PASSWORD_HASHERS,
    ]
    # WhiteNoise reads every file in STATIC_ROOT each time a test client
    # starts (70 ms once collectstatic has run). Tests serve static files from
    # the source, so they see no collected files, as in a fresh clone.
    django_settings.STATIC_ROOT = django_settings.BASE_DIR / "staticfiles-for-no-test"
    # Queued tasks (e-mail, mostly) run as they are queued, so a test sees the
    # mail a request queued; tests/background/ runs the real worker.
    django_settings.TASKS = {"default": {"BACKEND": IMMEDIATE_TASKS}}
    # (the apps, loaded already, made the backend from the settings)
    setting_changed.send(
        sender=None, setting="TASKS", value=django_settings.TASKS, enter=True
    )
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        keep_caches_apart(worker)


def keep_caches_apart(worker):
    """Give this worker its own keys in Redis and its own page-versions
    folder, and pass them on to the servers its tests start."""
    if hasattr(django_settings, "CACHE_KEY_PREFIX"):
        shared = django_settings.CACHE_KEY_PREFIX
        own = f"{shared}-{worker}"
        for cache in django_settings.CACHES.values():
            cache["KEY_PREFIX"] = own + cache["KEY_PREFIX"].removeprefix(shared)
        django_settings.CACHE_KEY_PREFIX = os.environ["CACHE_KEY_PREFIX"] = own
    else:
        versions = django_settings.CACHES["page-versions"]
        versions["LOCATION"] = f"{versions['LOCATION']}-{worker}"
        os.environ["PAGE_VERSIONS_DIR"] = versions["LOCATION"]


def pytest_sessionstart(session):
    config = session.config
    output = config.getoption("--output", None)  # pytest-playwright's
    if output and not config.option.collectonly and not hasattr(config, "workerinput"):
        shutil.rmtree(output, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir():
    """pytest-playwright empties test-results/ as each session starts, which
    under pytest-xdist is as each worker starts, maybe while another writes
    there: pytest_sessionstart empties it once instead."""


@pytest.fixture(autouse=True)
def redis_server_turn(request, tmp_path_factory):
    """Tests marked redis_server change the whole Redis server (pausing it,
    say), so each waits until no other worker's test is using it."""
    if "REDIS_URL" not in os.environ or "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    alone = request.node.get_closest_marker("redis_server") is not None
    # the folder every worker of this run has its own basetemp in
    path = tmp_path_factory.getbasetemp().parent / "redis-server.lock"
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        yield


@pytest.fixture(autouse=True)
def versions_trusted_through_a_test(monkeypatch):
    """Readers trust the cache's copies of the page versions for 2 seconds.
    A first rendering on a busy machine (a new worker, the other core
    loaded) can take longer, and the next request would read them from the
    database again: tests that count queries would fail by the clock. Tests
    of the trust itself set it as they need."""
    monkeypatch.setattr(versions, "TRUST_SECONDS", 10)


@pytest.fixture(autouse=True)
def first_comments_published(request, monkeypatch):
    """A new site holds a commenter's first comment (ModerationPolicy). Tests
    written before that default post once and expect to see the comment, so
    their policy publishes first comments, unless a test asks for the new
    site's policy (mark new_site_policy) or sets the policy itself."""
    if request.node.get_closest_marker("new_site_policy"):
        return
    field = ModerationPolicy._meta.get_field("hold_first_comments")
    monkeypatch.setattr(field, "default", False)
    monkeypatch.setattr(field, "_get_default", lambda: False)  # Django caches it


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # the manifest only exists after collectstatic
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded pictures go to a folder of the test's own, never the repo's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    clear_caches()
    # A test that changes a setting sees pages rendered with it, as a
    # restarted site would after its deployment's migrate.
    setting_changed.connect(clear_caches_on_change)
    yield
    setting_changed.disconnect(clear_caches_on_change)
    clear_caches()


def clear_caches_on_change(**kwargs):
    clear_caches()


@pytest.fixture
def perspective(db):
    return make_perspective(name="Frontline staff", slug="frontline-staff")


@pytest.fixture
def published_article(db, perspective):
    return make_article(
        title="Published piece",
        slug="published-piece",
        points=[(perspective, "Everyone in the system demonstrates leadership")],
    )


@pytest.fixture
def draft_article(db, perspective):
    return make_article(
        title="Draft piece",
        slug="draft-piece",
        status=Article.Status.DRAFT,
        points=[(perspective, "A secret draft point")],
    )


@pytest.fixture
def scheduled_article(db, perspective):
    return make_article(
        title="Scheduled piece",
        slug="scheduled-piece",
        published_at=timezone.now() + timedelta(days=3),
        points=[(perspective, "A point scheduled for later")],
    )


@pytest.fixture
def editor(db, django_user_model):
    """Staff who may add and change articles, nothing else."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "pass-for-tests-1", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=[
                "add_article",
                "change_article",
                "view_article",
                "add_argumentpoint",
                "change_argumentpoint",
                "delete_argumentpoint",
                "view_argumentpoint",
                "add_perspective",
                "change_perspective",
                "view_perspective",
                "add_author",
                "change_author",
                "view_author",
            ],
        )
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher(db, editor, django_user_model):
    """Staff who may do all an editor does, and publish, schedule and unpublish
    articles and change published ones."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "publisher", "publisher@example.org", "pass-for-tests-1", is_staff=True
    )
    user.user_permissions.set(
        [
            *editor.user_permissions.all(),
            Permission.objects.get(codename="publish_article"),
        ]
    )
    return user


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


@pytest.fixture
def viewer_client(db, django_user_model, client):
    """Staff who may look at articles in the admin but not change them."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "viewer", "viewer@example.org", "pass-for-tests-1", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles", codename="view_article"
        )
    )
    client.force_login(user)
    return client


@pytest.fixture
def moderator(db, django_user_model):
    """Staff who may see and change comments: the moderation queue."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "pass-for-tests-1", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="discussion",
            codename__in=["view_articlecomment", "change_articlecomment"],
        )
    )
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def councillors(db):
    return make_perspective(name="Councillors", slug="councillors", position=1)


@pytest.fixture
def staff_perspective(perspective):
    perspective.position = 2
    perspective.save()
    return perspective


@pytest.fixture
def article(db, councillors, staff_perspective):
    """A published article with a point for each of two perspectives, to read,
    cache and comment on."""
    return make_article(
        title="Anyone can lead",
        slug="anyone-can-lead",
        points=[
            (councillors, "Councillors set the tone for the whole place"),
            (staff_perspective, "Frontline staff see the system first"),
        ],
    )


@pytest.fixture
def councillor_point(article):
    return article.points.get(perspective__slug="councillors")


@pytest.fixture
def staff_point(article):
    return article.points.get(perspective__slug="frontline-staff")


# The test clients post as a reader's browser does from the site's own pages
# (see FROM_OUR_PAGES).


@pytest.fixture
def client():
    return Client(headers=FROM_OUR_PAGES)


@pytest.fixture
def admin_client(db, admin_user):
    client = Client(headers=FROM_OUR_PAGES)
    client.force_login(admin_user)
    return client


@pytest.fixture
def editors_member(db, django_user_model):
    """A member of the ready-made Editors group, as editors sign in."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    # the groups as the migrations make them (a test that empties the
    # database takes them away, as it takes all data)
    groups = importlib.import_module("discussion.migrations.0004_staff_groups")
    topics = importlib.import_module("articles.migrations.0010_topics_related_articles")
    groups.make_groups(apps, None)
    topics.let_editors_manage_topics(apps, None)
    user = django_user_model.objects.create_user(
        "editors-member",
        "editors-member@example.org",
        "pass-for-tests-1",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editors_client(client, editors_member):
    client.force_login(editors_member)
    return client
