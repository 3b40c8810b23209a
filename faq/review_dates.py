"""Review dates: pure date arithmetic, no database (Answer.save() and faq.workflow use it)."""

import calendar

from django.utils import timezone


def add_months(day, months):
    """`day` moved on by `months` calendar months, clamped to the end of shorter months."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_review_date(answer):
    """When `answer` is next due for review: its last review (or publication) + its interval."""
    if answer.last_reviewed:
        start = answer.last_reviewed
    elif answer.published_at:
        start = timezone.localdate(answer.published_at)
    elif answer.created_at:
        start = timezone.localdate(answer.created_at)
    else:
        start = timezone.localdate()
    return add_months(start, answer.review_interval_months or 12)
