from datetime import timedelta

from django.conf import settings
from django.db import models, transaction

from common.outbox import Delivery, DeliveryQuerySet, attempt_now

from . import purge


class InvalidationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DONE = "done", "Done"
    FAILED = "failed", "Stuck: gave up retrying"


class InvalidationQuerySet(DeliveryQuerySet):
    def write(self, tags, targets):
        """One row per cache in `targets` naming `tags`, in the surrounding transaction; sent
        once it commits. Their ids."""
        text = " ".join(sorted(tags))
        rows = self.bulk_create([Invalidation(target=target, tags=text) for target in targets])
        return [row.pk for row in rows]


class Invalidation(Delivery):
    """Tags to invalidate in one cache, written in the same transaction as the change.

    `target` is `page-cache` (our own tag versions in Redis) or the address of a shared cache to
    purge (one of HTTP_CACHE_PURGE_URLS). Sent after commit; retried until it succeeds
    (common/outbox.py).
    """

    PENDING = InvalidationStatus.PENDING
    DONE = InvalidationStatus.DONE
    FAILED = InvalidationStatus.FAILED
    DONE_AT = "done_at"
    MAX_ATTEMPTS = 30
    FIRST_DELAY = timedelta(seconds=1)
    LONGEST_DELAY = timedelta(minutes=5)
    KEEP_DONE = timedelta(days=1)

    target = models.CharField(max_length=500)
    tags = models.TextField(help_text="Space-separated surrogate keys, e.g. answer:497 topic:12.")
    status = models.CharField(
        max_length=10,
        choices=InvalidationStatus.choices,
        default=InvalidationStatus.PENDING,
        db_index=True,
    )
    done_at = models.DateTimeField(null=True, blank=True)

    objects = InvalidationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.target}: {self.tags[:60]} ({self.get_status_display()})"

    @classmethod
    def prune(cls, now):
        """Forget invalidations done more than KEEP_DONE ago."""
        deleted, _ = cls.objects.filter(
            status=InvalidationStatus.DONE, done_at__lt=now - cls.KEEP_DONE
        ).delete()
        return deleted

    def deliver(self):
        purge.deliver(self.target, self.tags.split())

    def delivered(self):
        """Our page-cache bump got through only now, after failing: a shared cache purged before
        it may have refilled from our old copy meanwhile, so purge every shared cache again,
        after it (caching/queue.py says why)."""
        shared = settings.HTTP_CACHE_PURGE_URLS
        if self.target == purge.PAGE_CACHE and self.attempts > 1 and shared:
            pks = Invalidation.objects.write(self.tags.split(), shared)
            transaction.on_commit(lambda: attempt_now(Invalidation, pks), robust=True)
