"""The staff admin for topics and answers.

Rules live in faq.workflow; this module wires them into forms, actions and pages. Every save of
an answer (with its links and local notes) is a django-reversion revision.
"""

import copy
from datetime import timedelta

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from common.admin_side_by_side import SIDE_BY_SIDE, SideBySideAdmin
from forces.models import LocalNote
from web.csp import allow_importmaps

from . import (  # noqa: F401
    admin_dashboard,
    admin_views,
    coverage,
    history,
    topics,
    translations,
    workflow,
)
from .forms_admin import AnswerAdminForm, AnswerTranslationAdminForm
from .models import (
    Answer,
    AnswerTranslation,
    Claim,
    Feedback,
    RelatedLink,
    SearchOutcome,
    SearchQueryDay,
    Status,
    Synonym,
    Topic,
    TopicTranslation,
    UnansweredSearch,
)
from .references import label, typed_number
from .searchlog import struggled_searches
from .topics import refresh_url_paths

# Revisions: an answer is saved together with its links, claims and local notes. The search
# columns are derived (recomputed on every save), so restoring a revision never needs them.
if not reversion.is_registered(AnswerTranslation):
    reversion.register(AnswerTranslation, exclude=("search_vector", "body_text"))
for model in (RelatedLink, Claim, LocalNote):
    if not reversion.is_registered(model):
        reversion.register(model)
if not reversion.is_registered(Answer):
    reversion.register(
        Answer,
        follow=("links", "claims", "local_notes", "translations"),
        exclude=("search_vector", "head_vector", "body_text", "topic_text", "search_words"),
    )


# Topics ------------------------------------------------------------------------------------


class TopicForm(MoveNodeForm):
    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("slug") or ""
        parent = self._new_parent(cleaned)
        url_path = f"{parent.url_path}/{slug}" if parent else slug
        if slug and Topic.objects.filter(url_path=url_path).exclude(pk=self.instance.pk).exists():
            self.add_error("slug", f"Another topic in that place already has the address “{slug}”.")
        return cleaned

    def _new_parent(self, cleaned):
        ref = cleaned.get("treebeard_ref_node")
        if ref is None:
            return None
        if cleaned.get("treebeard_position") in ("first-child", "last-child", "sorted-child"):
            return ref
        return Topic.objects.get_parent(ref)


class TopicTranslationInline(admin.StackedInline):
    model = TopicTranslation
    extra = 1  # a blank Welsh version to fill in, without JavaScript
    max_num = 1
    fields = ["name", "description", "review", "last_reviewed"]
    verbose_name = verbose_name_plural = "Welsh version (Cymraeg)"


@admin.register(Topic)
class TopicAdmin(SideBySideAdmin, TreeAdmin):
    form = movenodeform_factory(Topic, form=TopicForm)
    inlines = [TopicTranslationInline]
    side_by_side_inline = TopicTranslationInline
    side_by_side_pairs = [("name", "name"), ("description", "description")]
    fieldsets = [
        ("Name and description", {"fields": ["name", "description"], "classes": [SIDE_BY_SIDE]}),
        (
            None,
            {
                "fields": [
                    "slug",
                    "display_order",
                    "sensitive",
                    "treebeard_position",
                    "treebeard_ref_node",
                ]
            },
        ),
    ]
    list_display = ["name", "url_path", "answer_count", "sensitive", "display_order"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    delete_confirmation_template = "admin/faq/topic/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/faq/topic/delete_selected_confirmation.html"

    def get_queryset(self, request):
        # As the public topic pages count (TopicQuerySet.with_subtree_answer_counts).
        return super().get_queryset(request).with_subtree_answer_counts()

    @admin.display(description="published answers (with subtopics)", ordering="subtree_answers")
    def answer_count(self, topic):
        return topic.subtree_answers

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:  # a new topic is bumped as it is added (faq.signals), wherever it comes from
            # A Welsh field counts as the English one beside it: a Welsh name is in the Welsh
            # tree, a Welsh description on the topic's own pages. (A new or deleted Welsh
            # version is bumped as it is added or deleted, by faq.signals.)
            welsh = [
                name
                for formset in formsets
                for inline_form in formset.initial_forms
                if inline_form.has_changed()
                for name in inline_form.changed_data
            ]
            topics.topic_changed(form.instance, [*form.changed_data, *welsh])

    def move_node(self, request):
        response = super().move_node(request)
        if response.status_code == 200:
            refresh_url_paths()
        return response

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        held = [
            format_html(
                '<a href="{}">{}</a>: move it to another topic first',
                reverse("admin:faq_answer_change", args=[quote(answer.pk)]),
                answer,
            )
            for answer in Answer.objects.in_subtree(*objs).order_by("number")
        ]
        descendants = [
            f"Topic: {child} (inside {topic})"
            for topic in objs
            for child in Topic.objects.get_descendants(topic)
        ]
        return [*deleted, *descendants], counts, perms_needed, [*protected, *held]


# Answers -----------------------------------------------------------------------------------


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review due"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Due now"), ("soon", "Due within 30 days"), ("later", "Not due")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.review_due(today)
        if self.value() == "soon":
            return queryset.review_due(today + timedelta(days=30))
        if self.value() == "later":
            return queryset.exclude(pk__in=Answer.objects.review_due(today).values("pk"))
        return queryset


class BrokenReferencesFilter(admin.SimpleListFilter):
    title = "references"
    parameter_name = "references"

    def lookups(self, request, model_admin):
        return [("broken", "Refers to missing or unpublished answers"), ("ok", "All fine")]

    def queryset(self, request, queryset):
        broken = Answer.objects.with_broken_references().values("pk")
        if self.value() == "broken":
            return queryset.filter(pk__in=broken)
        if self.value() == "ok":
            return queryset.exclude(pk__in=broken)
        return queryset


class WelshVersionFilter(admin.SimpleListFilter):
    title = "Welsh version"
    parameter_name = "welsh"

    def lookups(self, request, model_admin):
        return [
            ("none", "Has no Welsh version"),
            ("older", "Welsh version older than English"),
            ("awaiting", "Welsh awaiting review"),
            ("reviewed", "Welsh reviewed by a Welsh speaker"),
        ]

    def queryset(self, request, queryset):
        welsh = AnswerTranslation.objects.filter(language="cy")
        if self.value() == "none":
            return queryset.exclude(pk__in=welsh.values("answer_id"))
        if self.value() == "older":
            return queryset.filter(pk__in=translations.outdated_answer_ids("cy"))
        if self.value() in ("awaiting", "reviewed"):
            return queryset.filter(pk__in=welsh.filter(review=self.value()).values("answer_id"))
        return queryset


class AnswerTranslationInline(admin.StackedInline):
    """The Welsh text on the answer's own page, under the English, with its review state."""

    model = AnswerTranslation
    form = AnswerTranslationAdminForm
    extra = 1  # a blank Welsh version to fill in, without JavaScript
    max_num = 1
    fields = [
        "question",
        "summary",
        "body",
        "keywords",
        "also_asked",
        "review",
        "last_reviewed",
        "in_step",
    ]
    readonly_fields = ["in_step"]
    verbose_name = verbose_name_plural = "Welsh version (Cymraeg)"
    classes = ["welsh-version"]

    @admin.display(description="English changed since")
    def in_step(self, row):
        if row.pk is None:
            return "-"
        if translations.is_outdated(row):
            return "Yes: the English text has changed since this Welsh version was saved."
        return "No: this Welsh version follows the current English text."


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    extra = 0
    fields = ["title", "title_cy", "url", "description", "order"]
    verbose_name = "Related Information link"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ClaimInline(admin.TabularInline):
    """The claims list: each number, age, time limit, penalty, section and phone number in the
    answer, with the page and the words that confirm it. Staff only, like Sources."""

    model = Claim
    extra = 0
    fields = ["statement", "source_url", "confirming_words", "order"]
    verbose_name = "claim (staff only)"
    verbose_name_plural = "Claims list (staff only): what the answer states and what confirms it"
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }


class LocalNoteInline(admin.StackedInline):
    """Every force's note on this answer: for answer editors only (force editors use forces)."""

    model = LocalNote
    extra = 0
    fields = ["force", "body"]

    def _answer_editor(self, request):
        return request.user.has_perm("faq.change_answer")

    def has_view_permission(self, request, obj=None):
        return self._answer_editor(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._answer_editor(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._answer_editor(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._answer_editor(request) and super().has_delete_permission(request, obj)


@admin.register(Answer)
class AnswerAdmin(SideBySideAdmin, VersionAdmin):
    form = AnswerAdminForm
    inlines = [RelatedLinkInline, ClaimInline, AnswerTranslationInline, LocalNoteInline]
    side_by_side_inline = AnswerTranslationInline
    side_by_side_pairs = [
        (name, name) for name in ("question", "summary", "body", "also_asked", "keywords")
    ]
    side_by_side_welsh_only = ("review", "last_reviewed", "in_step")
    list_display = [
        "number",
        "question",
        "status",
        "primary_topic",
        "jurisdiction",
        "last_reviewed",
        "review_due_display",
        "updated_at",
    ]
    list_display_links = ["number", "question"]
    list_filter = [
        "status",
        "topics",
        "jurisdiction",
        ReviewDueFilter,
        BrokenReferencesFilter,
        WelshVersionFilter,
    ]
    list_select_related = ["primary_topic"]
    search_fields = ["question", "summary", "keywords", "body_text"]
    search_help_text = "Search by number (Q497 or 497), question, summary, keywords or text."
    autocomplete_fields = ["primary_topic", "replaced_by"]
    filter_horizontal = ["topics"]
    history_latest_first = True
    edit = workflow.EDIT  # restoring and recovering use a copy with their own (_for_edit)
    object_history_template = "admin/faq/answer/object_history.html"
    actions = ["submit_for_review", "publish_selected", "archive_selected", "mark_reviewed"]
    readonly_fields = [
        "preview_link",
        "reference_check",
        "published_at",
        "last_reviewed",
        "review_due",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["number", "slug"]}),
        (
            "The answer",
            {
                "fields": ["question", "summary", "body", "also_asked", "keywords"],
                "classes": [SIDE_BY_SIDE],
            },
        ),
        ("For staff only", {"fields": ["sources"]}),
        ("Where it appears", {"fields": ["primary_topic", "topics", "jurisdiction", "home_pick"]}),
        (
            "Workflow",
            {
                "fields": [
                    "status",
                    "preview_link",
                    "reference_check",
                    "owner",
                    "replaced_by",
                    "published_at",
                ]
            },
        ),
        (
            "Review",
            {
                "fields": [
                    "mark_reviewed",
                    "last_reviewed",
                    "review_interval_months",
                    "review_due",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    # Pages ---------------------------------------------------------------------------------

    def view_on_site(self, answer):
        # On a form with errors `answer` holds what was typed, which may be a blank slug.
        if not answer.number:
            return None
        if answer.is_published and answer.slug:
            return answer.get_absolute_url()
        return reverse("faq:answer_preview", kwargs={"number": answer.number})

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # Numbers are quoted in letters and leaflets: once given, never changed.
            fields.insert(0, "number")
        if self.edit.recovering:
            fields.append("status")  # always comes back as a draft (workflow.record_edit)
        return fields

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        # When restoring a revision the old one is already written back: judge the answer as
        # it stood before (self.edit, from workflow.restore or workflow.recover).
        status = obj.status if self.edit.starts_from_stored else self.edit.status
        return workflow.can_change(request.user, status)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and self.has_change_permission(request, obj):
            return fieldsets
        if obj is None:
            return fieldsets
        # Read-only visitors (moderators) have no form, so no form-only field.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "mark_reviewed"]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user, "edit": self.edit})

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        number = typed_number(search_term)
        if number is not None:
            results = results | queryset.filter(number=number)
        return results, may_have_duplicates

    def get_ordering(self, request):
        """A search for "Q905" means that answer: it comes first, then those that mention it."""
        ordering = list(super().get_ordering(request) or ())
        number = typed_number(request.GET.get(SEARCH_VAR, ""))
        if number is None:
            return ordering
        return [Case(When(number=number, then=0), default=1).asc(), *ordering]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return allow_importmaps(
            super().changeform_view(request, object_id, form_url, extra_context)
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring goes through the change form, whose rules must judge the change against the
        # answer as it is now, not as the old revision (already written back by then) left it.
        current = _answer_or_404(object_id)
        if not str(version_id).isdigit():
            raise Http404("No such revision")
        restoring = self._for_edit(workflow.restore(current))
        return super(AnswerAdmin, restoring).revision_view(
            request, object_id, version_id, extra_context
        )

    # Recovering deleted answers -----------------------------------------------------------

    def recoverlist_view(self, request, extra_context=None):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """Superusers only; the answer comes back as a draft, under its own number, which leaves
        the retired list (refused if anything else holds it now)."""
        if not request.user.is_superuser:
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(Answer), pk=version_id)
        try:
            edit = workflow.recover(version.field_dict.get("number"), by=request.user)
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:faq_answer_changelist")
        recovering = self._for_edit(edit)
        return super(AnswerAdmin, recovering).recover_view(request, version_id, extra_context)

    def _for_edit(self, edit):
        """This admin for one restore or recovery: its hooks (permissions, form, save) judge
        and save the change by `edit`, handed to it here rather than left on the request."""
        admin_for_edit = copy.copy(self)
        admin_for_edit.edit = edit
        return admin_for_edit

    # Saving --------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change and obj.owner_id is None:
            obj.owner = request.user
        workflow.record_edit(obj, self.edit)
        if self.edit.recovering:
            self.message_user(
                request,
                f"{obj.label} is back as a draft: check it, then publish it.",
                messages.INFO,
            )
        into = form.merge_into  # the form has checked the merge against workflow's rules
        if into is not None:
            workflow.record_merge(obj, into)
        if form.cleaned_data.get("mark_reviewed"):
            workflow.record_review(obj)
        # One save; what follows from it (workflow.answer_changed) runs once, in save_related,
        # after the topics and links are saved too, from the state read here (or, restoring,
        # before the old revision was written back).
        form.before = self.edit.before or workflow.snapshot(obj)
        super().save_model(request, obj, form, change)
        if into is not None:
            self.message_user(
                request, f"{obj.label} now redirects to {into.label} for good.", messages.INFO
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        answer = form.instance
        workflow.answer_changed(answer, form.before)
        for formset in formsets:
            if formset.model is AnswerTranslation:
                # Saved next to the English text as it now stands: the two are in step.
                for row in [*formset.new_objects, *(o for o, _ in formset.changed_objects)]:
                    translations.mark_in_step(row, answer)
        broken = workflow.broken_references(answer)
        if broken and answer.status != Status.PUBLISHED:
            self.message_user(
                request,
                f"{answer.label} refers to answers that do not exist or are not published: "
                f"{workflow.describe_numbers(broken)}. It cannot be published until they are.",
                messages.WARNING,
            )

    # Read-only fields and columns ----------------------------------------------------------

    @admin.display(description="preview")
    def preview_link(self, answer):
        if answer.pk is None:
            return "Save first to preview."
        preview = reverse("faq:answer_preview", kwargs={"number": answer.number})
        if answer.is_published and answer.slug:
            return format_html(
                '<a href="{}">Preview</a> · <a href="{}">On the site</a>',
                preview,
                answer.get_absolute_url(),
            )
        return format_html('<a href="{}">Preview as the public would see it</a>', preview)

    @admin.display(description="references")
    def reference_check(self, answer):
        if answer.pk is None:
            return "-"
        broken = workflow.broken_references(answer)
        if not broken:
            return "Every Q-number it mentions is published."
        return format_html(
            '<strong class="errornote">Refers to answers that do not exist or are not '
            "published: {}</strong>",
            workflow.describe_numbers(broken),
        )

    @admin.display(description="review due", ordering="review_due")
    def review_due_display(self, answer):
        if answer.review_due is None:
            return "-"
        due = answer.status == Status.PUBLISHED and answer.review_due <= timezone.localdate()
        date = date_format(answer.review_due, "j M Y")
        return format_html("<strong>{} (due)</strong>", date) if due else date

    # Actions -------------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def _run(self, request, queryset, action, done):
        succeeded, failed = 0, []
        for answer in queryset:
            try:
                action(answer, by=request.user)
                succeeded += 1
            except workflow.WorkflowError as error:
                failed.append(f"{answer.label}: {error}")
        if succeeded:
            self.message_user(request, f"{succeeded} {done}.", messages.SUCCESS)
        for problem in failed:
            self.message_user(request, problem, messages.ERROR)

    @admin.action(description="Submit selected answers for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._run(request, queryset, workflow.submit_for_review, "submitted for review")

    @admin.action(description="Publish selected answers", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._run(request, queryset, workflow.publish, "published")

    @admin.action(description="Archive selected answers", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._run(request, queryset, workflow.archive, "archived")

    @admin.action(description="Mark selected answers as reviewed today", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        self._run(request, queryset, workflow.mark_reviewed, "marked as reviewed")

    # History -------------------------------------------------------------------------------

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        report = self.admin_site.admin_view(admin_views.content_report_view)
        return [
            path("content-report/", report, name="faq_answer_content_report"),
            path("<path:object_id>/history/compare/", compare, name="faq_answer_compare"),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        versions = list(
            Version.objects.get_for_object_reference(Answer, unquote(object_id))
            .select_related("revision", "revision__user")
            .order_by("-pk")
        )
        compare_url = reverse("admin:faq_answer_compare", args=[object_id])
        rows = [
            {
                "revision": version.revision,
                "url": reverse("admin:faq_answer_revision", args=[object_id, version.pk]),
                "compare_url": f"{compare_url}?from={older.pk}&to={version.pk}" if older else "",
            }
            for version, older in zip(versions, [*versions[1:], None][: len(versions)], strict=True)
        ]
        return super().history_view(
            request, object_id, {**(extra_context or {}), "action_list": rows}
        )

    def compare_view(self, request, object_id):
        answer = _answer_or_404(object_id)
        if not self.has_view_or_change_permission(request, answer):
            raise PermissionDenied
        versions = Version.objects.get_for_object(answer).select_related("revision__user")
        older = get_object_or_404(versions, pk=_version_id(request.GET.get("from")))
        newer = get_object_or_404(versions, pk=_version_id(request.GET.get("to")))
        if older.pk > newer.pk:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": answer,
            "title": f"Changes to {answer.label}",
            "older": older,
            "newer": newer,
            "diffs": history.compare(older, newer),
            "restore_url": reverse("admin:faq_answer_revision", args=[quote(answer.pk), older.pk]),
            "can_restore": self.has_change_permission(request, answer),
        }
        return TemplateResponse(request, "admin/faq/answer/compare.html", context)


def _answer_or_404(object_id):
    """The answer an admin URL names; a malformed id ("abc") is simply not found."""
    object_id = unquote(object_id)
    if not str(object_id).isdigit():
        raise Http404("No such answer")
    return get_object_or_404(Answer, pk=int(object_id))


def _version_id(value):
    return int(value) if value and value.isdigit() else 0


# What readers tell us ----------------------------------------------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["answer", "helpful", "comment", "created_at"]
    list_filter = ["helpful", "created_at"]
    list_select_related = ["answer"]
    search_fields = ["comment", "answer__question"]


@admin.register(UnansweredSearch)
class UnansweredSearchAdmin(ReadOnlyAdmin):
    list_display = ["query", "count", "first_seen", "last_seen"]
    search_fields = ["query"]


# Search: synonyms and the searches people struggled with ------------------------------------


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "replacements", "nation", "created_at"]
    list_filter = ["nation"]
    search_fields = ["term", "replacements"]
    ordering = ["term"]


class AlsoAskedForm(forms.Form):
    phrasing = forms.CharField(max_length=255, help_text="As the person typed it, or tidied.")
    number = forms.IntegerField(label="Answer number", min_value=1, help_text="For example 497.")

    def clean_number(self):
        number = self.cleaned_data["number"]
        if not Answer.objects.filter(number=number).exists():
            raise forms.ValidationError(f"There is no answer {label(number)}.")
        return number


@admin.register(SearchQueryDay)
class SearchQueryDayAdmin(ReadOnlyAdmin):
    """The editors' report: what people searched for that found nothing, or only after its
    spelling was corrected, most frequent first, over a chosen period."""

    PERIODS = (7, 30, 90, 365)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        extra = [
            path(
                "also-asked/",
                self.admin_site.admin_view(self.also_asked_view),
                name="faq_searchqueryday_also_asked",
            )
        ]
        return extra + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            days = int(request.GET.get("days", "30"))
        except ValueError:
            days = 30
        days = days if days in self.PERIODS else 30
        outcome = request.GET.get("outcome")
        outcome = outcome if outcome in SearchOutcome.values else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Searches people struggled with",
            "rows": struggled_searches(days=days, outcome=outcome)[:300],
            "days": days,
            "periods": self.PERIODS,
            "outcome": outcome,
            "outcomes": SearchOutcome.choices,
            "can_add_synonym": request.user.has_perm("faq.add_synonym"),
            "can_add_also_asked": request.user.has_perm("faq.change_answer"),
        }
        # The second source of what to write next: the map's questions with no answer yet.
        context["coverage"] = coverage.coverage_report()
        context["coverage_unanswered"] = coverage.unanswered_by_area(context["coverage"])
        return TemplateResponse(request, "admin/faq/searchqueryday/report.html", context)

    def also_asked_view(self, request):
        if not request.user.has_perm("faq.change_answer"):
            raise PermissionDenied
        form = AlsoAskedForm(request.POST or None, initial={"phrasing": request.GET.get("q", "")})
        if request.method == "POST" and form.is_valid():
            answer = Answer.objects.get(number=form.cleaned_data["number"])
            if not workflow.can_change(request.user, answer.status):
                # The same rule as the answer's own change form: a word of a live answer is
                # published, so only a publisher may add it (issue 23, finding 5).
                form.add_error(
                    "number",
                    f"{answer.label} is published: only a publisher can change it. "
                    "Ask a publisher to add this phrasing.",
                )
                return self._also_asked_form(request, form, status=403)
            workflow.add_also_asked(answer, form.cleaned_data["phrasing"], by=request.user)
            self.message_user(
                request,
                f"{answer.label} is now also found as “{form.cleaned_data['phrasing']}”.",
            )
            return redirect("admin:faq_searchqueryday_changelist")
        return self._also_asked_form(request, form)

    def _also_asked_form(self, request, form, status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Add as “also asked as” to an answer",
            "form": form,
        }
        return TemplateResponse(
            request, "admin/faq/searchqueryday/also_asked.html", context, status=status
        )
