"""Email that is never lost.

Every message is first written to the OutboxMessage table in the same transaction as the change it
reports, then sent after that transaction commits. If the mail server is down the row stays
pending and `manage.py send_outbox` (run from cron every few minutes) retries it with exponential
back-off; after MAX_ATTEMPTS it is marked failed ("stuck") and shown in the admin until a person
retries it.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=6)


def clean_subject(text):
    """One line, no control characters: what people typed can never add a header."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return " ".join(text.split())[:200]


def retry_delay(attempts):
    """1, 2, 4, 8 … minutes after each failed attempt, never more than LONGEST_DELAY."""
    return min(FIRST_DELAY * (2 ** max(attempts - 1, 0)), LONGEST_DELAY)


def enqueue(*, to, subject, body, kind, submission=None):
    """Store one message now; send it once the surrounding transaction has committed."""
    message = OutboxMessage.objects.create(
        to=to, subject=clean_subject(subject), body=body, kind=kind, submission=submission
    )
    transaction.on_commit(lambda: send_message(message.pk), robust=True)
    return message


def render_email(name, context):
    """(subject, body) from templates/questions/email/<name>_subject.txt and <name>_body.txt.

    Plain text only: the templates turn autoescaping off, and nothing is ever sent as HTML, so
    whatever a person typed arrives exactly as typed and inert.
    """
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = render_to_string(f"questions/email/{name}_subject.txt", context)
    body = render_to_string(f"questions/email/{name}_body.txt", context)
    return clean_subject(subject), body.strip() + "\n"


def enqueue_rendered(name, *, to, kind, context, submission=None):
    subject, body = render_email(name, context)
    return enqueue(to=to, subject=subject, body=body, kind=kind, submission=submission)


def send_message(pk, *, now=None):
    """Try to send one pending message; returns its status afterwards (None if not ours to send).

    The row is locked while sending (skipping rows another worker holds) so a message is never
    sent twice by the after-commit hook and the cron job at the same moment.
    """
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=OutboxStatus.PENDING)
            .first()
        )
        if message is None:
            return None
        message.attempts += 1
        try:
            EmailMessage(
                subject=clean_subject(message.subject),
                body=message.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.to],
            ).send(fail_silently=False)
        except Exception as exc:  # any failure of the mail server: keep the row, try later
            log.warning("email %s not sent (attempt %s): %s", pk, message.attempts, exc)
            message.last_error = f"{now:%Y-%m-%d %H:%M} {type(exc).__name__}: {exc}"[:1000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
            else:
                message.next_attempt_at = now + retry_delay(message.attempts)
        else:
            message.status = OutboxStatus.SENT
            message.sent_at = now
            message.last_error = ""
        message.save(
            update_fields=["attempts", "status", "sent_at", "next_attempt_at", "last_error"]
        )
    return message.status


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def send_due(*, now=None, limit=200):
    """Send every message whose next attempt is due (the cron job)."""
    now = now or timezone.now()
    report = SendReport()
    for pk in list(OutboxMessage.objects.due(now).values_list("pk", flat=True)[:limit]):
        status = send_message(pk, now=now)
        if status == OutboxStatus.SENT:
            report.sent += 1
        elif status == OutboxStatus.PENDING:
            report.retrying += 1
        elif status == OutboxStatus.FAILED:
            report.failed += 1
    return report


def retry_now(queryset):
    """Put stuck or waiting messages back in the queue for the next run (admin action)."""
    return queryset.filter(status__in=[OutboxStatus.FAILED, OutboxStatus.PENDING]).update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
