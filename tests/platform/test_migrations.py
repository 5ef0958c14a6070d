"""A database built before the split into articles, discussion and pagecache
migrates forward with nothing lost, and staff keep their rights."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RenameField, RenameModel
from django.test import Client
from django.utils import timezone

from articles.models import ArgumentPoint, Article, Perspective
from discussion.models import ArticleComment, CommentReport, ModerationPolicy

pytestmark = pytest.mark.django_db(transaction=True)


def the_rename_migration(loader):
    """The migration that gave Perspective its name, and what it renamed."""
    for migration in loader.disk_migrations.values():
        for operation in migration.operations:
            if isinstance(operation, RenameModel) and operation.new_name == (
                "Perspective"
            ):
                field = next(
                    op for op in migration.operations if isinstance(op, RenameField)
                )
                return migration, operation.old_name, field.old_name
    raise AssertionError("no migration renames a model to Perspective")


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


@pytest.fixture
def executor():
    """Migrations run against the test database; left at the latest state."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    yield executor
    MigrationExecutor(connection).migrate(latest)
    ContentType.objects.clear_cache()


def migrate_back_and_build_old_site(executor):
    """Take the database back to before the split and fill it as the site did."""
    migration, old_model_name, old_field_name = the_rename_migration(executor.loader)
    before = [key for key in migration.dependencies if key[0] == "articles"]
    others = [
        key
        for key in executor.loader.graph.leaf_nodes()
        if key[0] not in ("articles", "discussion")
    ]
    executor.migrate(before + [("discussion", None)])
    old_apps = executor.loader.project_state(before + others).apps
    return build_old_site(old_apps, old_model_name, old_field_name)


def build_old_site(old_apps, old_model_name, old_field_name):
    """Articles, a comment, a reply, a report, a policy and staff with
    rights, as the site stored them before the split."""
    model = old_model_name.lower()
    OldPerspective = old_apps.get_model("articles", old_model_name)
    OldArticle = old_apps.get_model("articles", "Article")
    OldPoint = old_apps.get_model("articles", "ArgumentPoint")
    OldComment = old_apps.get_model("articles", "ArticleComment")
    OldReport = old_apps.get_model("articles", "CommentReport")
    OldPolicy = old_apps.get_model("articles", "ModerationPolicy")
    OldContentType = old_apps.get_model("contenttypes", "ContentType")
    OldPermission = old_apps.get_model("auth", "Permission")
    OldUser = old_apps.get_model("auth", "User")
    OldGroup = old_apps.get_model("auth", "Group")
    OldLogEntry = old_apps.get_model("admin", "LogEntry")

    councillors = OldPerspective.objects.create(
        name="Councillors", slug="councillors", position=1
    )
    article = OldArticle.objects.create(
        title="Anyone can be a systems leader",
        slug="anyone-can-lead",
        standfirst="Leadership across organisational boundaries.",
        status="published",
        published_at=timezone.now() - timezone.timedelta(days=1),
    )
    point = OldPoint.objects.create(
        article=article,
        text="Only local government can bring the partners together",
        position=0,
        **{old_field_name: councillors},
    )
    article_type = OldContentType.objects.get(app_label="articles", model="article")
    comment_type = OldContentType.objects.get(
        app_label="articles", model="articlecomment"
    )

    def comment(text, parent=None, **fields):
        made = OldComment.objects.create(
            article=article,
            content_type=article_type,
            object_pk=str(article.pk),
            site_id=1,
            user_name="Priya",
            user_email="priya@example.org",
            comment=text,
            submit_date=timezone.now(),
            ip_address="192.0.2.10",
            thread_id=parent.thread_id if parent else 0,
            parent_id=parent.pk if parent else 0,
            level=parent.level + 1 if parent else 0,
            order=2 if parent else 1,
            **fields,
        )
        if not parent:
            made.thread_id = made.parent_id = made.pk
            made.save(update_fields=["thread_id", "parent_id"])
        return made

    first = comment(
        "Councils convene; partners deliver.",
        perspective=councillors,
        point=point,
        held_reason="",
    )
    reply = comment("Partners convene too.", parent=first, followup=True)
    OldReport.objects.create(comment=reply, reason="off-topic", reporter="a" * 64)
    OldPolicy.objects.create(pk=1, hold_links_at=3, held_words="spam\nscam")

    moderators = OldGroup.objects.create(name="Moderators")
    moderators.permissions.set(
        OldPermission.objects.filter(
            content_type=comment_type,
            codename__in=["view_articlecomment", "change_articlecomment"],
        )
    )
    moderator = OldUser.objects.create(username="moderator", is_staff=True)
    moderator.groups.add(moderators)
    editor = OldUser.objects.create(username="editor", is_staff=True)
    editor.user_permissions.set(
        OldPermission.objects.filter(
            content_type__app_label="articles",
            codename__in=[f"change_{model}", "change_article"],
        )
    )
    OldLogEntry.objects.create(
        user=moderator,
        content_type=comment_type,
        object_id=str(first.pk),
        object_repr=f"Comment {first.pk}",
        action_flag=CHANGE,
        change_message="Approved",
    )
    return {"first": first.pk, "reply": reply.pk, "point": point.pk}


def test_a_database_from_before_the_split_keeps_its_content_and_comments(executor):
    ids = migrate_back_and_build_old_site(executor)
    migrate_forward()

    councillors = Perspective.objects.get(slug="councillors")
    point = ArgumentPoint.objects.get(pk=ids["point"])
    assert point.perspective == councillors
    first = ArticleComment.objects.get(pk=ids["first"])
    reply = ArticleComment.objects.get(pk=ids["reply"])
    assert (first.comment, first.user_email, first.ip_address) == (
        "Councils convene; partners deliver.",
        "priya@example.org",
        "192.0.2.10",
    )
    assert first.perspective == councillors and first.point == point
    assert first.article == Article.objects.get(slug="anyone-can-lead")
    assert reply.parent_id == first.pk and reply.followup
    assert list(ArticleComment.objects.visible().reported()) == [reply]
    assert CommentReport.objects.get().reason == "off-topic"
    policy = ModerationPolicy.current()
    assert (policy.hold_links_at, policy.held_word_list()) == (3, ["spam", "scam"])
    # the comment model's own table, not the one it had in articles
    assert ArticleComment._meta.db_table in connection.introspection.table_names()

    page = Client().get(first.article.get_absolute_url()).content.decode()
    assert "Councils convene; partners deliver." in page
    assert "Partners convene too." in page


def test_staff_keep_their_rights_and_history_after_the_split(
    executor, django_user_model
):
    ids = migrate_back_and_build_old_site(executor)
    migrate_forward()

    moderator = django_user_model.objects.get(username="moderator")
    editor = django_user_model.objects.get(username="editor")
    assert moderator.has_perm("discussion.change_articlecomment")
    assert moderator.has_perm("discussion.view_articlecomment")
    assert editor.has_perm("articles.change_perspective")
    assert editor.has_perm("articles.change_article")
    assert not editor.has_perm("discussion.change_articlecomment")
    granted = Group.objects.get(name="Moderators").permissions.values_list(
        "codename", flat=True
    )
    assert {"view_articlecomment", "change_articlecomment"} <= set(granted)
    entry = LogEntry.objects.get()
    assert entry.get_edited_object() == ArticleComment.objects.get(pk=ids["first"])
    stale = ContentType.objects.filter(
        app_label="articles",
        model__in=["articlecomment", "commentreport", "moderationpolicy"],
    )
    assert not stale.exists()

    client = Client()
    client.force_login(moderator)
    queue = client.get("/admin/discussion/articlecomment/")
    assert queue.status_code == 200
    assert "Partners convene too." in queue.content.decode()
