from django.apps import AppConfig


class ForcesConfig(AppConfig):
    name = "forces"
    verbose_name = "Police forces"

    def ready(self):
        from . import signals  # noqa: F401  (connects the cache invalidation receivers)
