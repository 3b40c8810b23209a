"""What the questions app does when another app says something happened (faq.events)."""

from django.dispatch import receiver

from faq.events import answer_published

from . import moderation


@receiver(answer_published, dispatch_uid="questions.answer_published")
def mark_questions_answered(sender, answer, **kwargs):
    moderation.answer_published(answer)
