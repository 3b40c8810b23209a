"""When an answer written from a question is published, the question is answered."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from faq.models import Answer, Status

from .models import Submission, SubmissionStatus


@receiver(post_save, sender=Answer, dispatch_uid="questions.answer_published")
def answer_published(sender, instance, raw=False, **kwargs):
    if raw or instance.status != Status.PUBLISHED:
        return
    from .moderation import mark_answered

    waiting = Submission.objects.filter(answer=instance).exclude(status=SubmissionStatus.PUBLISHED)
    for submission in waiting:
        mark_answered(submission, answer=instance)
