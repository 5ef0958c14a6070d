"""Moderators may read and export the quick answers' counts: answers hold no
personal data (keyed hashes only), and analysts in the group need the counts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANT = ("discussion", "quickanswer", "view")


def grant_view_answers(apps, schema_editor):
    # On a new database permissions are made after migrations: make them now.
    discussion = apps.get_app_config("discussion")
    models_module = getattr(discussion, "models_module", None)
    discussion.models_module = models_module or True
    create_permissions(discussion, apps=apps, verbosity=0)
    discussion.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_label, model, action = GRANT
    permission = Permission.objects.get(
        content_type__app_label=app_label,
        content_type__model=model,
        codename=f"{action}_{model}",
    )
    group, _created = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(permission)


def take_back_view_answers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    app_label, model, action = GRANT
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("discussion", "0014_comment_looks"),
    ]

    operations = [migrations.RunPython(grant_view_answers, take_back_view_answers)]
