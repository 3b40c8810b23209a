"""Answer numbers are stable and never reused, even after an answer is deleted."""

from django.db.models import Max


def next_free_number():
    from .models import Answer, RetiredNumber

    highest = max(
        Answer.objects.aggregate(m=Max("number"))["m"] or 0,
        RetiredNumber.objects.aggregate(m=Max("number"))["m"] or 0,
    )
    return highest + 1


def is_number_taken(number, *, exclude_pk=None):
    from .models import Answer, RetiredNumber

    answers = Answer.objects.filter(number=number)
    if exclude_pk is not None:
        answers = answers.exclude(pk=exclude_pk)
    return answers.exists() or RetiredNumber.objects.filter(number=number).exists()
