import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.sanitise import sanitise_html
from common.translation import Translation
from common.validators import web_url_validator

SOCIAL_ACCOUNT_KEYS = {"name", "url"}


def validate_social_accounts(value):
    """A list of {"name": …, "url": "https://…"}: the URLs are links on public pages and in the
    API, so each must be a web address (never `javascript:` or `data:`)."""
    if not isinstance(value, list):
        raise ValidationError('Write a list: [{"name": "X", "url": "https://…"}, …].')
    for n, account in enumerate(value, start=1):
        if not isinstance(account, dict) or set(account) != SOCIAL_ACCOUNT_KEYS:
            raise ValidationError(f'Entry {n}: write {{"name": "…", "url": "https://…"}}.')
        if not isinstance(account["name"], str) or not account["name"].strip():
            raise ValidationError(f"Entry {n}: the name is missing.")
        url = account["url"]
        try:
            if not isinstance(url, str):
                raise ValidationError("not text")
            web_url_validator(url)
        except ValidationError:
            raise ValidationError(
                f"Entry {n} ({account['name']}): the address must start with https:// (or http://)."
            ) from None


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")
    SCOTLAND = "scotland", _("Scotland")
    NORTHERN_IRELAND = "northern-ireland", _("Northern Ireland")
    CROWN_DEPENDENCIES = "crown-dependencies", _("Channel Islands and Isle of Man")
    UK = "uk", "UK-wide"


class ForceKind(models.TextChoices):
    TERRITORIAL = "territorial", "Territorial force"
    SPECIAL = "special", "Special (national) force"


class ForceQuerySet(models.QuerySet):
    def territorial(self):
        return self.filter(kind=ForceKind.TERRITORIAL)


class Force(models.Model):
    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60, unique=True)
    code = models.CharField(
        "ONS police force area code",
        max_length=9,
        blank=True,
        help_text="E23…, W15… or S23…; blank where the ONS gives none.",
    )
    nation = models.CharField(max_length=20, choices=Nation.choices)
    kind = models.CharField(max_length=12, choices=ForceKind.choices, default=ForceKind.TERRITORIAL)
    description = models.TextField(blank=True)
    website = models.URLField(max_length=300, blank=True, validators=[web_url_validator])
    non_emergency_number = models.CharField(max_length=40, default="101")
    non_emergency_outside_area = models.CharField(
        "reaching the non-emergency line",
        max_length=300,
        blank=True,
        help_text="How to reach this force's non-emergency line, in its area and from elsewhere "
        "in the UK (“In Scotland, call 101. From elsewhere in the UK, …”).",
    )
    report_online_url = models.URLField(
        "online crime reporting page",
        max_length=300,
        blank=True,
        validators=[web_url_validator],
        help_text="The force's own page for reporting a crime online, once confirmed on its "
        "official site; blank rather than a guess (docs/force-data.md says where each came from).",
    )
    contact_url = models.URLField(
        "contact page", max_length=300, blank=True, validators=[web_url_validator]
    )
    textphone = models.CharField(
        "textphone and relay", max_length=300, blank=True, help_text="e.g. Relay UK: 18001 101"
    )
    social_accounts = models.JSONField(
        default=list,
        blank=True,
        help_text='A list of {"name": "X", "url": "https://…"} entries.',
        validators=[validate_social_accounts],
    )
    questions_email = models.EmailField(
        blank=True, help_text="Where questions forwarded to this force are emailed, if anywhere."
    )
    # Welsh pages show these where a force has them (the four Welsh forces' own Welsh names and
    # contact text: forces/data/forces-cy.json); blank means the English is shown.
    name_cy = models.CharField("name in Welsh", max_length=120, blank=True)
    short_name_cy = models.CharField("short name in Welsh", max_length=60, blank=True)
    description_cy = models.TextField("description in Welsh", blank=True)
    non_emergency_outside_area_cy = models.CharField(
        "calling from outside the area, in Welsh", max_length=300, blank=True
    )
    textphone_cy = models.CharField("textphone and relay, in Welsh", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    WELSH_FIELDS = ("name", "short_name", "description", "non_emergency_outside_area", "textphone")

    objects = ForceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if getattr(self, "display_copy", False):
            raise ValueError("A force shown in another language is never saved.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forces:detail", kwargs={"slug": self.slug})

    def in_language(self, language):
        """This force as a page in `language` shows it: a copy carrying its Welsh text where it
        has some (`shown_in_welsh` names those fields), the English where it has none. The copy
        is for display only: saving it is refused, so Welsh never lands in the English fields."""
        shown = copy.copy(self)
        shown.shown_in_welsh = set()
        shown.display_copy = True
        if language == "cy":
            for name in self.WELSH_FIELDS:
                welsh = getattr(self, f"{name}_cy")
                if welsh:
                    setattr(shown, name, welsh)
                    shown.shown_in_welsh.add(name)
        return shown

    # Every stored address that becomes a link: validated in the model, the admin and imports.
    URL_FIELDS = ("website", "report_online_url", "contact_url")

    def validate_urls(self):
        """Raise ValidationError unless every link this force shows is a web address."""
        errors = {}
        for name in self.URL_FIELDS:
            value = getattr(self, name)
            if value:
                try:
                    web_url_validator(value)
                except ValidationError as error:
                    errors[name] = error.messages
        try:
            validate_social_accounts(self.social_accounts)
        except ValidationError as error:
            errors["social_accounts"] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def is_special(self):
        return self.kind == ForceKind.SPECIAL


class LocalNoteQuerySet(models.QuerySet):
    def on_published_answers(self):
        """Notes on answers that are on the site. The answers are faq's: forces reaches them
        through this relation and their own `published()`, never by importing faq."""
        answers = self.model._meta.get_field("answer").related_model
        return self.filter(answer__in=answers.objects.published())


class LocalNote(models.Model):
    """A force's own note on an answer, shown to visitors who chose that force."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="local_notes")
    answer = models.ForeignKey("faq.Answer", on_delete=models.CASCADE, related_name="local_notes")
    body = models.TextField(help_text="Shown under the answer to people in this force's area.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = LocalNoteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["force", "answer"], name="one_note_per_force_answer")
        ]

    def __str__(self):
        return f"{self.force.short_name} note on {self.answer.label}"

    def save(self, *args, **kwargs):
        self.body = sanitise_html(self.body)
        super().save(*args, **kwargs)


class LocalNoteTranslation(Translation):
    """A local note in Welsh, shown on the Welsh answer page (the English note otherwise)."""

    note = models.ForeignKey(LocalNote, on_delete=models.CASCADE, related_name="translations")
    body = models.TextField()

    class Meta(Translation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["note", "language"], name="one_note_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.note} ({self.language})"

    def save(self, *args, **kwargs):
        self.body = sanitise_html(self.body)
        super().save(*args, **kwargs)


class ImportedPostcode(models.Model):
    """A postcode -> force row loaded by `manage.py import_postcodes` (ONSPD/NSPL format).

    Newer than the shipped tables, so these rows win over them.
    """

    postcode = models.CharField(max_length=8, primary_key=True, help_text='e.g. "SW1A 2AA"')
    # No database-level constraint: millions of rows are bulk-loaded and each row's force comes
    # from the Force table itself; Django still cascades deletes.
    force = models.ForeignKey(
        Force, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    class Meta:
        verbose_name = "imported postcode"

    def __str__(self):
        return self.postcode


class ForceMembership(models.Model):
    """Ties a "Force editors" member to the one force whose details and notes they may edit."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="force_membership"
    )
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="memberships")

    def __str__(self):
        return f"{self.user} edits {self.force}"
