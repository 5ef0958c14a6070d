"""Authors become people with pages of their own, and articles get a lead image.

Article.author was free text: an Author is made for each name in use, the
articles are linked to it, and the text goes.

On SQLite, adding these columns rebuilds articles_article: the rebuild drops
the full-text search triggers 0007_search put on it, and fails while triggers
on points and perspectives name it. So every search trigger is dropped first
and made again last, from 0007's own statements.
"""

from importlib import import_module

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models
from django.utils.text import slugify

import articles.images

search = import_module("articles.migrations.0007_search")

# every full-text trigger, on articles, points and perspectives
TRIGGERS = {
    statement.split()[2]: statement
    for statement in search.SQLITE_FORWARDS
    if statement.split()[:2] == ["CREATE", "TRIGGER"]
}


def authors_from_names(apps, schema_editor):
    """An Author for each distinct author name, linked to its articles."""
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("articles", "Author")
    names = (
        Article.objects.exclude(author_name="")
        .values_list("author_name", flat=True)
        .distinct()
        .order_by("author_name")
    )
    for name in names:
        base = slugify(name)[:190] or "author"
        slug, number = base, 1
        while Author.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        author = Author.objects.create(name=name.strip(), slug=slug)
        Article.objects.filter(author_name=name).update(author=author)


def names_from_authors(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.exclude(author=None).select_related("author"):
        article.author_name = article.author.name
        article.save(update_fields=["author_name"])


def let_editors_manage_authors(apps, schema_editor):
    """Editors (discussion's staff groups) add and change authors."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    # on a new database permissions are made after migrations: make them now
    app_config = apps.get_app_config("articles")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=["add_author", "change_author", "view_author"],
        )
    )


def drop_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


def restore_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        drop_search_triggers(apps, schema_editor)
        for statement in TRIGGERS.values():
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_markdown"),
        ("discussion", "0004_staff_groups"),
    ]

    operations = [
        # SQLite cannot rebuild articles_article while triggers name it
        migrations.RunPython(drop_search_triggers, restore_search_triggers),
        migrations.CreateModel(
            name="Author",
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
                ("name", models.CharField(max_length=200)),
                ("slug", models.SlugField(max_length=200, unique=True)),
                ("role", models.CharField(blank=True, max_length=200)),
                ("organisation", models.CharField(blank=True, max_length=200)),
                ("bio", models.TextField(blank=True, verbose_name="short biography")),
                (
                    "photo",
                    articles.images.PictureField(
                        blank=True,
                        height_field="photo_height",
                        help_text="A JPEG, PNG or WebP of up to 10 MB.",
                        upload_to=articles.images.RandomName("authors"),
                        width_field="photo_width",
                    ),
                ),
                ("photo_width", models.PositiveIntegerField(editable=False, null=True)),
                (
                    "photo_height",
                    models.PositiveIntegerField(editable=False, null=True),
                ),
                (
                    "photo_alt",
                    models.CharField(
                        blank=True,
                        help_text=(
                            'What the photo shows, for example "Richard Vize, smiling".'
                        ),
                        max_length=300,
                        verbose_name="photo alt text",
                    ),
                ),
            ],
            options={"ordering": ["name", "id"]},
        ),
        migrations.RenameField("article", "author", "author_name"),
        migrations.AddField(
            model_name="article",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="articles.author",
            ),
        ),
        migrations.RunPython(authors_from_names, names_from_authors),
        migrations.RunPython(let_editors_manage_authors, migrations.RunPython.noop),
        migrations.RemoveField("article", "author_name"),
        migrations.AddField(
            model_name="article",
            name="lead_image",
            field=articles.images.PictureField(
                blank=True,
                height_field="lead_image_height",
                help_text="Optional. A JPEG, PNG or WebP of up to 10 MB, ideally "
                "1,200 pixels wide or more.",
                upload_to=articles.images.RandomName("articles"),
                width_field="lead_image_width",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_width",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_height",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_alt",
            field=models.CharField(
                blank=True,
                help_text="What the image shows, for someone who cannot see it.",
                max_length=300,
                verbose_name="alt text",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="is_lead_image_decorative",
            field=models.BooleanField(
                default=False,
                help_text="Tick if it adds nothing to the article: "
                "screen readers then skip it.",
                verbose_name="the image is decorative",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_caption",
            field=models.CharField(blank=True, max_length=300, verbose_name="caption"),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_credit",
            field=models.CharField(
                blank=True,
                help_text='For example "Photo: Jo Bloggs".',
                max_length=200,
                verbose_name="credit",
            ),
        ),
        # last, after every rebuild of articles_article
        migrations.RunPython(restore_search_triggers, drop_search_triggers),
    ]
