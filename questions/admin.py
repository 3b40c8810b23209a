"""The moderation queue. Every change of status goes through questions.moderation."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timesince import timesince

from common import crisis
from common.dashboard import Count
from common.dashboard import register as register_count
from common.outbox import RetryNowAction

from . import moderation
from .forms_admin import (
    AnswerWithExistingForm,
    AssignForm,
    ButtonOnlyForm,
    CloseForm,
    ConfirmForm,
    ForwardForm,
    ReplyForm,
    TemplateChoiceForm,
    find_existing_answers,
)
from .models import (
    URGENT_FIRST,
    CloseReason,
    InternalNote,
    OutboxMessage,
    ReplyTemplate,
    StatusChange,
    Submission,
)


@dataclass(frozen=True)
class Step:
    """One moderation step in the admin: its button, its page, and what it does.

    `take(item, by, data)` runs the questions.moderation function with the form's cleaned data
    and returns (its result, the message for the moderator); `page` names a method that draws a
    page of the step's own instead of the plain confirmation page."""

    label: str
    form: type
    take: Callable
    button: str = ""
    intro: str = ""
    initial: Callable = lambda item: {}
    page: str = ""


def _posted(request):
    """The POST data to bind a form to, even when it is empty; None on GET."""
    return request.POST if request.method == "POST" else None


class AgeFilter(admin.SimpleListFilter):
    title = "age"
    parameter_name = "age"
    BANDS = {
        "day": ("Less than a day", 0, 1),
        "week": ("1 to 7 days", 1, 7),
        "month": ("8 to 28 days", 7, 28),
        "older": ("More than 28 days", 28, None),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _lo, _hi) in self.BANDS.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.BANDS:
            return queryset
        _label, newest, oldest = self.BANDS[self.value()]
        now = timezone.now()
        queryset = queryset.filter(created_at__lte=now - timedelta(days=newest))
        if oldest is not None:
            queryset = queryset.filter(created_at__gt=now - timedelta(days=oldest))
        return queryset


class WaitingFilter(admin.SimpleListFilter):
    """The queue opens on what is waiting; the other statuses are a click away."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting (new or in progress)"), ("mine", "Assigned to me")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.waiting()
        if self.value() == "mine":
            return queryset.filter(assigned_to=request.user)
        return queryset


class InternalNoteInline(admin.TabularInline):
    model = InternalNote
    fields = ("text", "author", "written")
    readonly_fields = ("author", "written")
    extra = 1
    verbose_name = "internal note"
    verbose_name_plural = "Internal notes (never shown to the person)"

    @admin.display(description="written")
    def written(self, note):
        # The blank row for a new note has no time yet: show none rather than "now".
        if note.pk is None:
            return ""
        return date_format(timezone.localtime(note.created_at), "DATETIME_FORMAT")

    def has_change_permission(self, request, obj=None):
        return False  # notes are kept as written; add another to correct one

    def has_delete_permission(self, request, obj=None):
        return False


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatusChangeInline(_ReadOnlyInline):
    model = StatusChange
    fields = ("at", "action", "from_status", "to_status", "by", "note")
    readonly_fields = fields
    verbose_name_plural = "history"


class OutboxInline(_ReadOnlyInline):
    model = OutboxMessage
    fields = ("created_at", "kind", "to", "subject", "status", "attempts", "sent_at", "last_error")
    readonly_fields = fields
    verbose_name_plural = "emails"


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "question_start",
        "status",
        "waiting_for",
        "force",
        "topic",
        "assigned_to",
        "language",
        "flags",
    )
    list_display_links = ("reference", "question_start")
    list_filter = (
        WaitingFilter,
        "status",
        "language",
        AgeFilter,
        ("force", admin.RelatedOnlyFieldListFilter),
        "topic",
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
        "close_reason",
        "crisis_kind",
        "triage_flagged",
    )
    list_select_related = ("force", "topic", "assigned_to")
    search_fields = ("=reference", "question")
    list_per_page = 50
    actions = ("claim_selected", "close_as_spam")
    change_form_template = "admin/questions/submission/change_form.html"
    inlines = (InternalNoteInline, StatusChangeInline, OutboxInline)
    fieldsets = (
        (
            "Question",
            {
                "fields": (
                    "reference",
                    "status",
                    "created_at",
                    "question",
                    "detail",
                    "force",
                    "crisis_reason",
                    "triage_flagged",
                    "repeat_count",
                )
            },
        ),
        ("Person", {"fields": ("name", "email", "consent_at", "personal_data_erased_at")}),
        (
            "Handling",
            {
                "fields": (
                    "topic",
                    "assigned_to",
                    "claimed_at",
                    "answer_link",
                    "close_reason",
                    "duplicate_of",
                    "forwarded_to",
                    "forwarded_at",
                    "finished_at",
                )
            },
        ),
    )
    readonly_fields = (
        "reference",
        "status",
        "created_at",
        "question",
        "detail",
        "force",
        "crisis_reason",
        "triage_flagged",
        "repeat_count",
        "name",
        "email",
        "consent_at",
        "personal_data_erased_at",
        "assigned_to",
        "claimed_at",
        "answer_link",
        "close_reason",
        "duplicate_of",
        "forwarded_to",
        "forwarded_at",
        "finished_at",
    )

    # --- the list -----------------------------------------------------------------------------

    @admin.display(description="question")
    def question_start(self, obj):
        return Truncator(" ".join(obj.question.split())).chars(90)

    @admin.display(description="waiting", ordering="created_at")
    def waiting_for(self, obj):
        return timesince(obj.created_at).split(",")[0]

    @admin.display(description="flags")
    def flags(self, obj):
        marks = []
        if obj.triage_flagged:
            marks.append("emergency page")
        if obj.repeat_count:
            marks.append(f"sent {obj.repeat_count + 1} times")
        others = ", ".join(marks)
        if not obj.crisis_kind:
            return others
        return format_html(
            '<strong class="crisis-mark crisis-mark--{}">{}</strong>{}',
            "urgent" if obj.crisis_kind in crisis.URGENT else "crime",
            obj.crisis,
            f"; {others}" if others else "",
        )

    @admin.display(description="reads as")
    def crisis_reason(self, obj):
        return obj.crisis or "-"

    # Someone who may be in danger now first, then a crime just reported, then oldest first.
    def get_queryset(self, request):
        return Submission.objects.with_crisis_rank().order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        return URGENT_FIRST

    @admin.display(description="answer")
    def answer_link(self, obj):
        if not obj.answer_id:
            return "-"
        label = f"{obj.answer.label} ({obj.answer.get_status_display()})"
        try:
            url = reverse("admin:faq_answer_change", args=[obj.answer_id])
        except NoReverseMatch:  # answers not in this admin site
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    def has_add_permission(self, request):
        return False  # questions come from the public form only

    def save_model(self, request, obj, form, change):
        # Only the topic is edited here; status changes go through the moderation buttons.
        obj.save(update_fields=["topic", "updated_at"])

    def save_formset(self, request, form, formset, change):
        if formset.model is not InternalNote:
            return super().save_formset(request, form, formset, change)
        for note in formset.save(commit=False):
            moderation.add_note(form.instance, by=request.user, text=note.text)
        return None

    # --- bulk actions ---------------------------------------------------------------------------

    @admin.action(description="Claim the selected questions", permissions=["change"])
    def claim_selected(self, request, queryset):
        claimed, refused = 0, []
        for item in queryset:
            try:
                moderation.claim(item, by=request.user)
            except moderation.ModerationError as exc:
                refused.append(str(exc))
            else:
                claimed += 1
        self.message_user(request, f"Claimed {claimed}.", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)

    @admin.action(description="Close the selected questions as spam", permissions=["change"])
    def close_as_spam(self, request, queryset):
        closed, skipped = moderation.close_many(queryset, by=request.user, reason=CloseReason.SPAM)
        self.message_user(request, f"Closed {len(closed)} as spam.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                "Not closed (already closed, or being handled by a colleague): "
                + ", ".join(skipped),
                messages.WARNING,
            )

    # --- one item: the moderation steps ---------------------------------------------------------

    # Every step moderation.TRANSITIONS knows, written once: its button on the question's page,
    # its confirmation page and what it does. moderation.available_actions decides which buttons
    # show, and when; the step's own function refuses anything else.
    STEPS = {
        "release": Step(
            label="Release",
            button="Put it back in the queue",
            intro="Another moderator will be able to claim it.",
            form=ConfirmForm,
            take=lambda item, by, data: (
                moderation.release(item, by=by, note=data["note"]),
                "Released back to the queue.",
            ),
        ),
        "claim": Step(
            label="Claim",
            button="Claim this question",
            intro="While you hold it, colleagues cannot reply to it or close it.",
            form=ButtonOnlyForm,
            take=lambda item, by, data: (
                moderation.claim(item, by=by),
                "You are now handling this question.",
            ),
        ),
        "assign": Step(
            label="Assign",
            button="Assign",
            form=AssignForm,
            initial=lambda item: {"to": item.assigned_to_id},
            take=lambda item, by, data: (
                moderation.assign(item, to=data["to"], by=by, note=data["note"]),
                f"Assigned to {data['to']}.",
            ),
        ),
        "draft_answer": Step(
            label="Turn into a draft answer",
            button="Create the draft answer",
            intro="A draft answer is created from the question for editors to write up. "
            "When it is published, this question is marked answered and the person is told.",
            form=ButtonOnlyForm,
            take=lambda item, by, data: (
                moderation.make_draft_answer(item, by=by),
                "Draft answer created.",
            ),
        ),
        "answer_with_existing": Step(
            label="Answer with an existing answer",
            form=AnswerWithExistingForm,
            take=lambda item, by, data: (
                moderation.answer_with_existing(
                    item, by=by, answer=data["answer"], note=data["note"]
                ),
                f"Answered with {data['answer'].label}.",
            ),
            page="answer_with_existing_page",
        ),
        "forward": Step(
            label="Forward to a force",
            button="Forward",
            intro="Only the question and detail are sent, never the person's name or email "
            "address. If the force has no email address on file, the forwarding is only recorded.",
            form=ForwardForm,
            initial=lambda item: {"force": item.force_id},
            take=lambda item, by, data: (
                moderation.forward(item, by=by, force=data["force"], note=data["note"]),
                f"Recorded as forwarded to {data['force'].name}"
                + (
                    f" and emailed to {data['force'].questions_email}."
                    if data["force"].questions_email
                    else "."
                ),
            ),
        ),
        "reply": Step(
            label="Reply by email",
            button="Send the reply",
            form=ReplyForm,
            take=lambda item, by, data: (
                moderation.reply(item, by=by, subject=data["subject"], body=data["body"]),
                "Reply queued for sending.",
            ),
            page="reply_page",
        ),
        "close": Step(
            label="Close",
            button="Close this question",
            form=CloseForm,
            take=lambda item, by, data: (
                moderation.close(
                    item,
                    by=by,
                    reason=data["reason"],
                    note=data["note"],
                    duplicate_of=data["duplicate_of"],
                ),
                "Closed.",
            ),
        ),
        "reopen": Step(
            label="Reopen",
            button="Reopen",
            intro="It goes back into the queue as new.",
            form=ConfirmForm,
            take=lambda item, by, data: (
                moderation.reopen(item, by=by, note=data["note"]),
                "Reopened.",
            ),
        ),
    }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, unquote(object_id))
        buttons = []
        if item is not None and self.has_change_permission(request, item):
            buttons = [
                (
                    reverse(f"admin:questions_submission_{action}", args=[item.pk]),
                    self.STEPS[action].label,
                )
                for action in moderation.available_actions(item, request.user)
            ]
        extra_context = {**(extra_context or {}), "moderation_buttons": buttons}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        steps = [
            path(
                f"<int:pk>/{action.replace('_', '-')}/",
                self.admin_site.admin_view(partial(self.step_view, action=action)),
                name=f"questions_submission_{action}",
            )
            for action in self.STEPS
        ]
        return [*steps, *super().get_urls()]

    def _item(self, request, pk):
        item = get_object_or_404(Submission.objects.select_related("assigned_to"), pk=pk)
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        return item

    def step_view(self, request, pk, *, action):
        """A step's page: its form, and on a valid POST the step itself. A refusal from
        questions.moderation is shown as a message on the question's page, never an error."""
        step = self.STEPS[action]
        item = self._item(request, pk)
        form = step.form(_posted(request), initial=step.initial(item))
        if request.method == "POST" and form.is_valid():
            try:
                _taken, success = step.take(item, request.user, form.cleaned_data)
            except moderation.ModerationError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, success, messages.SUCCESS)
            return redirect(reverse("admin:questions_submission_change", args=[item.pk]))
        if step.page:
            return getattr(self, step.page)(request, item, step, form)
        return self._page(request, item, step, form)

    def _page(self, request, item, step, form, intro=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{step.label}: {item.reference}",
            "item": item,
            "form": form,
            "button": step.button,
            "intro": step.intro if intro is None else intro,
        }
        return TemplateResponse(request, "admin/questions/submission/action.html", context)

    def answer_with_existing_page(self, request, item, step, form):
        """Find an answer by words or number, read its summary, send it."""
        query = request.GET.get("q", item.question)[:200]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{step.label}: {item.reference}",
            "item": item,
            "form": form,
            "query": query,
            "matches": find_existing_answers(query),
        }
        return TemplateResponse(
            request, "admin/questions/submission/answer_with_existing.html", context
        )

    def reply_page(self, request, item, step, form):
        """The reply form, filled from a chosen template (in the language asked in)."""
        chooser = TemplateChoiceForm(request.GET or None, language=item.language)
        if request.method != "POST":
            template = chooser.cleaned_data["template"] if chooser.is_valid() else None
            initial = {"subject": f"Your question {item.reference}"}
            if template:
                subject, body = moderation.fill_reply_template(template, item)
                initial = {"subject": subject, "body": body}
            form = ReplyForm(initial=initial)
        intro = f"To: {item.email or '(no email address given)'}"
        response = self._page(request, item, step, form, intro=intro)
        response.context_data["chooser"] = chooser
        return response


class _AuditOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(_AuditOnly):
    list_display = ("at", "submission", "action", "from_status", "to_status", "by", "note")
    list_filter = ("action", "to_status", ("by", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("submission", "by")
    search_fields = ("=submission__reference",)
    date_hierarchy = "at"


class StuckFilter(admin.SimpleListFilter):
    title = "delivery"
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("stuck", "Stuck (failed at least once and not sent)")]

    def queryset(self, request, queryset):
        return queryset.stuck() if self.value() == "stuck" else queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(RetryNowAction, _AuditOnly):
    list_display = (
        "created_at",
        "kind",
        "submission",
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error_start",
    )
    list_filter = (StuckFilter, "status", "kind")
    list_select_related = ("submission",)
    search_fields = ("=submission__reference", "to")
    retry_description = "Try sending the selected emails again"
    retried_message = "{count} email(s) will be sent on the worker's next pass."
    readonly_fields = (
        "submission",
        "kind",
        "to",
        "subject",
        "body",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    )

    @admin.display(description="last error")
    def last_error_start(self, obj):
        return Truncator(obj.last_error).chars(80)


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "language", "subject", "active")
    list_filter = ("active", "language")
    search_fields = ("name", "subject", "body")


# The admin index shows what is waiting (common.dashboard collects every app's counts).
@register_count
def questions_waiting(request):
    if not request.user.has_perm("questions.view_submission"):
        return None
    count = Submission.objects.waiting().count()
    unclaimed = Submission.objects.unclaimed().count()
    label = "question waiting" if count == 1 else "questions waiting"
    label += f" ({unclaimed} not yet claimed)"
    url = reverse("admin:questions_submission_changelist") + "?queue=waiting"
    return Count(label=label, count=count, url=url)


@register_count
def emails_stuck(request):
    if not request.user.has_perm("questions.view_outboxmessage"):
        return None
    count = OutboxMessage.objects.stuck().count()
    if not count:
        return None
    label = (
        "email not sent yet after retrying" if count == 1 else "emails not sent yet after retrying"
    )
    url = reverse("admin:questions_outboxmessage_changelist") + "?delivery=stuck"
    return Count(label=label, count=count, url=url)
