from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Answer, RetiredNumber


@receiver(post_save, sender=Answer)
def refresh_after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .references import find_references
    from .search import refresh_search_document
    from .services import store_references

    store_references(instance, find_references(instance.body))
    refresh_search_document(instance)


@receiver(post_delete, sender=Answer)
def retire_number(sender, instance, **kwargs):
    RetiredNumber.objects.get_or_create(number=instance.number)


@receiver(m2m_changed, sender=Answer.topics.through)
def refresh_after_topics_change(sender, instance, action, reverse=False, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    from .search import refresh_search_document

    if reverse:  # topic.answers.add(...): refresh every answer touched
        for answer in Answer.objects.filter(topics=instance):
            refresh_search_document(answer)
    else:
        refresh_search_document(instance)
