from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    """Work done away from readers' requests: queued e-mail, with retries,
    and the jobs run on a schedule, by the worker (manage.py run_worker)."""

    name = "background"
    verbose_name = "Background work"
