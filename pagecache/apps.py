from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PageCacheConfig(AppConfig):
    """Readers' whole-page cache and the versions that invalidate it: a
    library the apps call. Each app declares its pages in its urls.py
    (pages.reader_page) and bumps versions from its own receivers."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import versions

        # a deployment runs migrate: pages it changes (templates, settings)
        # are rendered afresh, even from a cache that outlived the old code
        post_migrate.connect(versions.every_page_changed, sender=self)
