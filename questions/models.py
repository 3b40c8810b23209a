"""Questions sent by the public, the moderation queue around them, and the email outbox.

State changes live in questions.moderation; this module holds the tables and the reads.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone

from common import crisis
from common.outbox import Delivery, DeliveryQuerySet

# No 0/O or 1/I: a reference read out over the phone must not be misheard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8  # 32**8 ≈ 1.1e12 possibilities


def new_reference():
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"Q-{chars[:4]}-{chars[4:]}"


def normalise_reference(text):
    """'q 7kd3 9xfa', 'Q7KD39XFA' and 'Q-7KD3-9XFA' all mean Q-7KD3-9XFA; None if not one."""
    chars = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    chars = chars.removeprefix("Q")
    if len(chars) != REFERENCE_LENGTH or any(ch not in REFERENCE_ALPHABET for ch in chars):
        return None
    return f"Q-{chars[:4]}-{chars[4:]}"


class SubmissionStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    ANSWERED = "answered", "Answered by email"
    PUBLISHED = "published", "Published as an answer"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = (SubmissionStatus.NEW, SubmissionStatus.IN_PROGRESS)
FINISHED_STATUSES = (SubmissionStatus.ANSWERED, SubmissionStatus.PUBLISHED, SubmissionStatus.CLOSED)


class CloseReason(models.TextChoices):
    DUPLICATE = "duplicate", "Duplicate of an existing answer"
    NOT_POLICING = "not_policing", "Not a policing matter"
    SIGNPOSTED_FORCE = "signposted_force", "Signposted to the force"
    EMERGENCY = "emergency", "Emergency signposted"
    SPAM = "spam", "Spam"


# The queue's order: someone in danger first, then a crime just reported, then oldest first.
URGENT_FIRST = ("crisis_rank", "created_at", "pk")
CRISIS_CHOICES = [(kind, crisis.LABELS[kind]) for kind in crisis.KINDS]


class SubmissionQuerySet(models.QuerySet):
    def with_crisis_rank(self):
        """crisis_rank: 0 someone may be in danger now, 1 a crime just happened, 2 neither."""
        return self.annotate(
            crisis_rank=Case(
                When(crisis_kind__in=crisis.URGENT, then=Value(0)),
                When(crisis_kind="", then=Value(2)),
                default=Value(1),
            )
        )

    def urgent_first(self):
        return self.with_crisis_rank().order_by(*URGENT_FIRST)

    def waiting(self):
        return self.filter(status__in=OPEN_STATUSES)

    def unclaimed(self):
        return self.filter(status=SubmissionStatus.NEW, assigned_to__isnull=True)

    def oldest_first(self):
        return self.order_by("created_at", "pk")

    def due_for_purge(self, *, days, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=days)
        return self.filter(
            status__in=FINISHED_STATUSES,
            finished_at__lte=cutoff,
            personal_data_erased_at__isnull=True,
        )

    def recent_duplicate(self, *, client_hash, text_hash, minutes):
        since = timezone.now() - timedelta(minutes=minutes)
        return (
            self.filter(client_hash=client_hash, text_hash=text_hash, created_at__gte=since)
            .order_by("-created_at")
            .first()
        )


class Language(models.TextChoices):
    """The language a question was asked in (settings.LANGUAGES): replies and emails use it."""

    ENGLISH = "en-gb", "English"
    WELSH = "cy", "Cymraeg (Welsh)"


class Submission(models.Model):
    reference = models.CharField(max_length=11, unique=True, editable=False)
    question = models.TextField(max_length=2000)
    detail = models.TextField("more detail", max_length=5000, blank=True)
    force = models.ForeignKey(
        "forces.Force",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        help_text="The force area the person chose, if any.",
    )
    topic = models.ForeignKey(
        "faq.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        help_text="Set by staff, for filtering and statistics.",
    )

    # Personal details: erased by purge_personal_data once the item is finished.
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    client_hash = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="Salted hash; never the address."
    )
    consent_at = models.DateTimeField("agreed to the privacy notice", null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True)

    text_hash = models.CharField(max_length=64, db_index=True, editable=False)
    repeat_count = models.PositiveIntegerField(
        default=0, help_text="Identical copies sent again within minutes, collapsed into this one."
    )
    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text="The language it was asked in: reply in it.",
    )
    triage_flagged = models.BooleanField(
        "shown the emergency page",
        default=False,
        help_text="The text read like an emergency or crime report; the person sent it anyway.",
    )
    crisis_kind = models.CharField(
        "reads as",
        max_length=12,
        choices=CRISIS_CHOICES,
        blank=True,
        help_text="What the site's crisis rule (common.crisis) read in the question and detail.",
    )
    crisis_words = models.CharField(
        "because of the words",
        max_length=200,
        blank=True,
        help_text="The words that made it read so (as the rule reads them: lower case, typos "
        "folded).",
    )

    status = models.CharField(
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.NEW,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_submissions",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "faq.Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicate_submissions",
    )
    answer = models.ForeignKey(
        "faq.Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_submissions",
        help_text="The answer written from this question.",
    )
    forwarded_to = models.ForeignKey(
        "forces.Force",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forwarded_submissions",
    )
    forwarded_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was answered or closed (starts the purge clock)."
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="submission_status_age")]

    def __str__(self):
        return self.reference

    def get_status_url(self):
        return reverse("questions:status", kwargs={"reference": self.reference})

    @property
    def crisis(self):
        """Why it reads as a crisis, for the moderator ("" when it does not)."""
        if not self.crisis_kind:
            return ""
        return crisis.Crisis(kind=self.crisis_kind, matched=self.crisis_words).reason

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def age(self):
        return timezone.now() - self.created_at


class StatusChange(models.Model):
    """One audit row per moderation event: who, when, from which status to which, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        CLAIM = "claim", "Claimed"
        RELEASE = "release", "Released"
        ASSIGN = "assign", "Assigned"
        REPLY = "reply", "Replied by email"
        CLOSE = "close", "Closed"
        REOPEN = "reopen", "Reopened"
        FORWARD = "forward", "Forwarded to a force"
        DRAFT = "draft", "Turned into a draft answer"
        ANSWERED = "answered", "Answer published"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=12, choices=Action.choices)
    from_status = models.CharField(max_length=12, choices=SubmissionStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=SubmissionStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the system made the change.",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "status change"

    def __str__(self):
        return f"{self.submission.reference}: {self.from_status or '(none)'} to {self.to_status}"


class InternalNote(models.Model):
    """A note for colleagues; never shown to the person who asked."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note on {self.submission.reference}"


class ReplyTemplate(models.Model):
    """Editable starting points for replies. $reference, $name, $status_url and $site_name are
    filled in; the moderator can then change anything before sending."""

    name = models.CharField(max_length=100, unique=True)
    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text="Offered for questions asked in this language.",
    )
    subject = models.CharField(max_length=150)
    body = models.TextField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["language", "name"]

    def __str__(self):
        return self.name


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENT = "sent", "Sent"
    FAILED = "failed", "Stuck: gave up retrying"
    CANCELLED = "cancelled", "Cancelled"


class OutboxMessageQuerySet(DeliveryQuerySet):
    def stuck(self):
        """Given up, or retried at least once and still waiting."""
        return self.filter(
            models.Q(status=OutboxStatus.FAILED)
            | models.Q(status=OutboxStatus.PENDING, attempts__gt=0)
        )


def clean_subject(text):
    """One line, no control characters: what people typed can never add a header."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return " ".join(text.split())[:200]


class OutboxMessage(Delivery):
    """An email written in the same transaction as the change it reports; sent after commit
    (common/outbox.py), retried with back-off until the mail server takes it."""

    PENDING = OutboxStatus.PENDING
    DONE = OutboxStatus.SENT
    FAILED = OutboxStatus.FAILED
    DONE_AT = "sent_at"
    MAX_ATTEMPTS = 10
    FIRST_DELAY = timedelta(minutes=1)
    LONGEST_DELAY = timedelta(hours=6)
    ERROR_TIME_FORMAT = "%Y-%m-%d %H:%M"

    class Kind(models.TextChoices):
        ACKNOWLEDGEMENT = "ack", "Acknowledgement"
        REPLY = "reply", "Reply"
        ANSWERED = "answered", "Answer published"
        FORWARD = "forward", "Forwarded to a force"
        REVIEW_DIGEST = "digest", "Answers due for review (to editors)"

    submission = models.ForeignKey(
        Submission, on_delete=models.SET_NULL, null=True, blank=True, related_name="emails"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    to = models.EmailField(max_length=254, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING, db_index=True
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outgoing email"

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def deliver(self):
        EmailMessage(
            subject=clean_subject(self.subject),
            body=self.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.to],
        ).send(fail_silently=False)
