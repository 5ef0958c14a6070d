"""The moved models take their own app's table names, and everything stored
by content type (permissions, admin history) follows them, so staff keep
their rights."""

from django.db import migrations

MOVED_MODELS = ("articlecomment", "commentreport", "moderationpolicy")


def move_content_types(apps, schema_editor, old="articles", new="discussion"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if ContentType.objects.filter(app_label=new, model=model).exists():
            continue
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def restore_content_types(apps, schema_editor):
    move_content_types(apps, schema_editor, old="discussion", new="articles")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_move_discussion_models"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("discussion", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="articlecomment", table=None),
        migrations.AlterModelTable(name="commentreport", table=None),
        migrations.AlterModelTable(name="moderationpolicy", table=None),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
