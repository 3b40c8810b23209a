from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    # The label the purge queue had when it was its own app (`invalidation`): its table
    # (invalidation_invalidation), its migration history and its permissions keep their names.
    label = "invalidation"
    verbose_name = "Page refreshes"  # staff read this on the dashboard: no jargon
