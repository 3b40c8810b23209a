# The admin index's "Needs attention" counts: every app registers its own with common.dashboard.
from django import template

from common.dashboard import dashboard_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_dashboard_counts(context):
    request = context.get("request")
    return dashboard_counts(request) if request is not None else []
