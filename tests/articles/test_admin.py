"""The admin: every page loads; editors write, publish and unpublish whole
articles with their points and find them by point text; staff who may only
view cannot change them."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_perspective
from tests.helpers import listed_titles

pytestmark = pytest.mark.django_db

# every model in the admin, ours and the comment apps' alike
REGISTERED = sorted(
    f"{model._meta.app_label}_{model._meta.model_name}"
    for model in admin.site._registry
)


def admin_url(name, *args):
    return reverse(f"admin:{name}", args=args)


def index_titles(client):
    return listed_titles(client.get(reverse("articles:list")))


def run_action(client, action, *articles):
    return client.post(
        admin_url("articles_article_changelist"),
        {"action": action, "_selected_action": [article.pk for article in articles]},
    )


# readers write comments and answers, and the policy is one record: none is
# added here;
# nor are the sign-in throttle's records, which only sign-in attempts create
NOT_ADDED_IN_ADMIN = {
    "discussion_articlecomment",
    "discussion_ban",  # made from a commenter's page
    "discussion_moderatorprofile",  # each moderator has their own
    "discussion_moderationpolicy",
    "discussion_quickanswer",
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
    # queued by the site, and tasks by the site and its worker
    "background_outgoingmail",
    "django_tasks_database_dbtaskresult",
}


@pytest.mark.parametrize("model", REGISTERED)
def test_every_admin_changelist_and_add_page_loads(admin_client, model):
    # the single moderation policy's changelist goes straight to the record
    response = admin_client.get(admin_url(f"{model}_changelist"), follow=True)
    assert response.status_code == 200
    add_status = admin_client.get(admin_url(f"{model}_add")).status_code
    assert add_status == (403 if model in NOT_ADDED_IN_ADMIN else 200)


def test_article_change_page_shows_its_points(admin_client, perspective):
    article = make_article(
        points=[(perspective, "First point"), (perspective, "Second")]
    )
    response = admin_client.get(admin_url("articles_article_change", article.pk))
    assert response.status_code == 200
    page = response.content.decode()
    texts = re.findall(
        r'<textarea name="points-\d+-text"[^>]*>\s*(.*?)</textarea>', page
    )
    assert texts[:2] == ["First point", "Second"]


def test_perspective_change_page_loads(admin_client, perspective):
    response = admin_client.get(
        admin_url("articles_perspective_change", perspective.pk)
    )
    assert response.status_code == 200
    assert "Frontline staff" in response.content.decode()


def test_editor_can_open_the_article_list_and_add_form(editor_client):
    changelist = editor_client.get(admin_url("articles_article_changelist"))
    add = editor_client.get(admin_url("articles_article_add"))
    assert changelist.status_code == 200
    assert add.status_code == 200


def test_publisher_writes_and_publishes_a_whole_article_in_one_form(publisher_client):
    councillors = make_perspective(name="Councillors", position=2)
    staff = make_perspective(name="Frontline staff", position=1)
    add_url = admin_url("articles_article_add")
    add_page = publisher_client.get(add_url).content.decode()
    assert 'name="points-TOTAL_FORMS"' in add_page
    rows = [
        ("Councillors set the tone", councillors, 1),
        ("Staff lead where they stand", staff, 2),
        ("Councillors listen to residents", councillors, 3),
    ]
    data = {
        "title": "Leading together",
        "slug": "leading-together",
        "standfirst": "What each of us can do.",
        "introduction": "Systems leadership is shared.",
        "attribution": "",
        "author": "",
        "status": Article.Status.PUBLISHED,
        "published_at_0": timezone.localdate().strftime("%d/%m/%Y"),
        "published_at_1": "00:00:00",
        "allow_comments": "on",
        "points-TOTAL_FORMS": str(len(rows)),
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    # the rows go in out of order: position, not form order, decides
    for number, (text, perspective, position) in enumerate(reversed(rows)):
        data[f"points-{number}-text"] = text
        data[f"points-{number}-perspective"] = perspective.pk
        data[f"points-{number}-position"] = position
    response = publisher_client.post(add_url, data)
    assert response.status_code == 302, response.context["errors"]

    reader = Client()
    assert index_titles(reader) == ["Leading together"]
    index = reader.get(reverse("articles:list")).content.decode()
    assert re.search(r"Perspectives: <a[^>]*>Councillors</a>, <a[^>]*>Frontline", index)
    article_page = reader.get("/insight/leading-together/").content.decode()
    points = re.findall(
        r'<li class="point" id="point-\d+">\s*<p class="point__text">(.*?)</p>',
        article_page,
    )
    assert points == [
        "Councillors set the tone",
        "Councillors listen to residents",
        "Staff lead where they stand",
    ]


def test_publishing_a_draft_shows_it_to_readers(admin_client, client, draft_article):
    assert client.get(draft_article.get_absolute_url()).status_code == 404
    run_action(admin_client, "publish", draft_article)
    assert client.get(draft_article.get_absolute_url()).status_code == 200
    assert index_titles(client) == ["Draft piece"]


def test_publishing_an_old_draft_puts_it_at_the_top_of_the_index(admin_client, client):
    make_article(title="From yesterday")
    draft = make_article(
        title="Written last month",
        status=Article.Status.DRAFT,
        published_at=timezone.now() - timedelta(days=30),
    )
    run_action(admin_client, "publish", draft)
    assert index_titles(client) == ["Written last month", "From yesterday"]


def test_publishing_a_draft_dated_ahead_keeps_it_scheduled(admin_client, client):
    later = timezone.now() + timedelta(days=3)
    draft = make_article(status=Article.Status.DRAFT, published_at=later)
    run_action(admin_client, "publish", draft)
    draft.refresh_from_db()
    assert draft.is_scheduled
    assert draft.published_at == later
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unpublishing_hides_an_article_from_readers(
    admin_client, client, published_article, django_capture_on_commit_callbacks
):
    assert client.get(published_article.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        run_action(admin_client, "unpublish", published_article)
    assert client.get(published_article.get_absolute_url()).status_code == 404
    assert index_titles(client) == []


def test_staff_who_may_only_view_articles_cannot_publish_them(
    viewer_client, draft_article
):
    run_action(viewer_client, "publish", draft_article)
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT


def test_article_search_in_the_admin_finds_point_text(admin_client, perspective):
    make_article(
        title="Has the phrase", points=[(perspective, "Demonstrate curiosity")]
    )
    make_article(title="Lacks the phrase", points=[(perspective, "Something else")])
    response = admin_client.get(
        admin_url("articles_article_changelist"), {"q": "curiosity"}
    )
    titles = [str(article) for article in response.context["cl"].result_list]
    assert titles == ["Has the phrase"]


def test_admin_search_by_point_text_still_counts_every_point_once(
    admin_client, perspective
):
    make_article(
        points=[
            (perspective, "curious one"),
            (perspective, "curious two"),
            (perspective, "x"),
        ]
    )
    response = admin_client.get(
        admin_url("articles_article_changelist"), {"q": "curious"}
    )
    assert '<td class="field-point_count">3</td>' in response.content.decode()


def test_points_column_counts_each_articles_points(admin_client, perspective):
    make_article(
        points=[(perspective, "one"), (perspective, "two"), (perspective, "x")]
    )
    response = admin_client.get(admin_url("articles_article_changelist"))
    assert '<td class="field-point_count">3</td>' in response.content.decode()


def test_view_on_site_takes_the_editor_to_the_article(admin_client, published_article):
    change_page = admin_client.get(
        admin_url("articles_article_change", published_article.pk)
    ).content.decode()
    link = re.search(r'<a href="([^"]+)" class="viewsitelink">', change_page)
    assert link is not None
    # the link may go straight to the article or through the admin's redirect
    response = admin_client.get(link.group(1))
    destination = response.get("Location", link.group(1))
    # the site's public address, whichever host the admin was opened on
    assert destination == (f"{settings.SITE_URL}{published_article.get_absolute_url()}")
