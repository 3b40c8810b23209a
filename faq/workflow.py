"""The editorial workflow of answers: draft → in review → published → archived.

Every rule lives here, as plain functions the admin (form validation, actions) and management
commands call: who may publish, what blocks publishing, merging, reviews and review dates.
`*_problems` functions return messages for a form to show; the state-changing functions raise
`WorkflowError` with the same messages and record a revision (django-reversion).

It is also the one place an answer is written with everything that follows from it
(`save_answer`, or `answer_changed` after the admin's own save): its cross-references and
search text, the cached pages that show it, and the `answer_published` event (faq.events).
`Answer.save()` keeps only what is true of every save (number, slug, sanitised body, dates).
"""

from dataclasses import dataclass, field

import reversion
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from caching.bump import bump

from . import tags
from .events import answer_published
from .models import Answer, CrossReference, RetiredNumber, Status
from .references import find_references, label
from .search import refresh_search_document
from .search.welsh import refresh_welsh_for_answer

PUBLISH_PERMISSION = "faq.publish_answer"
# Statuses that put an answer on the site or take it off: only publishers move into or out of them.
GUARDED = {Status.PUBLISHED, Status.ARCHIVED}


class WorkflowError(Exception):
    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__(" ".join(self.messages))


def can_publish(user):
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def can_preview(user):
    """Whether `user` may see an answer in any state as the public page would show it."""
    return bool(user.is_active and user.is_staff and user.has_perm("faq.view_answer"))


def can_change(user, status):
    """Whether `user` may save an answer that is now in `status`.

    Published answers are live: changing a word of one is publishing, so it needs the publish
    permission (Editors move it back to Draft through a publisher, or ask one to make the edit).
    """
    if status == Status.PUBLISHED:
        return can_publish(user)
    return True


def review_due(queryset=None, today=None):
    """Published answers due for review on `today`, oldest due date first."""
    queryset = Answer.objects.all() if queryset is None else queryset
    return queryset.review_due(today).order_by("review_due", "number")


def broken_references(answer, body=None):
    """Numbers that `body` (default: the answer's body) refers to that are missing or unpublished.

    Sorted; the answer's own number never counts.
    """
    numbers = find_references(answer.body if body is None else body) - {answer.number}
    if not numbers:
        return []
    published = set(
        Answer.objects.published().filter(number__in=numbers).values_list("number", flat=True)
    )
    return sorted(numbers - published)


def describe_numbers(numbers):
    return ", ".join(label(n) for n in numbers)


def status_problems(answer, old_status, new_status, user, *, body=None):
    """Why `user` may not save `answer` with `new_status` (coming from `old_status`), if at all."""
    problems = []
    if new_status != old_status and (new_status in GUARDED or old_status in GUARDED):
        if not can_publish(user):
            problems.append(
                "Only publishers can publish, archive or take an answer off the site: "
                "set the status to Draft or In review and ask a publisher."
            )
    if new_status == Status.PUBLISHED:
        broken = broken_references(answer, body)
        if broken:
            problems.append(
                "This answer cannot be published while it refers to answers that do not exist "
                f"or are not published: {describe_numbers(broken)}. Publish those first or "
                "remove the references."
            )
    return problems


def merge_problems(answer, into, user):
    """Why `answer` may not be marked as replaced by `into`, if at all."""
    if not can_publish(user):
        return ["Only publishers can merge answers."]
    if into.pk == answer.pk:
        return ["An answer cannot be replaced by itself."]
    problems = []
    if into.status != Status.PUBLISHED:
        problems.append(f"{into.label} is not published: merge only into a published answer.")
    seen = {answer.pk}
    target = into
    while target is not None and target.replaced_by_id:
        if target.replaced_by_id in seen:
            problems.append(f"{into.label} is already replaced by this answer: that is a loop.")
            break
        seen.add(target.pk)
        target = target.replaced_by
    return problems


# --- writing an answer and what follows from it ------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """What the pages showing an answer were built from before a change (nothing, if new)."""

    status: str = ""
    number: int | None = None
    targets: frozenset = frozenset()
    topic_ids: frozenset = frozenset()


def snapshot(answer):
    """The stored state of `answer`, read before it is changed (see `answer_changed`)."""
    stored = Answer.objects.filter(pk=answer.pk).first() if answer.pk else None
    if stored is None:
        return Snapshot()
    topic_ids = set(stored.topics.values_list("pk", flat=True))
    if stored.primary_topic_id:
        topic_ids.add(stored.primary_topic_id)
    targets = stored.references_out.values_list("target_number", flat=True)
    return Snapshot(stored.status, stored.number, frozenset(targets), frozenset(topic_ids))


@transaction.atomic
def store_references(answer, numbers):
    """Make the stored cross-references of `answer` exactly `numbers` (self-references dropped)."""
    numbers = set(numbers) - {answer.number}
    existing = set(answer.references_out.values_list("target_number", flat=True))
    if existing == numbers:
        return
    answer.references_out.filter(target_number__in=existing - numbers).delete()
    CrossReference.objects.bulk_create(
        [CrossReference(source=answer, target_number=n) for n in sorted(numbers - existing)]
    )


# --- the admin's change form: an edit, a restored revision, a recovered answer ----------------


@dataclass(frozen=True)
class Edit:
    """What a change in the admin's form starts from. Restoring a revision or recovering a
    deleted answer writes the old values back before the form runs, so the rules judge the
    change against the answer as it stood (`status`, `replaced_by_id`; None: as stored), and
    the save puts back what is not content (`view_count`) and what recovery fixes."""

    status: str | None = None
    replaced_by_id: int | None = None
    view_count: int | None = None
    recovering: bool = False
    before: Snapshot | None = None  # the pages' state before the change, read in time

    @property
    def starts_from_stored(self):
        return self.status is None


EDIT = Edit()  # an ordinary edit: the answer as stored


def restore(answer):
    """Begin restoring an old revision of `answer` (read as it stands now, before the old
    revision is written back): the form judges the change against it, readers' view counts are
    kept, and the pages that show it now are made stale."""
    return Edit(
        status=answer.status,
        replaced_by_id=answer.replaced_by_id,
        view_count=answer.view_count,
        before=snapshot(answer),
    )


def recover(number, *, by):
    """Begin recovering the deleted answer that had `number`: superusers only, refused while
    another answer holds the number. It comes back as a draft, checked before it goes live."""
    if not (by.is_active and by.is_superuser):
        raise PermissionDenied("Only superusers can recover deleted answers.")
    if Answer.objects.filter(number=number).exists():
        raise WorkflowError(f"{label(number)} is in use by another answer: it cannot be recovered.")
    return Edit(status=Status.DRAFT, recovering=True, before=Snapshot())


def record_edit(answer, edit):
    """Apply to `answer` (in memory, before its save) what `edit` fixes: a recovered answer is
    a draft again and its number leaves the retired list; a restored one keeps today's views."""
    if edit.recovering:
        answer.status = Status.DRAFT
        RetiredNumber.objects.filter(number=answer.number).delete()
    if edit.view_count is not None:
        answer.view_count = edit.view_count


def save_answer(answer, *, topics=None):
    """Save `answer` (and make its topics `topics`, when given), then everything that follows."""
    before = snapshot(answer)
    with transaction.atomic():
        answer.save()
        if topics is not None:
            answer.topics.set(topics)
        answer_changed(answer, before)
    return answer


def save_translation(row):
    """Save `row` (a translation of an answer), then everything that follows for its answer:
    the translated text is on the answer's pages and in its language's search, as the English
    is (`answer_changed`)."""
    answer = row.answer
    before = snapshot(answer)
    with transaction.atomic():
        row.save()
        answer_changed(answer, before)
    return row


def delete_translation(row):
    """Delete `row` (a translation of an answer): its answer's pages go back to the English."""
    answer = row.answer
    before = snapshot(answer)
    with transaction.atomic():
        row.delete()
        answer_changed(answer, before)


def answer_changed(answer, before):
    """Bring what is derived from the saved `answer` into step with it, once: its stored
    cross-references and search text, the cached pages that show it now or showed it `before`,
    and the answer_published event when it has just gone on the site."""
    store_references(answer, find_references(answer.body))
    refresh_search_document(answer)
    refresh_welsh_for_answer(answer)  # published or not: in the Welsh index or out of it
    bump(*_page_tags(answer, before))
    if answer.status == Status.PUBLISHED and before.status != Status.PUBLISHED:
        answer_published.send(sender=Answer, answer=answer)


def _page_tags(answer, before):
    """The pages that show `answer` now (faq.tags) and those that showed it `before` (under
    its old number too, if it had another: those linking to that number showed it)."""
    before_numbers = {*before.targets, *([before.number] if before.number else [])}
    return [
        *tags.for_answer_change(answer, extra_numbers=before_numbers),
        *(tags.topic_answers(pk) for pk in sorted(before.topic_ids)),
    ]


def _save(answer, *, by, comment):
    with transaction.atomic(), reversion.create_revision():
        save_answer(answer)
        reversion.set_user(by)
        reversion.set_comment(comment)


def _change_status(answer, new_status, *, by, comment):
    problems = status_problems(answer, answer.status, new_status, by)
    if problems:
        raise WorkflowError(problems)
    answer.status = new_status
    _save(answer, by=by, comment=comment)
    return answer


def submit_for_review(answer, *, by):
    return _change_status(answer, Status.IN_REVIEW, by=by, comment="Submitted for review.")


def publish(answer, *, by):
    if not can_publish(by):
        raise PermissionDenied("Only publishers can publish answers.")
    return _change_status(answer, Status.PUBLISHED, by=by, comment="Published.")


def archive(answer, *, by):
    if not can_publish(by):
        raise PermissionDenied("Only publishers can archive answers.")
    return _change_status(answer, Status.ARCHIVED, by=by, comment="Archived.")


def merge(answer, into, *, by):
    """Mark `answer` as replaced by `into`: it is archived and its number redirects for ever."""
    if not can_publish(by):
        raise PermissionDenied("Only publishers can merge answers.")
    problems = merge_problems(answer, into, by)
    if problems:
        raise WorkflowError(problems)
    record_merge(answer, into)
    _save(answer, by=by, comment=f"Merged into {into.label}.")
    return answer


def record_merge(answer, into):
    """Mark `answer` (in memory: the caller saves it) as replaced by `into`, for good."""
    answer.replaced_by = into
    answer.status = Status.ARCHIVED


def mark_reviewed(answer, *, by, today=None):
    record_review(answer, today)
    _save(answer, by=by, comment="Marked as reviewed.")
    return answer


def record_review(answer, today=None):
    """Mark `answer` (in memory: the caller saves it) as checked against the law `today`."""
    answer.last_reviewed = today or timezone.localdate()


@dataclass
class Digest:
    user: object
    owned: list = field(default_factory=list)
    unassigned: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.owned) + len(self.unassigned)


EDITOR_GROUPS = ("Editors", "Publishers")


def review_digests(today=None):
    """One Digest per editor with an email address and something due: the due answers they own,
    and the due answers nobody owns (everyone is reminded of those)."""
    due = list(review_due(today=today).select_related("owner"))
    unassigned = [a for a in due if a.owner_id is None]
    editors = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(groups__name__in=EDITOR_GROUPS) | Q(owned_answers__in=due))
        .distinct()
        .order_by("pk")
    )
    digests = []
    for user in editors:
        digest = Digest(
            user=user, owned=[a for a in due if a.owner_id == user.pk], unassigned=unassigned
        )
        if digest.total:
            digests.append(digest)
    return digests


def days_overdue(answer, today=None):
    today = today or timezone.localdate()
    if answer.review_due is None:
        return 0
    return max(0, (today - answer.review_due).days)


def digest_text(digest, today=None):
    """The plain-text email reminding one editor of their due answers."""
    from django.conf import settings
    from django.urls import reverse

    today = today or timezone.localdate()

    def lines(answers):
        for answer in answers:
            url = settings.SITE_URL + reverse("admin:faq_answer_change", args=[answer.pk])
            late = days_overdue(answer, today)
            when = f"{late} days overdue" if late else "due today"
            yield f"- {answer.label} {answer.question} ({when})\n  {url}"

    name = digest.user.get_full_name() or digest.user.get_username()
    parts = [f"Hello {name},", "", "These answers are due for review against the current law."]
    if digest.owned:
        parts += ["", "Yours:", *lines(digest.owned)]
    if digest.unassigned:
        parts += ["", "Nobody owns these yet:", *lines(digest.unassigned)]
    parts += [
        "",
        "Open each one and check it. Then tick it in the answer list and choose “Mark selected "
        "answers as reviewed today” (publishers may also save it with “Mark as reviewed” "
        "ticked). If it needs changing, ask a publisher: published answers change only "
        "through them.",
        "",
        settings.SITE_NAME,
    ]
    return "\n".join(parts)


def digest_subject(digest):
    """The subject of the email reminding one editor of their due answers."""
    from django.conf import settings

    plural = "s" if digest.total != 1 else ""
    return f"{settings.SITE_NAME}: {digest.total} answer{plural} due for review"


def add_also_asked(answer, phrasing, *, by):
    """Add one "also asked as" phrasing (from the search report) unless the answer has it."""
    phrasing = " ".join(phrasing.split())
    if not phrasing or phrasing.lower() in {p.lower() for p in answer.also_asked_list}:
        return answer
    answer.also_asked = "\n".join([*answer.also_asked_list, phrasing])
    _save(answer, by=by, comment=f"Also asked as “{phrasing}” (from the search report).")
    return answer
