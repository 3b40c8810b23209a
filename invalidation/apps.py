from django.apps import AppConfig


class InvalidationConfig(AppConfig):
    name = "invalidation"
    verbose_name = "Cache invalidation"
