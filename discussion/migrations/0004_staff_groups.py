"""Ready-made groups for staff: Editors write and publish content, Moderators
look after the discussion. Each has exactly the permissions its work needs,
so each sees only its own sections of the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Editors": [
        ("articles", "article", ["add", "change", "view"]),
        ("articles", "argumentpoint", ["add", "change", "delete", "view"]),
        ("articles", "perspective", ["add", "change", "view"]),
        ("flatpages", "flatpage", ["change", "view"]),
    ],
    "Moderators": [
        ("discussion", "articlecomment", ["change", "view"]),
        ("discussion", "commentreport", ["view"]),
        ("discussion", "moderationpolicy", ["change", "view"]),
        (
            "django_comments_xtd",
            "blacklisteddomain",
            ["add", "change", "delete", "view"],
        ),
    ],
}


def make_groups(apps, schema_editor):
    # On a new database permissions are made after migrations: make them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_perspective_singular_label"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("discussion", "0003_pending_comments"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
        ("flatpages", "0001_initial"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
