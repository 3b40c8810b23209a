"""State changes of answers that are more than a single save."""

from django.db import transaction

from .models import CrossReference


@transaction.atomic
def store_references(answer, numbers):
    """Make the stored cross-references of `answer` exactly `numbers` (self-references dropped)."""
    numbers = set(numbers) - {answer.number}
    existing = set(answer.references_out.values_list("target_number", flat=True))
    if existing == numbers:
        return
    answer.references_out.filter(target_number__in=existing - numbers).delete()
    CrossReference.objects.bulk_create(
        [CrossReference(source=answer, target_number=n) for n in sorted(numbers - existing)]
    )
