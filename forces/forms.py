from django import forms


class FindForm(forms.Form):
    q = forms.CharField(
        label="Enter your town or postcode",
        help_text="For example: Swindon or SN1 2JG",
        max_length=500,
        required=False,
        strip=True,
        widget=forms.TextInput(
            attrs={"class": "input", "autocomplete": "postal-code", "spellcheck": "false"}
        ),
    )
