from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Advice answers"

    def ready(self):
        from . import signals  # noqa: F401
