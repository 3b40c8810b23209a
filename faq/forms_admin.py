"""The staff form for an answer: the rich-text body and the workflow checks with clear messages."""

from django import forms
from django.utils.html import strip_tags
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from common.sanitise import sanitise_html

from . import workflow
from .models import Answer, AnswerTranslation, Status
from .references import label

# What the editor offers: exactly what answers need. Whatever the browser sends is still cleaned
# by faq.sanitise (here and again in Answer.save), so this list is for the toolbar, not safety.
BODY_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "HardBreak": True,
    "Blockquote": True,
}


class PlainNewlinesMixin:
    """Browsers send a text box's lines ending in CR LF; what is stored ends them in LF. Read
    them as LF, so a box nobody touched is neither saved differently nor listed in the history
    as changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound or not hasattr(self.data, "getlist"):
            return
        boxes = [
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.Textarea)
        ]
        if not any("\r" in value for key in boxes for value in self.data.getlist(key, [])):
            return
        self.data = self.data.copy()
        for key in boxes:
            values = self.data.getlist(key, [])
            self.data.setlist(key, [value.replace("\r\n", "\n") for value in values])


class AnswerAdminForm(PlainNewlinesMixin, forms.ModelForm):
    body = ProseEditorFormField(
        label="Body",
        config={"extensions": BODY_EXTENSIONS},
        sanitize=sanitise_html,
        widget=AdminProseEditorWidget,
        help_text="Write Q497 to refer to another answer: it becomes a link once that one is "
        "published.",
    )
    mark_reviewed = forms.BooleanField(
        required=False,
        label="Mark as reviewed",
        help_text="Tick when you have checked the whole answer against the current law: "
        "sets “last reviewed” to today.",
    )

    # Set by AnswerAdmin.get_form: the workflow rules depend on who is saving, and on what the
    # change starts from (workflow.Edit: an edit, a restored revision, a recovered answer).
    user = None
    edit = workflow.EDIT
    merge_into = None

    class Meta:
        model = Answer
        fields = [
            "number",
            "question",
            "slug",
            "summary",
            "body",
            "keywords",
            "also_asked",
            "sources",
            "primary_topic",
            "topics",
            "jurisdiction",
            "status",
            "owner",
            "replaced_by",
            "review_interval_months",
        ]
        # Wide enough to read the whole question; the summary a few lines tall, never wider
        # than the window (the admin's vLargeTextField is 100% wide up to its container).
        widgets = {
            "question": forms.TextInput(attrs={"class": "vLargeTextField", "size": 80}),
            "summary": forms.Textarea(attrs={"class": "vLargeTextField", "rows": 3}),
        }

    def clean_number(self):
        number = self.cleaned_data.get("number")
        if not number:
            return None
        if Answer.objects.number_taken(number, exclude_pk=self.instance.pk):
            holder = Answer.objects.filter(number=number).exclude(pk=self.instance.pk).first()
            if holder is not None:
                reason = f"{label(number)} is already used by “{holder.question}”."
            else:
                reason = (
                    f"{label(number)} belonged to an answer that was deleted, and numbers are "
                    "never reused (they may be quoted in letters and leaflets)."
                )
            raise forms.ValidationError(
                f"{reason} Leave the number blank to take the next free one "
                f"({label(Answer.objects.next_free_number())}).",
                code="number_taken",
            )
        return number

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        if not strip_tags(body).strip():
            raise forms.ValidationError("Write the answer.", code="required")
        return body

    def before(self):
        """Status and replacement as they stand now (from the edit when restoring a revision,
        which writes the old values back before the form runs)."""
        if not self.edit.starts_from_stored:
            return {"status": self.edit.status, "replaced_by_id": self.edit.replaced_by_id}
        if self.instance.pk is None:
            return {"status": None, "replaced_by_id": None}
        return {"status": self.instance.status, "replaced_by_id": self.instance.replaced_by_id}

    def clean(self):
        cleaned = super().clean()
        answer, before = self.instance, self.before()
        self.merge_into = None
        new_status = cleaned.get("status")
        if new_status:
            body = cleaned.get("body", answer.body)
            old_status = before["status"] or Status.DRAFT
            for problem in workflow.status_problems(
                answer, old_status, new_status, self.user, body=body
            ):
                self.add_error("status", problem)
        if "replaced_by" in self.fields:
            into = cleaned.get("replaced_by")
            if (into.pk if into else None) != before["replaced_by_id"]:
                if into is None:
                    if not workflow.can_publish(self.user):
                        self.add_error("replaced_by", "Only publishers can merge answers.")
                else:
                    problems = workflow.merge_problems(answer, into, self.user)
                    for problem in problems:
                        self.add_error("replaced_by", problem)
                    if not problems:
                        self.merge_into = into
        return cleaned


class AnswerTranslationAdminForm(PlainNewlinesMixin, forms.ModelForm):
    body = ProseEditorFormField(
        label="Body (Welsh)",
        config={"extensions": BODY_EXTENSIONS},
        sanitize=sanitise_html,
        widget=AdminProseEditorWidget,
        help_text="Q-numbers, phone numbers and Act names exactly as in the English.",
    )

    class Meta:
        model = AnswerTranslation
        fields = [
            "question",
            "summary",
            "body",
            "keywords",
            "also_asked",
            "review",
            "last_reviewed",
        ]
