"""What follows from deleting an answer, and from saving topics and synonyms.

Saving an answer is not watched here: faq.workflow writes an answer and everything derived from
it explicitly (save_answer / answer_changed).
"""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from django.dispatch import receiver

from config.pagecache import bump

from . import tags
from .models import Answer, RetiredNumber, Synonym, Topic


@receiver(pre_delete, sender=Answer)
def invalidate_before_delete(sender, instance, **kwargs):
    bump(*tags.for_answer_change(instance))


@receiver(post_delete, sender=Answer)
def retire_number(sender, instance, **kwargs):
    RetiredNumber.objects.get_or_create(number=instance.number)


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
