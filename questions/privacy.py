"""Erasing personal details once a question is finished with (manage.py purge_personal_data)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus, Submission

ERASED = ""


def purge_after_days():
    return settings.QUESTIONS_PURGE_AFTER_DAYS


@transaction.atomic
def purge_personal_data(*, days=None, now=None):
    """Erase name, email address and client hash of items answered or closed more than `days`
    ago, and the copies of their emails in the outbox. The question itself stays, for statistics.

    Returns the number of submissions erased.
    """
    now = now or timezone.now()
    days = purge_after_days() if days is None else days
    due = list(
        Submission.objects.due_for_purge(days=days, now=now)
        .select_for_update()
        .values_list("pk", flat=True)
    )
    if not due:
        return 0
    Submission.objects.filter(pk__in=due).update(
        name=ERASED, email=ERASED, client_hash=ERASED, personal_data_erased_at=now
    )
    emails = OutboxMessage.objects.filter(submission_id__in=due)
    emails.filter(status=OutboxStatus.PENDING).update(status=OutboxStatus.CANCELLED)
    # Emails to a force hold no personal details; those to the person hold their address and name.
    emails.exclude(kind=OutboxMessage.Kind.FORWARD).update(
        to=ERASED, body="(erased with the personal details)"
    )
    return len(due)
