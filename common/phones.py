"""Phone numbers in text people read on a phone: each one becomes a `tel:` link to tap.

999, 101, 112, the 18000/18001 relay prefixes, 116 xxx helplines and UK numbers starting with
0 (0800 555 111, 020 7008 0151, 08000 121 700). Pure text work, no database: answer bodies use
it when a page is built (faq), force contact details when they are shown (templates).
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .sanitise import sub_outside_links

PHONE_RE = re.compile(
    r"(?<![\w£$€.,/:#+-])"  # not part of a price, a decimal, a path, a reference or a word
    r"("
    r"1800[01] ?(?:101|999)"  # Relay UK before a police number
    r"|18000|18001"
    r"|116 ?\d{3}"
    r"|\+44 ?\d{2,4}(?: ?\d{3,6}){1,2}"
    r"|0\d{3} \d{2} \d{2} \d{2}"
    r"|0\d{2,4}(?: \d{3,4}){2}"
    r"|0\d{3,4} \d{6}"
    r"|0\d{9,10}"
    r"|999|101|112"
    r")"
    r"(?![\w%£/-]|[.,]\d)"
)


def tel_href(number):
    digits = re.sub(r"\D", "", number)
    return f"tel:+{digits}" if number.startswith("+") else f"tel:{digits}"


def _link(match):
    number = match.group(1)
    return f'<a href="{tel_href(number)}" class="tel">{number}</a>'


def link_phone_numbers(html):
    """HTML with each phone number in its text (never in a tag, never inside a link) linked.

    The input is trusted HTML (sanitised answer bodies); only text between tags is changed and
    the links added carry nothing but a `tel:` address made of digits.
    """
    return sub_outside_links(html, PHONE_RE, _link)


def link_phone_numbers_in_text(text):
    """Plain text (a force's textphone line) escaped, with its phone numbers linked."""
    # Safe: the text is escaped first, and the links added hold only digits.
    return mark_safe(link_phone_numbers(escape(text or "")))
