"""Cached answer pages show a force's details and notes: changing them invalidates those pages."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from caching.bump import bump

from . import tags
from .lookup import clear_caches
from .models import Force, ImportedPostcode, LocalNote, LocalNoteTranslation


@receiver([post_save, post_delete], sender=Force)
def force_changed(sender, instance, **kwargs):
    clear_caches()
    bump(tags.all_forces(), tags.force(instance.slug))


@receiver([post_save, post_delete], sender=ImportedPostcode)
def imported_postcode_changed(sender, instance, **kwargs):
    clear_caches()
    bump(tags.all_forces())


@receiver([post_save, post_delete], sender=LocalNote)
def note_changed(sender, instance, **kwargs):
    bump(tags.force(instance.force.slug))


@receiver([post_save, post_delete], sender=LocalNoteTranslation)
def note_translation_changed(sender, instance, **kwargs):
    note = LocalNote.objects.filter(pk=instance.note_id).select_related("force").first()
    if note is not None:
        bump(tags.force(note.force.slug))
