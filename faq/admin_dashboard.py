"""Counts at the top of the admin index: what needs a member of staff's attention.

templates/admin/index.html shows whatever the registered providers return, in order. Any app can
add its own (say, "5 questions waiting"):

    from faq.admin_dashboard import register

    @register
    def waiting_questions(request):
        if not request.user.has_perm("questions.view_submission"):
            return None
        return Count(label="questions waiting", count=..., url=reverse("admin:..."))

A provider returns a Count, or None to show nothing (no permission, nothing to report).
"""

from dataclasses import dataclass

from django.urls import reverse

_providers = []


@dataclass
class Count:
    label: str
    count: int
    url: str = ""


def register(provider):
    if provider not in _providers:
        _providers.append(provider)
    return provider


def dashboard_counts(request):
    counts = (provider(request) for provider in _providers)
    return [count for count in counts if count is not None]


@register
def answers_due_for_review(request):
    from .models import Answer

    if not request.user.has_perm("faq.view_answer"):
        return None
    count = Answer.objects.review_due().count()
    label = "answer due for review" if count == 1 else "answers due for review"
    url = reverse("admin:faq_answer_changelist") + "?review=due"
    return Count(label=label, count=count, url=url)


@register
def answers_with_broken_references(request):
    from .models import Answer

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
    from .content_report import build_report

    count = build_report().problem_count
    label = "content report item to look at" if count == 1 else "content report items to look at"
    return Count(label=label, count=count, url=reverse("admin:faq_answer_content_report"))
