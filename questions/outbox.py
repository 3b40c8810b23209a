"""Email that is never lost.

Every message is first written to the OutboxMessage table in the same transaction as the change it
reports, then sent after that transaction commits. If the mail server is down the row stays
pending and `manage.py deliver` (the worker, common/outbox.py) retries it with exponential
back-off; after MAX_ATTEMPTS it is marked failed ("stuck") and shown in the admin until a person
retries it.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from common import outbox
from faq.workflow import digest_subject, digest_text, review_digests

from .models import OutboxMessage, clean_subject

log = logging.getLogger(__name__)

MAX_ATTEMPTS = OutboxMessage.MAX_ATTEMPTS
FIRST_DELAY = OutboxMessage.FIRST_DELAY
LONGEST_DELAY = OutboxMessage.LONGEST_DELAY


retry_delay = OutboxMessage.retry_delay  # 1, 2, 4, 8 … minutes, never more than LONGEST_DELAY


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
    return outbox.attempt(OutboxMessage, pk, now=now)


def send_review_digests(today=None, *, dry_run=False):
    """Email each editor their answers due for review (faq.workflow.review_digests), through the
    outbox; returns the digests (queued and sent unless `dry_run`). A command has no request to
    wait for: the messages are tried as soon as they are stored, and a refusing mail server
    leaves them to `manage.py deliver`."""
    digests = review_digests(today)
    if dry_run or not digests:
        return digests
    with transaction.atomic():
        queued = [
            enqueue(
                to=digest.user.email,
                subject=digest_subject(digest),
                body=digest_text(digest, today),
                kind=OutboxMessage.Kind.REVIEW_DIGEST,
            )
            for digest in digests
        ]
    for message in queued:  # sent already when the transaction above was the outermost
        send_message(message.pk)
    return digests


def send_due(*, now=None, limit=200):
    """Send every message whose next attempt is due (the cron job); a Report (done = sent)."""
    return outbox.deliver_due(OutboxMessage, now=now, limit=limit)


def retry_now(queryset):
    """Put stuck or waiting messages back in the queue for the next run (admin action)."""
    return queryset.retry_now()
