from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class InsightConfig(AppConfig):
    """The project itself: deployment checks, metrics and operators' commands."""

    name = "insight"
    verbose_name = "Insight site"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import (
            checks,  # noqa: F401 (registers the deployment check)
            metrics,
        )
        from .site import keep_site_in_step

        metrics.connect()
        # after the sites app has made its default site (example.com)
        post_migrate.connect(
            keep_site_in_step, sender=self.apps.get_app_config("sites")
        )


class InsightAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the site whose rules hold for every model's admin
    (insight/admin_site.py)."""

    default = False  # "insight" itself is InsightConfig

    default_site = "insight.admin_site.InsightAdminSite"
