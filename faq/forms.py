from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Was this answer helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if this answer helped you, or no if it did not")},
    )
    comment = forms.CharField(
        label=_("How could we improve this answer? (optional)"),
        help_text=_("Do not include personal details such as your name, address or phone number."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Your comment must be 500 characters or fewer")},
    )
