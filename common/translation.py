"""The shape every translation shares: a Welsh (or other) version of one English row.

AnswerTranslation, TopicTranslation (faq) and LocalNoteTranslation (forces) each add the row
they translate, its text fields and their one-version-per-language constraint."""

from django.db import models


class TranslationLanguage(models.TextChoices):
    """The languages a translated row may be in besides English (settings.LANGUAGES)."""

    WELSH = "cy", "Cymraeg (Welsh)"


class TranslationReview(models.TextChoices):
    AWAITING = "awaiting", "Awaiting review by a Welsh speaker"
    REVIEWED = "reviewed", "Reviewed by a Welsh speaker"


class Translation(models.Model):
    language = models.CharField(
        max_length=8, choices=TranslationLanguage.choices, default=TranslationLanguage.WELSH
    )
    review = models.CharField(
        max_length=10, choices=TranslationReview.choices, default=TranslationReview.AWAITING
    )
    last_reviewed = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        verbose_name = "Welsh version"
