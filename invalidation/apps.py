from django.apps import AppConfig


class InvalidationConfig(AppConfig):
    name = "invalidation"
    verbose_name = "Page refreshes"  # staff read this on the dashboard: no jargon
