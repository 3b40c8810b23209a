"""Counts at the top of the admin index: what needs a member of staff's attention.

templates/admin/index.html shows whatever the registered providers return, in order. Each app adds
its own from its admin module (faq/admin_dashboard.py, questions/admin.py):

    from common.dashboard import Count, register

    @register
    def waiting_questions(request):
        if not request.user.has_perm("questions.view_submission"):
            return None
        return Count(label="questions waiting", count=..., url=reverse("admin:..."))

A provider returns a Count, or None to show nothing (no permission, nothing to report).
"""

from dataclasses import dataclass

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
