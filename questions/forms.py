"""The two steps of the question form, and the signed hidden fields that carry it between them.

Nothing is kept on the server (and no cookie is set) until the question is sent: each step's
page carries what was typed so far in a hidden field signed with django.core.signing, so it
cannot be altered, and it never expires, so nothing typed is lost to a timeout.
"""

import re
import time

from django import forms
from django.core import signing
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forces.models import Force

QUESTION_MIN, QUESTION_MAX = 10, 2000
DETAIL_MAX = 5000
NAME_MAX = 100
MAX_LINKS = 2
# A person needs more than this to read the page, type a question and continue; scripts do not.
MIN_SECONDS_TO_FILL = 5

DRAFT_SALT = "questions.draft"
CONFIRM_SALT = "questions.confirm"
STARTED_SALT = "questions.started"
_LINK_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|info|ru|xyz|io)\b", re.I)


def count_links(*texts):
    return sum(len(_LINK_RE.findall(text or "")) for text in texts)


def sign(data, salt):
    return signing.dumps(data, salt=salt, compress=True)


def unsign(token, salt):
    """The data in a signed hidden field, or None if it is missing or has been altered."""
    try:
        data = signing.loads(token or "", salt=salt)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def started_token(now=None):
    return sign({"t": now if now is not None else time.time()}, STARTED_SALT)


def started_at(token):
    data = unsign(token, STARTED_SALT)
    value = data.get("t") if data else None
    return value if isinstance(value, int | float) else None


def filled_too_fast(started, now=None):
    if started is None:
        return True
    return (now if now is not None else time.time()) - started < MIN_SECONDS_TO_FILL


def _text_field(label, *, minimum=None, maximum, required, help_text="", rows=5, messages=()):
    # Limits are validators rather than max_length so the browser never cuts off pasted text:
    # the person sees a message and keeps everything they typed.
    messages = dict(messages)
    validators = [MaxLengthValidator(maximum, message=messages["max"])]
    if minimum:
        validators.append(MinLengthValidator(minimum, message=messages["min"]))
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        validators=validators,
        widget=forms.Textarea(attrs={"rows": rows, "spellcheck": "true", "class": "textarea"}),
        error_messages={"required": messages.get("required", "")},
    )


class HoneypotMixin(forms.Form):
    # Hidden from people (the template wraps it in a `hidden` element); scripts fill it in.
    website = forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def honeypot_filled(self):
        return bool(self.cleaned_data.get("website"))


class QuestionForm(HoneypotMixin):
    question = _text_field(
        _("Your question"),
        minimum=QUESTION_MIN,
        maximum=QUESTION_MAX,
        required=True,
        help_text=_(
            "Tell us what you want to know. Do not include names, addresses or phone "
            "numbers. You can add more detail on the next page."
        ),
        rows=5,
        messages={
            "required": _("Enter your question"),
            "min": format_lazy(
                _("Your question must be at least {count} characters"), count=QUESTION_MIN
            ),
            "max": format_lazy(
                _("Your question must be {count} characters or fewer"), count=f"{QUESTION_MAX:,}"
            ),
        },
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_question(self):
        question = self.cleaned_data["question"]
        if count_links(question) > MAX_LINKS:
            raise forms.ValidationError(
                _("Your question can include up to %(count)s web links. Please remove the others")
                % {"count": MAX_LINKS}
            )
        return question

    def draft(self):
        """What the next step carries forward in its signed hidden field."""
        return {
            "q": self.cleaned_data["question"],
            "t": started_at(self.cleaned_data.get("started")),
            "hp": self.honeypot_filled,
        }


class ForceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DetailsForm(HoneypotMixin):
    draft = forms.CharField(widget=forms.HiddenInput)
    detail = _text_field(
        _("More detail (optional)"),
        maximum=DETAIL_MAX,
        required=False,
        help_text=_(
            "Anything that would help us answer, such as when it started. "
            "Please leave out names and addresses."
        ),
        rows=8,
        messages={
            "max": format_lazy(
                _("More detail must be {count} characters or fewer"), count=f"{DETAIL_MAX:,}"
            )
        },
    )
    force = ForceChoiceField(
        label=_("Your police force area (optional)"),
        queryset=Force.objects.territorial(),
        required=False,
        empty_label=_("I am not sure, or I would rather not say"),
        help_text=_("So we can tell you about local services."),
        error_messages={"invalid_choice": _("Select a police force from the list")},
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        validators=[
            MaxLengthValidator(
                NAME_MAX,
                message=format_lazy(
                    _("Your name must be {count} characters or fewer"), count=NAME_MAX
                ),
            )
        ],
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        max_length=254,
        help_text=_(
            "Only if you would like us to tell you when your question has been answered. "
            "Do not give an address that someone else can read if that could put you at risk."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that you may use my email address "
            "to reply to me"
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser must never trim an address: the check above says what is wrong instead.
        self.fields["email"].widget.attrs.pop("maxlength", None)

    def clean_draft(self):
        draft = unsign(self.cleaned_data["draft"], DRAFT_SALT)
        if not draft or not isinstance(draft.get("q"), str):
            raise forms.ValidationError(
                _("Sorry, we could not read your question. Please start again")
            )
        return draft

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _(
                    "Select the box to agree to the privacy notice, or leave the email address "
                    "empty"
                ),
            )
        draft = cleaned.get("draft") or {}
        if count_links(draft.get("q", ""), cleaned.get("detail", "")) > MAX_LINKS:
            self.add_error(
                "detail",
                _(
                    "Your question and detail can include up to %(count)s web links in total. "
                    "Please remove the others"
                )
                % {"count": MAX_LINKS},
            )
        return cleaned

    def payload(self):
        """Everything needed to save the question, as plain data for a signed hidden field."""
        draft = self.cleaned_data["draft"]
        force = self.cleaned_data.get("force")
        return {
            "q": draft["q"],
            "t": draft.get("t"),
            "hp": bool(draft.get("hp")) or self.honeypot_filled,
            "d": self.cleaned_data.get("detail", ""),
            "f": force.pk if force else None,
            "n": self.cleaned_data.get("name", ""),
            "e": self.cleaned_data.get("email", ""),
            "c": bool(self.cleaned_data.get("consent")),
        }


def details_initial(payload):
    """Initial values that put a payload back into the details form (going back a step)."""
    return {
        "draft": sign(
            {"q": payload["q"], "t": payload.get("t"), "hp": payload.get("hp")}, DRAFT_SALT
        ),
        "detail": payload.get("d", ""),
        "force": payload.get("f"),
        "name": payload.get("n", ""),
        "email": payload.get("e", ""),
        "consent": payload.get("c", False),
    }


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference"),
        help_text=_(
            "It looks like Q-7KD3-9XFA. You will find it on the page you saw after sending "
            "your question, and in our email if you gave an address."
        ),
        max_length=40,
        error_messages={"required": _("Enter your reference")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
