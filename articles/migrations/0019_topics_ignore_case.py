"""Topics ignore case: "housing" and "Housing" become one topic, the one made
first, which keeps its spelling and gains the others' articles; the others'
addresses lead to it."""

import json
import re
import unicodedata

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

WHITESPACE = re.compile(r"\s+")


# as articles.models.topic.tidied and folded, when this was written
def tidied(name):
    return WHITESPACE.sub(" ", unicodedata.normalize("NFC", str(name))).strip()


def folded(name):
    return unicodedata.normalize("NFKC", tidied(name).casefold())


def merge_same_topics(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    ArticleTopic = apps.get_model("articles", "ArticleTopic")
    TopicRedirect = apps.get_model("articles", "TopicRedirect")
    kept = {}
    merged_into = {}
    for topic in Topic.objects.order_by("pk"):
        first = kept.setdefault(folded(topic.name), topic)
        if first is topic:
            continue
        merged_into[topic.pk] = first.pk
        already = ArticleTopic.objects.filter(tag=first).values("content_object")
        links = ArticleTopic.objects.filter(tag=topic)
        links.filter(content_object__in=already).delete()
        links.update(tag=first)
        TopicRedirect.objects.get_or_create(old_slug=topic.slug, topic=first)
        topic.delete()
    for key, topic in kept.items():
        topic.name, topic.folded_name = tidied(topic.name), key
        topic.save(update_fields=["name", "folded_name"])
    versions_follow(apps, merged_into)
    if schema_editor.connection.vendor == "postgresql":
        # check the moved rows now: PostgreSQL alters no table with checks due
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def versions_follow(apps, merged_into):
    """Articles' earlier versions name the kept topics, so going back to one
    restores no deleted topic, and one row where it had two merged ones."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(
        app_label="articles", model="articletopic"
    ).first()
    if not merged_into or content_type is None:
        return
    seen = set()
    versions = Version.objects.filter(content_type=content_type, format="json")
    for version in versions.order_by("pk").iterator():
        data = json.loads(version.serialized_data)
        fields = data[0]["fields"]
        tag = merged_into.get(fields["tag"], fields["tag"])
        held = (version.revision_id, fields["content_object"], tag)
        if held in seen:
            version.delete()
        elif tag != fields["tag"]:
            fields["tag"] = tag
            version.serialized_data = json.dumps(data)
            version.save(update_fields=["serialized_data"])
        seen.add(held)


# SQLite remakes the topics table to add a column: the search triggers that
# name it are set aside meanwhile, and made again as they were
SET_ASIDE_TRIGGERS = {}


def set_aside_topic_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND sql LIKE '%articles_topic%'"
        )
        SET_ASIDE_TRIGGERS.update(cursor.fetchall())
        for name in SET_ASIDE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")


def restore_topic_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, sql in SET_ASIDE_TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(sql)
    SET_ASIDE_TRIGGERS.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_review_before_publishing"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.RunPython(set_aside_topic_triggers, restore_topic_triggers),
        migrations.CreateModel(
            name="TopicRedirect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("old_slug", models.SlugField(max_length=100, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "topic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="articles.topic",
                    ),
                ),
            ],
            options={"ordering": ["old_slug"]},
        ),
        migrations.AddField(
            model_name="topic",
            name="folded_name",
            field=models.CharField(default="", editable=False, max_length=100),
            preserve_default=False,
        ),
        migrations.RunPython(merge_same_topics, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="topic",
            name="folded_name",
            field=models.CharField(editable=False, max_length=100, unique=True),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                name="topic_name_unique_ignoring_case",
                violation_error_message="There is already a topic of that name.",
            ),
        ),
        migrations.RunPython(restore_topic_triggers, set_aside_topic_triggers),
    ]
