"""Keep derived data in step with answers and topics: references, search text, cached pages."""

from django.db import connections
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
)
from django.dispatch import receiver

from config.pagecache import bump

from . import tags
from .models import Answer, RetiredNumber, Synonym, Topic


@receiver(post_save, sender=Answer)
def refresh_after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .references import find_references
    from .search import refresh_search_document
    from .services import store_references

    old_targets = set(instance.references_out.values_list("target_number", flat=True))
    store_references(instance, find_references(instance.body))
    refresh_search_document(instance)
    bump(*tags.for_answer_change(instance, extra_numbers=old_targets))


@receiver(pre_delete, sender=Answer)
def invalidate_before_delete(sender, instance, **kwargs):
    bump(*tags.for_answer_change(instance))


@receiver(post_delete, sender=Answer)
def retire_number(sender, instance, **kwargs):
    RetiredNumber.objects.get_or_create(number=instance.number)


@receiver(m2m_changed, sender=Answer.topics.through)
def refresh_after_topics_change(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if action not in {"pre_clear", "post_add", "post_remove", "post_clear"}:
        return
    from .search import refresh_search_document

    if reverse:  # topic.answers.add(...): `instance` is the topic
        bump(tags.all_answers(), tags.topic_answers(instance.pk))
        answers = Answer.objects.filter(pk__in=pk_set) if pk_set else instance.answers.all()
        for answer in answers:
            if action != "pre_clear":
                refresh_search_document(answer)
            bump(tags.answer(answer.number))
        return
    topic_ids = set(pk_set or ()) | set(instance.topics.values_list("pk", flat=True))
    bump(
        tags.all_answers(),
        tags.answer(instance.number),
        *(tags.topic_answers(pk) for pk in topic_ids),
    )
    if action != "pre_clear":
        refresh_search_document(instance)


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def invalidate_topic(sender, instance, raw=False, **kwargs):
    if not raw:
        bump(tags.all_topics(), tags.topic(instance.pk))


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def invalidate_search_pages(sender, instance, raw=False, **kwargs):
    # Synonyms are applied as each query is searched: only the stored result pages are stale.
    if not raw:
        bump(tags.search_results())


@receiver(post_migrate)
def resync_search_index(sender, using="default", **kwargs):
    # A flush (tests, `manage.py flush`) empties the answers but not SQLite's FTS5 table.
    if sender.name == "faq":
        from .search.index import resync_fts

        resync_fts(connections[using])
