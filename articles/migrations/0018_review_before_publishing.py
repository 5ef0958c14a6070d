"""Review before publishing: a Ready for review status, who last changed an
article's status and when, and the permission to publish. A Publishers
group holds it with everything Editors may do; and every superuser (the
local admin, say) joins every staff group, so they hear what each hears."""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

PUBLISH = "publish_article"
SEARCH_0014 = importlib.import_module(
    "articles.migrations.0014_forgiving_search_sqlite"
)


def sqlite_triggers(create):
    """Undoing this migration rebuilds the articles' table on SQLite, which
    fails while search triggers name it: they are dropped for the rebuild and
    made again after."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for name, body in SEARCH_0014.SQLITE_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)
            if create:
                schema_editor.execute(f"CREATE TRIGGER {name} {body}", params=None)

    return operation


def make_publishers(apps, schema_editor):
    # On a new database permissions are made after migrations: make them now.
    app_config = apps.get_app_config("articles")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    publishers, _created = Group.objects.get_or_create(name="Publishers")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        publishers.permissions.add(*editors.permissions.all())
    publishers.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename=PUBLISH)
    )
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    groups = list(Group.objects.all())
    for superuser in User.objects.filter(is_superuser=True):
        superuser.groups.add(*groups)


def remove_publishers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Publishers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_preview_links"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # the staff groups, and the Moderators' later grants, are all made
        ("discussion", "0020_used_link_comment"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers(create=True)),
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-published_at", "-id"],
                "permissions": [
                    (
                        "publish_article",
                        "Can publish, schedule and unpublish articles, and change published ones",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="status_changed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="status_changed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="articles_status_changed",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("ready", "Ready for review"),
                    ("published", "Published"),
                ],
                default="draft",
                max_length=20,
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers(create=False)),
        migrations.RunPython(make_publishers, remove_publishers),
    ]
