"""Preview in the admin, as a member of the Editors group: the unsaved form
through the reader's own article page, in a new tab, saving nothing."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from articles.models import ArgumentPoint, Article, Author, PreviewLink, Topic
from tests.factories import (
    image_upload,
    make_article,
    make_author,
    make_media_picture,
    make_perspective,
)
from tests.helpers import article_form, html, main_content, text_of

pytestmark = pytest.mark.django_db

ADD_PREVIEW = "/admin/articles/article/preview/"


def change_preview(article):
    return reverse("admin:articles_article_preview_change", args=[article.pk])


def everything_saved():
    """What the database holds of the content, to compare before and after."""
    return (
        list(Article.objects.values()),
        list(ArgumentPoint.objects.values()),
        list(Topic.objects.values()),
        list(Author.objects.values()),
        list(Article.topics.through.objects.values()),
        list(Article.related_articles.through.objects.values()),
        list(PreviewLink.objects.values()),
        Version.objects.count(),
    )


@pytest.fixture
def councillors(db):
    return make_perspective(name="Councillors", slug="councillors", position=1)


@pytest.fixture
def regulators(db):
    return make_perspective(name="Regulators", slug="regulators", position=2)


def banner(response):
    found = re.search(r'<div class="preview-banner".*?</div>', html(response), re.S)
    assert found, "no preview banner"
    return text_of(found.group())


def test_the_preview_button_posts_the_form_to_a_new_tab(editors_client):
    add = html(editors_client.get(reverse("admin:articles_article_add")))
    assert f'formaction="{ADD_PREVIEW}" formtarget="_blank"' in add
    article = make_article()
    change = html(
        editors_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    )
    assert f'formaction="{change_preview(article)}" formtarget="_blank"' in change


def test_a_new_article_is_previewed_as_readers_will_see_it_and_nothing_is_saved(
    editors_client, councillors, regulators
):
    author = make_author(name="Richard Vize", slug="richard-vize")
    before = everything_saved()
    data = article_form(
        title="Leading from anywhere",
        standfirst="Everyone has a part to play.",
        introduction="## Why it matters\n\nLeadership is **shared**.",
        attribution="Based on content from Public Policy Media",
        author=str(author.pk),
        topics="Housing, Health and care",
        points=[
            ("Second for regulators", regulators),
            ("First for councillors", councillors),
            ("*Third*, to regulators", regulators),
        ],
    )
    # the editor's order: by position, not the form's order
    data |= {"points-0-position": "1", "points-1-position": "0"}
    data["points-2-position"] = "2"
    response = editors_client.post(ADD_PREVIEW, data)

    assert response.status_code == 200
    assert "Preview – not saved." in banner(response)
    main = main_content(response)
    assert "<h1>Leading from anywhere</h1>" in main
    assert '<p class="lead">Everyone has a part to play.</p>' in main
    assert ">Richard Vize</a>" in main
    assert '<nav class="contents" aria-label="Contents">' in main
    assert '<h2 id="section-why-it-matters">Why it matters</h2>' in main
    assert "Leadership is <strong>shared</strong>." in main
    assert "Based on content from Public Policy Media" in main
    assert "Topics: " in main and ">Housing</a>" in main
    headings = re.findall(r'<h2 id="perspective-[^"]+-heading">([^<]+)</h2>', main)
    assert headings == ["Councillors", "Regulators"]
    points = re.findall(r'<p class="point__text">(.*?)</p>', main)
    assert points == [
        "First for councillors",
        "Second for regulators",
        "<em>Third</em>, to regulators",
    ]
    assert everything_saved() == before


def test_a_changed_article_is_previewed_with_its_changes_and_nothing_is_saved(
    editors_client, councillors, regulators, media_root
):
    article = make_article(
        title="The saved title",
        slug="written-in-the-admin",
        lead_image=image_upload(),
        lead_image_alt="A town hall",
        points=[(councillors, "A saved point"), (regulators, "A point to delete")],
    )
    saved_points = list(article.points.order_by("position"))
    data = article_form(
        title="A changed title",
        lead_image_alt="A town hall",
        points=[("A changed point", councillors), ("A point to delete", regulators)],
    )
    data |= {
        "points-INITIAL_FORMS": "2",
        "points-0-id": str(saved_points[0].pk),
        "points-1-id": str(saved_points[1].pk),
        "points-1-DELETE": "on",
    }
    before = everything_saved()
    response = editors_client.post(change_preview(article), data)

    assert response.status_code == 200
    main = main_content(response)
    assert "<h1>A changed title</h1>" in main
    assert "A changed point" in main
    assert "A point to delete" not in main
    assert "The saved title" not in main
    # the saved lead image, as the form keeps it
    assert 'alt="A town hall"' in main
    assert everything_saved() == before
    public = html(editors_client.get(article.get_absolute_url()))
    assert "The saved title" in public and "A changed title" not in public


def test_a_lead_image_the_form_clears_or_replaces_is_not_shown(
    editors_client, media_root
):
    article = make_article(
        slug="written-in-the-admin",
        status="draft",  # an editor changes only drafts
        lead_image=image_upload(),
        lead_image_alt="Old",
    )
    cleared = article_form(
        status="draft", lead_image_alt="Old", **{"lead_image-clear": "on"}
    )
    assert 'alt="Old"' not in html(
        editors_client.post(change_preview(article), cleared)
    )

    replaced = article_form(
        status="draft", lead_image_alt="New", lead_image=image_upload("new.jpg")
    )
    response = editors_client.post(change_preview(article), replaced)
    assert "The new lead image is not shown until the article is saved." in banner(
        response
    )
    assert Article.objects.get().lead_image == article.lead_image


def test_the_preview_is_never_cached_nor_indexed_and_takes_no_comments(
    editors_client, perspective
):
    response = editors_client.post(
        ADD_PREVIEW, article_form(points=[("A point", perspective)])
    )
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert "noindex" in response["X-Robots-Tag"]
    page = html(response)
    assert '<meta name="robots" content="noindex">' in page
    assert "Comments are closed" not in page
    # the comment form as readers will see it, but nothing can be sent
    form = page.split('<fieldset class="preview-form" disabled>', 1)[1]
    assert 'id="comment-form"' in form.split("</fieldset>", 1)[0]
    assert page.count("<form") == page.count('<fieldset class="preview-form"') + 1
    assert "Respond to this point" not in page


def test_the_preview_says_comments_are_closed_when_the_form_closes_them(
    editors_client,
):
    data = article_form()
    del data["allow_comments"]
    page = html(editors_client.post(ADD_PREVIEW, data))
    assert "Comments are closed." in page
    assert "preview-form" not in page


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("staff", ["viewer_client", "moderator_client"])
def test_staff_who_may_not_write_articles_cannot_preview(request, method, staff):
    staff_client = request.getfixturevalue(staff)
    article = make_article()
    for url in (ADD_PREVIEW, change_preview(article)):
        assert getattr(staff_client, method)(url, article_form()).status_code == 403


def test_a_preview_is_only_ever_posted(editors_client):
    article = make_article()
    for url in (ADD_PREVIEW, change_preview(article)):
        assert editors_client.get(url).status_code == 403


def test_staff_who_may_add_but_not_change_cannot_preview_a_saved_article(
    client, django_user_model
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("adder", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="add_article"))
    client.force_login(user)
    article = make_article()
    assert client.post(ADD_PREVIEW, article_form()).status_code == 200
    assert client.post(change_preview(article), article_form()).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.post(ADD_PREVIEW, article_form())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("object_id", ["999999", "99999999999999999999", "abc"])
def test_a_preview_of_an_article_that_does_not_exist_is_not_found(
    editors_client, object_id
):
    url = f"/admin/articles/article/{object_id}/preview/"
    assert editors_client.post(url, article_form()).status_code == 404


def test_editors_group_members_can_preview(editors_member):
    assert editors_member.groups.filter(name="Editors").exists()
    assert not editors_member.is_superuser
    assert Group.objects.get(name="Editors").permissions.filter(
        codename="change_article"
    )


def test_the_preview_shows_library_pictures_as_figures(editors_client, councillors):
    picture = make_media_picture(caption="Board <em>meeting</em>")
    data = article_form(
        title="With a figure",
        introduction=f"Before.\n\n![Staff at a table](media:{picture.pk})\n\n"
        "![Gone](media:999999)\n\nAfter.",
        points=[("A point", councillors)],
    )

    main = main_content(editors_client.post(ADD_PREVIEW, data))

    assert main.count("<figure") == 1
    assert 'alt="Staff at a table"' in main and "srcset=" in main
    assert "Board &lt;em&gt;meeting&lt;/em&gt;" in main
    assert "Gone" not in main
