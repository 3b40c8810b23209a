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
from .models import Answer, AnswerTranslation, RetiredNumber, Synonym, Topic, TopicTranslation


@receiver(post_save, sender=Answer)
def refresh_after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .references import find_references
    from .search import refresh_search_document
    from .search.welsh import refresh_welsh_for_answer
    from .services import store_references

    old_targets = set(instance.references_out.values_list("target_number", flat=True))
    store_references(instance, find_references(instance.body))
    refresh_search_document(instance)
    refresh_welsh_for_answer(instance)  # published or not: in the Welsh index or out of it
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


@receiver([post_save, post_delete], sender=AnswerTranslation)
def invalidate_translated_answer(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .search.welsh import refresh_welsh_document

    answer = Answer.objects.filter(pk=instance.answer_id).first()
    if answer is not None:
        if kwargs["signal"] is post_save:
            refresh_welsh_document(instance)
        bump(*tags.for_answer_change(answer), tags.search_results())


@receiver([post_save, post_delete], sender=TopicTranslation)
def invalidate_translated_topic(sender, instance, raw=False, **kwargs):
    if not raw:
        bump(tags.all_topics(), tags.topic(instance.topic_id))


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
        _resync_welsh(connections[using])


def _resync_welsh(conn):
    """SQLite: the Welsh FTS5 table is not emptied by a flush either."""
    from .search.welsh import FTS_TABLE, rebuild_welsh_index

    if conn.vendor == "sqlite" and FTS_TABLE in conn.introspection.table_names():
        rebuild_welsh_index()
