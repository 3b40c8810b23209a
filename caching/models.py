from django.db import models
from django.utils import timezone


class InvalidationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DONE = "done", "Done"
    FAILED = "failed", "Stuck: gave up retrying"


class InvalidationQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(
            status=InvalidationStatus.PENDING, next_attempt_at__lte=now or timezone.now()
        ).order_by("next_attempt_at", "pk")


class Invalidation(models.Model):
    """Tags to invalidate in one cache, written in the same transaction as the change.

    `target` is `page-cache` (our own tag versions in Redis) or the address of a shared cache to
    purge (one of HTTP_CACHE_PURGE_URLS). Sent after commit; retried until it succeeds.
    """

    target = models.CharField(max_length=500)
    tags = models.TextField(help_text="Space-separated surrogate keys, e.g. answer:497 topic:12.")
    status = models.CharField(
        max_length=10,
        choices=InvalidationStatus.choices,
        default=InvalidationStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = InvalidationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.target}: {self.tags[:60]} ({self.get_status_display()})"
