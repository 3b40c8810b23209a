"""The two steps of the question form, and the signed hidden fields that carry it between them.

Nothing is kept on the server (and no cookie is set) until the question is sent: each step's
page carries what was typed so far in a hidden field signed with django.core.signing, so it
cannot be altered, and it never expires, so nothing typed is lost to a timeout.
"""

import dataclasses
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


@dataclasses.dataclass(frozen=True)
class QuestionFormState:
    """What the person has typed so far, carried from step to step in a signed hidden field.

    Step 1 fills in the question (and when the form was started, and whether the hidden
    honeypot box was filled); step 2 adds the rest. `to_token` / `from_token` are the only
    places it is packed and unpacked.
    """

    question: str
    started: float | None = None
    honeypot: bool = False
    detail: str = ""
    force_id: int | None = None
    name: str = ""
    email: str = ""
    consent: bool = False
    # The kind of crisis (common.crisis) the emergency page was shown for, once it has been.
    crisis_shown: str = ""

    # The keys in the token: short, because the token is sent back with every step.
    _KEYS = {
        "question": "q",
        "started": "t",
        "honeypot": "hp",
        "detail": "d",
        "force_id": "f",
        "name": "n",
        "email": "e",
        "consent": "c",
        "crisis_shown": "k",
    }
    _TYPES = {
        "question": str,
        "started": int | float | None,
        "honeypot": bool,
        "detail": str,
        "force_id": int | None,
        "name": str,
        "email": str,
        "consent": bool,
        "crisis_shown": str,
    }

    def to_token(self, salt=DRAFT_SALT):
        return sign({key: getattr(self, name) for name, key in self._KEYS.items()}, salt)

    @classmethod
    def from_token(cls, token, salt=DRAFT_SALT):
        """The state in a signed hidden field, or None if it is missing, altered or not one."""
        data = unsign(token, salt)
        if data is None:
            return None
        values = {name: data[key] for name, key in cls._KEYS.items() if key in data}
        if not all(isinstance(value, cls._TYPES[name]) for name, value in values.items()):
            return None
        if "question" not in values:
            return None
        return cls(**values)

    def first_step(self):
        """Only what step 1 gave: what step 2 starts from when the person goes back to it."""
        return QuestionFormState(
            question=self.question,
            started=self.started,
            honeypot=self.honeypot,
            crisis_shown=self.crisis_shown,
        )


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

    def state(self):
        """What the next step carries forward in its signed hidden field."""
        return QuestionFormState(
            question=self.cleaned_data["question"],
            started=started_at(self.cleaned_data.get("started")),
            honeypot=self.honeypot_filled,
        )


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

    @classmethod
    def without_database(cls, data):
        """The form bound to `data` when the database is down: the force list cannot be read,
        so it offers only the force the person had chosen (kept as its id) or none."""
        form = cls(data)
        chosen = str(data.get("force") or "")
        field = form.fields["force"]
        choices = [("", field.empty_label)]
        if chosen:
            choices.append((chosen, _("The police force you chose")))
        form.fields["force"] = forms.ChoiceField(
            label=field.label, help_text=field.help_text, required=False, choices=choices
        )
        return form

    def clean_draft(self):
        draft = QuestionFormState.from_token(self.cleaned_data["draft"])
        if draft is None:
            raise forms.ValidationError(
                _("Sorry, we could not read your question. Please start again")
            )
        return draft

    def clean(self):
        cleaned = super().clean()
        # Whatever was typed, valid or not: a mistyped address and an unticked box are two
        # mistakes, and the person is told both at once, not the second after fixing the first.
        typed_email = str(self.data.get(self.add_prefix("email"), "")).strip()
        if (cleaned.get("email") or typed_email) and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _(
                    "Select the box to agree to the privacy notice, or leave the email address "
                    "empty"
                ),
            )
        question = cleaned["draft"].question if cleaned.get("draft") else ""
        if count_links(question, cleaned.get("detail", "")) > MAX_LINKS:
            self.add_error(
                "detail",
                _(
                    "Your question and detail can include up to %(count)s web links in total. "
                    "Please remove the others"
                )
                % {"count": MAX_LINKS},
            )
        return cleaned

    def state(self):
        """Everything needed to save the question."""
        draft = self.cleaned_data["draft"]
        force = self.cleaned_data.get("force")
        return dataclasses.replace(
            draft,
            honeypot=draft.honeypot or self.honeypot_filled,
            detail=self.cleaned_data.get("detail", ""),
            force_id=force.pk if force else None,
            name=self.cleaned_data.get("name", ""),
            email=self.cleaned_data.get("email", ""),
            consent=bool(self.cleaned_data.get("consent")),
        )

    @classmethod
    def initial_from(cls, state):
        """Initial values that put a state back into this form (going back a step)."""
        return {
            "draft": state.first_step().to_token(),
            "detail": state.detail,
            "force": state.force_id,
            "name": state.name,
            "email": state.email,
            "consent": state.consent,
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
