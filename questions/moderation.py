"""Every change to a submission: receiving it, and each step of moderation.

Views and admin actions only call these functions. Each one locks the row (select_for_update),
checks the change is allowed, saves, and writes one StatusChange audit row, all in one
transaction. Emails go through the outbox in that same transaction.
"""

import hashlib
from dataclasses import dataclass
from string import Template

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import Truncator

from common import crisis
from faq import workflow
from faq.models import Answer, Status
from faq.translations import question_in_language

from . import outbox
from .models import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    CloseReason,
    InternalNote,
    Language,
    OutboxMessage,
    StatusChange,
    Submission,
    SubmissionStatus,
    new_reference,
)

Action = StatusChange.Action
DUPLICATE_MINUTES = 10
REFERENCE_ATTEMPTS = 5


class ModerationError(Exception):
    """A change that is not allowed; the message is shown to the moderator."""


class AlreadyClaimed(ModerationError):
    pass


class TooManyQuestions(Exception):
    """This client has sent as many questions as the limit allows for now."""


# --- receiving a question ---------------------------------------------------------------------


def content_hash(*, question, detail="", email=""):
    folded = "\n".join(" ".join(part.casefold().split()) for part in (question, detail, email))
    return hashlib.sha256(folded.encode()).hexdigest()


@transaction.atomic
def receive(
    *,
    question,
    detail="",
    force=None,
    name="",
    email="",
    consent=False,
    client_hash="",
    triage_flagged=False,
    is_limited=lambda: False,
    language=Language.ENGLISH,
):
    """Save a question from the public, asked in `language`. Returns (submission, created).

    A copy of one received minutes ago from the same client (a double click or a resend)
    collapses into it (created=False) and never counts against the limit. Otherwise
    `is_limited()` is asked once; when it says the client is over its limit, nothing is saved
    and TooManyQuestions is raised.
    """
    text_hash = content_hash(question=question, detail=detail, email=email)
    existing = client_hash and Submission.objects.recent_duplicate(
        client_hash=client_hash, text_hash=text_hash, minutes=DUPLICATE_MINUTES
    )
    if existing:
        Submission.objects.filter(pk=existing.pk).update(repeat_count=F("repeat_count") + 1)
        return existing, False
    if is_limited():
        raise TooManyQuestions
    now = timezone.now()
    found = crisis.assess(question, detail)
    fields = {
        "question": question,
        "detail": detail,
        "force": force,
        "name": name,
        "email": email,
        "consent_at": now if (consent and email) else None,
        "client_hash": client_hash,
        "text_hash": text_hash,
        "triage_flagged": triage_flagged,
        "crisis_kind": found.kind if found else "",
        "crisis_words": found.matched[: Submission._meta.get_field("crisis_words").max_length],
        "language": language,
        "created_at": now,
    }
    submission = _create_with_unique_reference(fields)
    StatusChange.objects.create(
        submission=submission,
        action=Action.SUBMITTED,
        to_status=SubmissionStatus.NEW,
        at=now,
        note="Sent after the emergency page." if triage_flagged else "",
    )
    if email:
        with translation.override(submission.language):  # the email in the question's language
            outbox.enqueue_rendered(
                "acknowledgement",
                to=email,
                kind=OutboxMessage.Kind.ACKNOWLEDGEMENT,
                context=_email_context(submission),
                submission=submission,
            )
    return submission, True


def _create_with_unique_reference(fields):
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():  # a savepoint: a collision must not spoil the outer one
                return Submission.objects.create(reference=new_reference(), **fields)
        except IntegrityError:
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _email_context(submission, **extra):
    # No "name": the automatic emails go to whatever address was typed, and whatever was typed
    # as a name (a link, an insult) would arrive in an email from the police. A moderator's
    # reply may still greet the person by name: a person reads it before it is sent.
    return {
        "submission": submission,
        "reference": submission.reference,
        "status_url": settings.SITE_URL + submission.get_status_url(),
        **extra,
    }


# --- moderation: which step may be taken when ----------------------------------------------


@dataclass(frozen=True)
class Transition:
    """One moderation step: the statuses it starts from, and what else it needs."""

    from_statuses: tuple
    # Refused while a colleague holds the item (they are working on it).
    holder_only: bool = True
    # (test, refusal) pairs checked after the status: `test(item)` must be true.
    needs: tuple = ()
    refusal: str = "{reference} is {status}."


NEW, IN_PROGRESS = SubmissionStatus.NEW, SubmissionStatus.IN_PROGRESS
ANSWERED, PUBLISHED, CLOSED = (
    SubmissionStatus.ANSWERED,
    SubmissionStatus.PUBLISHED,
    SubmissionStatus.CLOSED,
)

# The one statement of the rules: the functions below check it, the admin shows the buttons it
# allows (available_actions), in this order.
TRANSITIONS = {
    "release": Transition(
        OPEN_STATUSES,
        needs=((lambda item: item.assigned_to_id, "{reference} is not claimed."),),
        refusal="{reference} is not claimed.",
    ),
    "claim": Transition(
        OPEN_STATUSES,
        needs=((lambda item: not item.assigned_to_id, "{reference} is already yours."),),
    ),
    "assign": Transition(OPEN_STATUSES, holder_only=False),
    "draft_answer": Transition(
        OPEN_STATUSES,
        needs=(
            (
                lambda item: not item.answer_id,
                "{reference} already has a draft answer ({answer_label}).",
            ),
        ),
    ),
    # An answer we already publish is the answer: the person is sent it and told "Answered".
    "answer_with_existing": Transition(OPEN_STATUSES),
    "forward": Transition(OPEN_STATUSES),
    "reply": Transition(
        (*OPEN_STATUSES, ANSWERED),
        needs=((lambda item: item.email, "{reference} has no email address to reply to."),),
    ),
    "close": Transition(
        (NEW, IN_PROGRESS, ANSWERED, PUBLISHED), refusal="{reference} is already closed."
    ),
    "reopen": Transition((CLOSED, ANSWERED), holder_only=False),
}


def refusal(action, item, user):
    """Why `user` may not take `action` on `item` now (the moderator's message), or None."""
    rule = TRANSITIONS[action]
    if rule.holder_only and item.assigned_to_id and item.assigned_to_id != user.pk:
        return f"{item.reference} is being handled by {item.assigned_to}."
    values = {
        "reference": item.reference,
        "status": item.get_status_display().lower(),
        "answer_label": item.answer.label if item.answer_id else "",
    }
    if item.status not in rule.from_statuses:
        return rule.refusal.format(**values)
    for test, message in rule.needs:
        if not test(item):
            return message.format(**values)
    return None


def available_actions(item, user):
    """The steps `user` may take on `item` now, in the order the admin shows them."""
    return [action for action in TRANSITIONS if refusal(action, item, user) is None]


def _check(action, item, by):
    message = refusal(action, item, by)
    if message is None:
        return
    holder = item.assigned_to_id and item.assigned_to_id != by.pk
    raise (AlreadyClaimed if holder and TRANSITIONS[action].holder_only else ModerationError)(
        message
    )


# --- moderation: the steps ----------------------------------------------------------------------


def _locked(submission):
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _change(item, *, action, by, to_status=None, note="", fields=()):
    """Move `item` to `to_status` (or leave it), save, and write the audit row."""
    now = timezone.now()
    from_status = item.status
    to_status = to_status or from_status
    if to_status != from_status:
        item.status = to_status
        item.finished_at = now if to_status in FINISHED_STATUSES else None
    item.save(update_fields=["status", "finished_at", "updated_at", *fields])
    StatusChange.objects.create(
        submission=item,
        action=action,
        from_status=from_status,
        to_status=to_status,
        by=by,
        at=now,
        note=note,
    )
    return item


@transaction.atomic
def claim(submission, *, by):
    """Take an item to work on. Only one moderator holds an item at a time."""
    item = _locked(submission)
    if item.assigned_to_id == by.pk and item.status in OPEN_STATUSES:
        return item  # already theirs: claiming again changes nothing
    _check("claim", item, by)
    item.assigned_to, item.claimed_at = by, timezone.now()
    return _change(
        item,
        action=Action.CLAIM,
        by=by,
        to_status=SubmissionStatus.IN_PROGRESS,
        fields=["assigned_to", "claimed_at"],
    )


@transaction.atomic
def release(submission, *, by, note=""):
    """Give an item back to the queue."""
    item = _locked(submission)
    _check("release", item, by)
    item.assigned_to, item.claimed_at = None, None
    return _change(
        item,
        action=Action.RELEASE,
        by=by,
        to_status=SubmissionStatus.NEW,
        note=note,
        fields=["assigned_to", "claimed_at"],
    )


@transaction.atomic
def assign(submission, *, to, by, note=""):
    """Hand an item to a colleague (or to oneself), whoever holds it now."""
    item = _locked(submission)
    _check("assign", item, by)
    item.assigned_to, item.claimed_at = to, timezone.now()
    return _change(
        item,
        action=Action.ASSIGN,
        by=by,
        to_status=SubmissionStatus.IN_PROGRESS,
        note=note or f"Assigned to {to}.",
        fields=["assigned_to", "claimed_at"],
    )


def reply_placeholders(submission):
    return {
        "reference": submission.reference,
        "name": submission.name or "there",
        "status_url": settings.SITE_URL + submission.get_status_url(),
        "site_name": settings.SITE_NAME,
    }


def fill_reply_template(template, submission):
    """(subject, body) of a ReplyTemplate with $reference, $name … filled in."""
    values = reply_placeholders(submission)
    return (
        Template(template.subject).safe_substitute(values),
        Template(template.body).safe_substitute(values),
    )


@transaction.atomic
def reply(submission, *, by, subject, body):
    """Email the person an answer and mark the item answered."""
    item = _locked(submission)
    _check("reply", item, by)
    outbox.enqueue(
        to=item.email, subject=subject, body=body, kind=OutboxMessage.Kind.REPLY, submission=item
    )
    return _change(
        item,
        action=Action.REPLY,
        by=by,
        to_status=SubmissionStatus.ANSWERED,
        note=f"Subject: {outbox.clean_subject(subject)}",
    )


@transaction.atomic
def close(submission, *, by, reason, note="", duplicate_of=None):
    item = _locked(submission)
    _check("close", item, by)
    if reason not in CloseReason.values:
        raise ModerationError("Choose a reason for closing.")
    if reason == CloseReason.DUPLICATE and duplicate_of is None:
        raise ModerationError("Give the number of the answer this duplicates.")
    item.close_reason = reason
    item.duplicate_of = duplicate_of if reason == CloseReason.DUPLICATE else None
    label = CloseReason(reason).label
    if item.duplicate_of:
        label = f"Duplicate of {duplicate_of.label}"
    return _change(
        item,
        action=Action.CLOSE,
        by=by,
        to_status=SubmissionStatus.CLOSED,
        note=f"{label}. {note}".strip(),
        fields=["close_reason", "duplicate_of"],
    )


def close_many(submissions, *, by, reason, note=""):
    """Close several (e.g. spam in bulk). Returns (closed, skipped) lists of references."""
    closed, skipped = [], []
    for submission in submissions:
        try:
            close(submission, by=by, reason=reason, note=note)
        except ModerationError:
            skipped.append(submission.reference)
        else:
            closed.append(submission.reference)
    return closed, skipped


@transaction.atomic
def reopen(submission, *, by, note=""):
    item = _locked(submission)
    _check("reopen", item, by)
    item.close_reason, item.duplicate_of = "", None
    item.assigned_to, item.claimed_at = None, None
    return _change(
        item,
        action=Action.REOPEN,
        by=by,
        to_status=SubmissionStatus.NEW,
        note=note,
        fields=["close_reason", "duplicate_of", "assigned_to", "claimed_at"],
    )


@transaction.atomic
def forward(submission, *, by, force, note=""):
    """Record that the question went to a force; email it when the force has an address.

    Only the question is sent: the person's name and email address stay here.
    """
    item = _locked(submission)
    _check("forward", item, by)
    item.forwarded_to, item.forwarded_at = force, timezone.now()
    emailed = bool(force.questions_email)
    if emailed:
        outbox.enqueue_rendered(
            "forward",
            to=force.questions_email,
            kind=OutboxMessage.Kind.FORWARD,
            context=_email_context(item, force=force, note=note),
            submission=item,
        )
    where = f"emailed to {force.questions_email}" if emailed else "no email address on file"
    return _change(
        item,
        action=Action.FORWARD,
        by=by,
        note=f"Forwarded to {force.name} ({where}). {note}".strip(),
        fields=["forwarded_to", "forwarded_at"],
    )


@transaction.atomic
def make_draft_answer(submission, *, by):
    """Start a draft Answer from the question and link the two; editors take it from there."""
    item = _locked(submission)
    _check("draft_answer", item, by)
    asked = " ".join(item.question.split())
    answer = Answer(
        question=Truncator(asked).chars(255),
        summary="",
        body=(
            "<p>Write the answer here. Remove anything that could identify the person who "
            f"asked.</p><p>Asked ({item.reference}):</p><blockquote>{escape(asked)}</blockquote>"
        ),
        status=Status.DRAFT,
        primary_topic=item.topic,
    )
    workflow.save_answer(answer, topics=[item.topic] if item.topic_id else None)
    item.answer = answer
    if not item.assigned_to_id:
        item.assigned_to, item.claimed_at = by, timezone.now()
    return _change(
        item,
        action=Action.DRAFT,
        by=by,
        to_status=SubmissionStatus.IN_PROGRESS,
        note=f"Draft answer {answer.label} created.",
        fields=["answer", "assigned_to", "claimed_at"],
    )


def answer_published(answer):
    """`answer` has just been published: every question it was written from is answered."""
    waiting = Submission.objects.filter(answer=answer).exclude(status=SubmissionStatus.PUBLISHED)
    for submission in waiting:
        mark_answered(submission, answer=answer)


@transaction.atomic
def answer_with_existing(submission, *, by, answer, note=""):
    """Answer the question with a published answer we already have: the person is emailed its
    link (if they gave an address) and their status page says "Answered: see Q…"."""
    item = _locked(submission)
    _check("answer_with_existing", item, by)
    if answer.status != Status.PUBLISHED:
        raise ModerationError(
            f"{answer.label} is not published: only a published answer can be sent."
        )
    return _answered(
        item, answer=answer, by=by, note=f"Answered with {answer.label}. {note}".strip()
    )


@transaction.atomic
def mark_answered(submission, *, answer, by=None):
    """The linked answer is published: record it and tell the person, if they gave an email."""
    item = _locked(submission)
    if item.status == SubmissionStatus.PUBLISHED:
        return item
    return _answered(item, answer=answer, by=by, note=f"Published as {answer.label}.")


def _answered(item, *, answer, by, note):
    item.answer = answer
    if item.email:
        with translation.override(item.language):
            outbox.enqueue_rendered(
                "answered",
                to=item.email,
                kind=OutboxMessage.Kind.ANSWERED,
                context=_email_context(
                    item,
                    answer_question=question_in_language(answer, item.language),
                    answer_url=settings.SITE_URL + answer.get_absolute_url(),
                ),
                submission=item,
            )
    return _change(
        item,
        action=Action.ANSWERED,
        by=by,
        to_status=SubmissionStatus.PUBLISHED,
        note=note,
        fields=["answer"],
    )


def add_note(submission, *, by, text):
    return InternalNote.objects.create(submission=submission, author=by, text=text)
