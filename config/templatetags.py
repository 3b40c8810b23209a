"""Template tags every template can use (registered as a builtin in settings.TEMPLATES)."""

from django import template
from django.utils import translation

register = template.Library()


@register.simple_tag
def html_lang():
    """The active language as a lang attribute value ("en-GB", "cy"): the page's language
    whether or not the template was given a request."""
    return translation.to_locale(translation.get_language() or "en-gb").replace("_", "-")
