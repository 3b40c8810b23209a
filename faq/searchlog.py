"""What people searched for and did not find at once: per-day counts for the editors' report.

Only the query text is kept (lower-cased), never anything about who searched.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from .models import SearchOutcome, SearchQueryDay, UnansweredSearch

MAX_LENGTH = 200


def record_search(query, outcome, *, corrected_to=""):
    """Count one search that found nothing (NO_RESULTS) or needed its spelling corrected."""
    text = query.lower()[:MAX_LENGTH]
    day = timezone.localdate()
    rows = SearchQueryDay.objects.filter(query=text, day=day, outcome=outcome)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                SearchQueryDay.objects.create(
                    query=text, day=day, outcome=outcome, corrected_to=corrected_to[:MAX_LENGTH]
                )
        except IntegrityError:  # another request created it first
            rows.update(count=F("count") + 1)
    if outcome == SearchOutcome.NO_RESULTS:
        _count_unanswered(text)


def _count_unanswered(text):
    if not UnansweredSearch.objects.filter(query=text).update(count=F("count") + 1):
        UnansweredSearch.objects.get_or_create(query=text)


def struggled_searches(*, days=30, outcome=None, today=None):
    """Query texts by how often they failed or were corrected in the last `days` days."""
    since = (today or timezone.localdate()) - timedelta(days=days - 1)
    rows = SearchQueryDay.objects.filter(day__gte=since)
    if outcome:
        rows = rows.filter(outcome=outcome)
    return (
        rows.values("query", "outcome")
        .annotate(total=Sum("count"), corrected_to=Max("corrected_to"), last_day=Max("day"))
        .order_by("-total", "query")
    )
