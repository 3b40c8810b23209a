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
    """Erase name, email address, client hash and the free-text detail of items answered or
    closed more than `days` ago, and the copies of their emails in the outbox (a forward to a
    force quotes the detail word for word). The question itself stays, for statistics.

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
        name=ERASED, email=ERASED, client_hash=ERASED, detail=ERASED, personal_data_erased_at=now
    )
    emails = OutboxMessage.objects.filter(submission_id__in=due)
    emails.filter(status=OutboxStatus.PENDING).update(status=OutboxStatus.CANCELLED)
    # Every email quotes something personal: those to the person their address and name, a
    # forward to a force the detail. A force's address is not personal: it stays.
    emails.update(body="(erased with the personal details)")
    emails.exclude(kind=OutboxMessage.Kind.FORWARD).update(to=ERASED)
    return len(due)
