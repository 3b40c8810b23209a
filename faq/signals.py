"""What follows from deleting an answer, and from adding topics and saving synonyms.

Saving an answer or a translation of one is not watched here: faq.workflow writes an answer and
everything derived from it explicitly (save_answer, save_translation / answer_changed); an
edited topic, and an edited translation of one, go through faq.topics.topic_changed.
"""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from django.dispatch import receiver

from caching.bump import bump

from . import tags
from .models import Answer, RetiredNumber, Synonym, Topic, TopicTranslation


@receiver(pre_delete, sender=Answer)
def invalidate_before_delete(sender, instance, **kwargs):
    bump(*tags.for_answer_change(instance))


@receiver(post_delete, sender=Answer)
def retire_number(sender, instance, **kwargs):
    RetiredNumber.objects.get_or_create(number=instance.number)


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def invalidate_topic(sender, instance, raw=False, created=True, **kwargs):
    # A new or deleted topic changes the tree; an edited one goes through faq.topics.topic_changed,
    # which knows what the edit changed.
    if not raw and created:
        bump(tags.all_topics(), tags.topic(instance.pk))


@receiver([post_save, post_delete], sender=TopicTranslation)
def invalidate_translated_topic(sender, instance, raw=False, created=True, **kwargs):
    # A new or deleted translation changes its language's tree; an edited one goes through
    # faq.topics.topic_changed with the topic, which knows what the edit changed.
    if not raw and created:
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
