"""The faq app's counts on the admin index (the registry is common.dashboard)."""

from django.urls import reverse

from common.dashboard import Count, register

from .content_report import build_report
from .models import Answer


@register
def answers_due_for_review(request):
    if not request.user.has_perm("faq.view_answer"):
        return None
    count = Answer.objects.review_due().count()
    label = "answer due for review" if count == 1 else "answers due for review"
    url = reverse("admin:faq_answer_changelist") + "?review=due"
    return Count(label=label, count=count, url=url)


@register
def answers_with_broken_references(request):
    if not request.user.has_perm("faq.view_answer"):
        return None
    count = Answer.objects.published().with_broken_references().count()
    if not count:
        return None
    label = (
        "published answer refers to a missing or unpublished answer"
        if count == 1
        else "published answers refer to missing or unpublished answers"
    )
    url = reverse("admin:faq_answer_changelist") + "?status__exact=published&references=broken"
    return Count(label=label, count=count, url=url)


@register
def content_report(request):
    if not request.user.has_perm("faq.view_answer"):
        return None
    count = build_report().problem_count
    label = "content report item to look at" if count == 1 else "content report items to look at"
    return Count(label=label, count=count, url=reverse("admin:faq_answer_content_report"))
