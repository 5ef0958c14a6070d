"""Writing Markdown in the admin: a preview that saves nothing, "Save and
preview", and the word count."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article
from tests.helpers import article_form

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/admin/articles/article/preview/"


def test_the_article_form_offers_preview_and_save_and_preview(editor_client):
    page = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="_saveandpreview"' in page
    assert f'formaction="{PREVIEW_URL}" formtarget="_blank"' in page


def test_preview_shows_the_rendered_markdown_and_saves_nothing(
    editor_client, perspective
):
    data = article_form(
        title="Not saved yet",
        introduction="## Why\n\nIt **matters**.",
        points=[("A [linked](https://example.org/) point", perspective)],
    )
    response = editor_client.post(PREVIEW_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Not saved yet</h1>" in page
    assert '<h2 id="section-why">Why</h2>' in page
    assert '<a href="#section-why">Why</a>' in page
    assert "It <strong>matters</strong>." in page
    assert '<h2 id="perspective-frontline-staff-heading">Frontline staff</h2>' in page
    assert 'A <a href="https://example.org/">linked</a> point' in page
    assert not Article.objects.exists()


def test_preview_leaves_out_deleted_and_empty_points(editor_client, perspective):
    data = article_form(points=[("Kept", perspective), ("Gone", perspective)])
    data |= {"points-1-DELETE": "on", "points-TOTAL_FORMS": "3"}
    page = editor_client.post(PREVIEW_URL, data).content.decode()
    assert "Kept" in page
    assert "Gone" not in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_preview_is_for_editors_who_may_write_and_only_by_post(
    method, client, editor_client, viewer_client
):
    assert getattr(viewer_client, method)(PREVIEW_URL).status_code == 403
    if method == "get":
        assert editor_client.get(PREVIEW_URL).status_code == 403


def test_save_and_preview_saves_and_opens_the_public_page(editor_client):
    data = article_form(status="draft", introduction="*Draft*", _saveandpreview="1")
    del data["_save"]
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    assert response["Location"] == "/insight/written-in-the-admin/"
    page = editor_client.get(response["Location"]).content.decode()
    assert "<strong>Preview.</strong>" in page
    assert "<em>Draft</em>" in page


def test_save_and_preview_works_on_the_change_form_too(publisher_client):
    article = make_article(slug="written-in-the-admin")
    data = article_form(introduction="Changed", _saveandpreview="1")
    response = publisher_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), data
    )
    assert response["Location"] == article.get_absolute_url()
    article.refresh_from_db()
    assert article.introduction_html == "<p>Changed</p>\n"


def test_the_word_count_shows_in_the_form_and_the_list(admin_client, perspective):
    article = make_article(
        introduction="Four **words** right here.",
        points=[(perspective, "Two more"), (perspective, "And *three* more")],
    )
    change = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    )
    # the script recounts it as the editor types
    assert "<span data-word-count>9</span>" in change.content.decode()
    changelist = admin_client.get(reverse("admin:articles_article_changelist"))
    assert (
        '<td class="field-words"><span data-word-count>9</span></td>'
        in changelist.content.decode()
    )


def test_the_article_list_counts_words_without_a_query_per_article(
    admin_client, perspective
):
    def queries_for_the_list():
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(reverse("admin:articles_article_changelist"))
        return len(queries)

    make_article(points=[(perspective, "The first point")])
    with_one = queries_for_the_list()
    for number in range(10):
        make_article(points=[(perspective, f"Point {number}")])
    assert queries_for_the_list() == with_one


def test_the_slug_is_filled_in_from_the_title(admin_client):
    page = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    assert (
        "&quot;id&quot;: &quot;#id_slug&quot;, &quot;name&quot;: &quot;slug&quot;, "
        "&quot;dependency_ids&quot;: [&quot;#id_title&quot;]"
    ) in page


def test_the_editable_pages_form_says_it_takes_markdown(admin_client):
    call_command("loaddata", "pages", verbosity=0)
    page = admin_client.get(
        reverse("admin:flatpages_flatpage_change", args=[1])
    ).content.decode()
    assert "Markdown: ## for a heading" in page
    assert "## Before you comment" in page
