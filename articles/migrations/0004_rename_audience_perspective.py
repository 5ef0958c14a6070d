"""One name for one concept: the model shown as "perspective" is called so.

The table and the points' column are renamed with the model; the content type
follows (Django renames it), and so do the permission codenames, so staff
keep their rights.
"""

from django.db import migrations, models

OLD_NAME = "audience"
NEW_NAME = "perspective"
ACTIONS = ("add", "change", "delete", "view")


def rename_permissions(apps, schema_editor, old=OLD_NAME, new=NEW_NAME):
    Permission = apps.get_model("auth", "Permission")
    for action in ACTIONS:
        already = Permission.objects.filter(
            content_type__app_label="articles", codename=f"{action}_{new}"
        )
        if already.exists():
            continue
        Permission.objects.filter(
            content_type__app_label="articles", codename=f"{action}_{old}"
        ).update(codename=f"{action}_{new}", name=f"Can {action} {new}")


def restore_permissions(apps, schema_editor):
    rename_permissions(apps, schema_editor, old=NEW_NAME, new=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_moderation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel(old_name="Audience", new_name="Perspective"),
        migrations.AlterModelOptions(
            name="perspective",
            options={"ordering": ["position", "name"]},
        ),
        migrations.RenameField(
            model_name="argumentpoint", old_name="audience", new_name="perspective"
        ),
        migrations.AlterField(
            model_name="argumentpoint",
            name="perspective",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT,
                related_name="points",
                to="articles.perspective",
            ),
        ),
        migrations.RunPython(rename_permissions, restore_permissions),
    ]
