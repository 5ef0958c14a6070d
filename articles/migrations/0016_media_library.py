"""The media library, and Editors (discussion's staff groups) may add, change
and see its pictures; so may Publishers, where that group is made first."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import articles.images

WRITERS = ["Editors", "Publishers"]
MEDIA_PERMISSIONS = [
    "add_mediapicture",
    "change_mediapicture",
    "view_mediapicture",
]


def let_editors_manage_the_media_library(apps, schema_editor):
    # On a new database permissions are made after migrations: make them now.
    app_config = apps.get_app_config("articles")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=WRITERS):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles",
                codename__in=MEDIA_PERMISSIONS,
            )
        )


def take_the_media_library_from_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=WRITERS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles",
                codename__in=MEDIA_PERMISSIONS,
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_kept_uploads"),
        ("discussion", "0004_staff_groups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MediaPicture",
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
                (
                    "image",
                    articles.images.PictureField(
                        height_field="height",
                        help_text="A JPEG, PNG or WebP of up to 10 MB, ideally 1,200 pixels wide or more.",
                        upload_to=articles.images.RandomName("media"),
                        verbose_name="picture",
                        width_field="width",
                    ),
                ),
                ("width", models.PositiveIntegerField(editable=False, null=True)),
                ("height", models.PositiveIntegerField(editable=False, null=True)),
                (
                    "alt_text",
                    models.CharField(
                        blank=True,
                        help_text="What the picture shows, for someone who cannot see it.",
                        max_length=300,
                        verbose_name="alt text",
                    ),
                ),
                (
                    "is_decorative",
                    models.BooleanField(
                        default=False,
                        help_text="Tick if it adds nothing to the text: screen readers then skip it.",
                        verbose_name="the picture is decorative",
                    ),
                ),
                ("caption", models.CharField(blank=True, max_length=300)),
                (
                    "credit",
                    models.CharField(
                        blank=True,
                        help_text='For example "Photo: Jo Bloggs".',
                        max_length=200,
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="media_pictures",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "library picture",
                "verbose_name_plural": "media library",
                "ordering": ["-uploaded_at", "-id"],
            },
        ),
        migrations.RunPython(
            let_editors_manage_the_media_library,
            take_the_media_library_from_editors,
        ),
    ]
