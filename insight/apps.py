from django.apps import AppConfig


class InsightConfig(AppConfig):
    """The project itself: deployment checks and operators' commands."""

    name = "insight"
    verbose_name = "Insight site"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deployment check)
