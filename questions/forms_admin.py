"""Forms behind the moderation buttons on a submission's admin page."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from faq.models import Answer
from faq.references import label, typed_number
from faq.search import similar_answers
from forces.models import Force

from .models import CloseReason, ReplyTemplate


class ButtonOnlyForm(forms.Form):
    """A step confirmed by its button alone. Claiming and making a draft answer record no note
    in the audit trail, so their pages offer none."""


class ConfirmForm(forms.Form):
    """A step confirmed with an optional note, kept in the question's history."""

    note = forms.CharField(
        label="Note for the audit trail (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def moderators():
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return users.filter(Q(is_superuser=True) | Q(groups__name="Moderators")).distinct()


class AssignForm(ConfirmForm):
    to = forms.ModelChoiceField(label="Assign to", queryset=None)

    field_order = ["to", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = moderators().order_by("username")


class ReplyForm(forms.Form):
    subject = forms.CharField(max_length=150)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 18, "cols": 80}))


class TemplateChoiceForm(forms.Form):
    template = forms.ModelChoiceField(
        label="Start from a template",
        queryset=ReplyTemplate.objects.filter(active=True),
        required=False,
        empty_label="(blank)",
    )

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        if language:  # a question asked in Welsh is answered from the Welsh templates
            self.fields["template"].queryset = ReplyTemplate.objects.filter(
                active=True, language=language
            )


class CloseForm(ConfirmForm):
    reason = forms.ChoiceField(choices=CloseReason.choices, widget=forms.RadioSelect)
    duplicate_of = forms.IntegerField(
        label="Duplicate of answer number",
        required=False,
        min_value=1,
        help_text="Only for duplicates: the Q-number of the answer, e.g. 497 for Q497.",
    )

    field_order = ["reason", "duplicate_of", "note"]

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("duplicate_of")
        if cleaned.get("reason") != CloseReason.DUPLICATE:
            cleaned["duplicate_of"] = None
            return cleaned
        if not number:
            self.add_error("duplicate_of", "Give the number of the answer this duplicates.")
            return cleaned
        answer = Answer.objects.filter(number=number).first()
        if answer is None:
            self.add_error("duplicate_of", f"There is no answer {label(number)}.")
        cleaned["duplicate_of"] = answer
        return cleaned


class ForwardForm(ConfirmForm):
    force = forms.ModelChoiceField(queryset=Force.objects.all())

    field_order = ["force", "note"]


class AnswerWithExistingForm(ConfirmForm):
    answer = forms.IntegerField(
        label="Answer number", min_value=1, error_messages={"required": "Choose an answer."}
    )

    field_order = ["answer", "note"]

    def clean_answer(self):
        number = self.cleaned_data["answer"]
        answer = Answer.objects.filter(number=number).first()
        if answer is None:
            raise forms.ValidationError(f"There is no answer {label(number)}.")
        return answer


def find_existing_answers(query, limit=10):
    """Published answers for a moderator's words ("pestering") or number ("Q497"), best first."""
    number = typed_number(query)
    if number is not None:
        return list(Answer.objects.published().filter(number=number))
    return similar_answers(query, limit=limit)
