from django import template

from faq.admin_dashboard import dashboard_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_dashboard_counts(context):
    request = context.get("request")
    return dashboard_counts(request) if request is not None else []
