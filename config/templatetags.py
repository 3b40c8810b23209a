"""Template tags every template can use (registered as a builtin in settings.TEMPLATES)."""

from django import template
from django.conf import settings
from django.utils import translation

from common.phones import link_phone_numbers_in_text

register = template.Library()


@register.simple_tag
def html_lang():
    """The active language as a lang attribute value ("en-GB", "cy"): the page's language
    whether or not the template was given a request."""
    return translation.to_locale(translation.get_language() or "en-gb").replace("_", "-")


@register.simple_tag
def quick_exit_url():
    """Where the quick exit goes, for pages rendered without a request (the 503 page, and its
    static copies for the front stack): the context processor gives it to every other page."""
    return settings.QUICK_EXIT_URL


@register.filter
def tel_links(text):
    """Plain text, escaped, with every phone number in it a tel: link."""
    return link_phone_numbers_in_text(text)
