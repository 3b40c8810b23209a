"""The durable outbox, written once: work that must happen after a change commits (an email, a
cache purge) is stored as a row in the change's transaction, tried once it commits, and retried
with back-off until it succeeds or is given up.

A concrete outbox subclasses `Delivery` with its own `status` field (its words for pending, done,
failed), its `done_at` field, and `deliver()`, which does the work or raises:
`questions.OutboxMessage` (emails) and `caching.Invalidation` (tag bumps and purges). Then
`attempt(Model, pk)` tries one row, `deliver_due(Model)` every row whose next attempt is due,
`manage.py deliver` (the worker: `--loop`) does that for every outbox, and `RetryNowAction` gives
each outbox's admin the one "try again" action.
"""

import logging
from dataclasses import dataclass

from django.contrib import admin, messages
from django.db import models, transaction
from django.utils import timezone

log = logging.getLogger(__name__)


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Waiting rows whose next attempt is due, the longest waiting first."""
        return self.filter(
            status=self.model.PENDING, next_attempt_at__lte=now or timezone.now()
        ).order_by("next_attempt_at", "pk")

    def retry_now(self):
        """Put stuck or waiting rows back in the queue for the next pass (the admin action)."""
        return self.filter(status__in=[self.model.FAILED, self.model.PENDING]).update(
            status=self.model.PENDING, attempts=0, next_attempt_at=timezone.now()
        )


class Delivery(models.Model):
    """One piece of work to do after a commit, retried until it is done."""

    # Set by each subclass: its status values, its done_at field, its back-off.
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    DONE_AT = "done_at"
    MAX_ATTEMPTS = 10
    FIRST_DELAY = None  # a timedelta
    LONGEST_DELAY = None
    ERROR_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def deliver(self):
        """Do the work; raise when it did not happen."""
        raise NotImplementedError

    def delivered(self):
        """After the work is done, in the same transaction (e.g. follow-up work to queue)."""

    @classmethod
    def prune(cls, now):
        """Forget rows no longer worth keeping (the worker, now and then); how many."""
        return 0

    @classmethod
    def retry_delay(cls, attempts):
        """FIRST_DELAY, doubled after each failed attempt, never more than LONGEST_DELAY."""
        return min(cls.FIRST_DELAY * (2 ** max(attempts - 1, 0)), cls.LONGEST_DELAY)


def attempt(model, pk, *, now=None):
    """Try one pending row; its status afterwards (None if it was not there to try).

    The row is locked while it is tried (skipping rows another worker holds), so the after-commit
    hook and the worker never do the same work at the same moment.
    """
    now = now or timezone.now()
    with transaction.atomic():
        row = (
            model.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=model.PENDING)
            .first()
        )
        if row is None:
            return None
        row.attempts += 1
        try:
            row.deliver()
        except Exception as exc:  # whatever failed: keep the row, try later
            log.warning("%s %s failed (attempt %s): %s", model.__name__, pk, row.attempts, exc)
            row.last_error = f"{now:{model.ERROR_TIME_FORMAT}} {type(exc).__name__}: {exc}"[:1000]
            if row.attempts >= model.MAX_ATTEMPTS:
                row.status = model.FAILED
            else:
                row.next_attempt_at = now + model.retry_delay(row.attempts)
        else:
            row.status = model.DONE
            setattr(row, model.DONE_AT, now)
            row.last_error = ""
            row.delivered()
        row.save(
            update_fields=["attempts", "status", "next_attempt_at", "last_error", model.DONE_AT]
        )
    return row.status


def attempt_now(model, pks):
    """Try each row at once (after the commit that wrote them); never raises: the worker will
    try again."""
    for pk in pks:
        try:
            attempt(model, pk)
        except Exception:
            log.warning(
                "%s %s not tried now; the worker will retry", model.__name__, pk, exc_info=True
            )


@dataclass
class Report:
    done: int = 0
    retrying: int = 0
    failed: int = 0


def outboxes():
    """Every concrete outbox of the site (the installed models that subclass Delivery)."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Delivery)]


def deliver_due(model, *, now=None, limit=500):
    """Try every row whose next attempt is due (the worker, cron)."""
    now = now or timezone.now()
    report = Report()
    for pk in list(model.objects.due(now).values_list("pk", flat=True)[:limit]):
        status = attempt(model, pk, now=now)
        if status == model.DONE:
            report.done += 1
        elif status == model.PENDING:
            report.retrying += 1
        elif status == model.FAILED:
            report.failed += 1
    return report


class RetryNowAction:
    """The admin's one "try again" action for an outbox; `retry_description` and
    `retried_message` (formatted with `count`) say it in the outbox's own words."""

    actions = ("retry_selected",)
    retry_description = "Try the selected again"
    retried_message = "{count} will be tried again on the next pass."

    @admin.action(description="Try again", permissions=["retry"])
    def retry_selected(self, request, queryset):
        count = queryset.retry_now()
        self.message_user(request, self.retried_message.format(count=count), messages.SUCCESS)

    def has_retry_permission(self, request):
        meta = self.model._meta
        return request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}")

    def get_actions(self, request):
        found = super().get_actions(request)
        if "retry_selected" in found:
            func, name, _ = found["retry_selected"]
            found["retry_selected"] = (func, name, self.retry_description)
        return found
