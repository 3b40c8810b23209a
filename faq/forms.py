from functools import cache

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label="Was this answer helpful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if this answer helped you, or no if it did not"},
    )
    comment = forms.CharField(
        label="How could we improve this answer? (optional)",
        help_text="Do not include personal details such as your name, address or phone number.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Your comment must be 500 characters or fewer"},
    )


def blank_feedback_fields():
    """The feedback form's fields before anyone has typed: the same HTML on every answer page,
    rendered once per process and language (widgets were a tenth of building an answer page)."""
    return _blank_feedback_fields(translation.get_language())


@cache
def _blank_feedback_fields(language):
    return render_to_string("faq/includes/feedback_fields.html", {"feedback_form": FeedbackForm()})
