"""Cross-references between answers: "See Q497" in an answer body.

Any Q followed by digits, case-insensitive and standing as a word of its own, refers to the
answer with that number. Parsing is pure; rendering takes the set of numbers that may be linked.
"""

import re

from django.utils.html import escape

from common.sanitise import sub_outside_links, text_parts

# A Q-number inside text ("See Q497"): Q followed by digits, standing as a word of its own.
REFERENCE_RE = re.compile(r"(?<![\w/])[Qq](\d{1,7})(?![\w])")
# A Q-number typed on its own, as people search for one: "Q497", "q 497" or "497".
TYPED_NUMBER_RE = re.compile(r"^\s*q?\s*(\d{1,7})\s*$", re.IGNORECASE)


def label(number):
    """How a Q-number is written everywhere: "Q497"."""
    return f"Q{number}"


def typed_number(text):
    """The number in a Q-number typed on its own ("Q497", "q 497", "497"), or None."""
    match = TYPED_NUMBER_RE.match(text or "")
    return int(match.group(1)) if match else None


def find_references(body):
    """The set of answer numbers a body refers to."""
    numbers = set()
    for part in text_parts(body):
        numbers.update(int(m.group(1)) for m in REFERENCE_RE.finditer(part))
    return numbers


def link_references(body, targets, titles=None):
    """Return body with each reference to a linkable answer turned into a link.

    `targets` maps a number to its URL; references to any other number stay plain text, so a
    missing or unpublished answer is never a dead link. `titles` maps a number to its question:
    the link then says where it goes ("Q151: What is stalking?"), so nobody follows a bare
    number blind.
    """
    titles = titles or {}
    return sub_outside_links(body, REFERENCE_RE, lambda m: _link(m, targets, titles))


def _link(match, targets, titles):
    number = int(match.group(1))
    url = targets.get(number)
    if url is None:
        return match.group(0)
    title = titles.get(number)
    hint = f'<span class="xref__title">: {escape(title)}</span>' if title else ""
    return f'<a href="{escape(url)}" class="xref">{label(number)}{hint}</a>'
