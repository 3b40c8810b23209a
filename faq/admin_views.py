"""Staff pages of faq's that are not one model's change list or form (mounted in faq/admin.py)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from . import content_report
from .models import Answer


def content_report_view(request):
    """The content report (`manage.py content_report` prints the same): for whoever may read
    answers in the admin."""
    user = request.user
    if not (user.has_perm("faq.view_answer") or user.has_perm("faq.change_answer")):
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "opts": Answer._meta,
        "title": "Content report",
        "report": content_report.build_report(),
    }
    return TemplateResponse(request, "admin/faq/answer/content_report.html", context)
