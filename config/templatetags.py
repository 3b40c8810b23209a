"""Template tags every template can use (registered as a builtin in settings.TEMPLATES)."""

from django import template
from django.utils.html import format_html

from common.phones import link_phone_numbers_in_text

from .pagecache import CSRF_PLACEHOLDER

register = template.Library()


@register.simple_tag
def csrf_field():
    """A CSRF hidden field that stays valid in cached pages (filled in per response)."""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', CSRF_PLACEHOLDER
    )


@register.filter
def tel_links(text):
    """Plain text, escaped, with every phone number in it a tel: link."""
    return link_phone_numbers_in_text(text)
