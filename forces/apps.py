from django.apps import AppConfig


class ForcesConfig(AppConfig):
    name = "forces"
    verbose_name = "Police forces"

    def ready(self):
        from caching.middleware import register_closed_value

        from . import signals  # noqa: F401  (connects the cache invalidation receivers)
        from .lookup import force_slug

        # The chosen force (`?force=`, the `force` cookie) is one of the forces or is not kept
        # as a copy of its own by the page cache.
        register_closed_value("force", force_slug)
