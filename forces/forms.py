from django import forms
from django.utils.translation import gettext_lazy as _


class FindForm(forms.Form):
    q = forms.CharField(
        label=_("Enter your town or postcode"),
        help_text=_("For example: Swindon or SN1 2JG"),
        required=False,
        strip=True,
        widget=forms.TextInput(
            attrs={"class": "input", "autocomplete": "postal-code", "spellcheck": "false"}
        ),
    )
