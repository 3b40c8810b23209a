"""The contents list of a long answer: its h2 headings, each given an id to link to.

Run when the answer page is built (the page cache keeps the result), never per request.
"""

import re

from django.utils.html import strip_tags
from django.utils.text import slugify

MIN_HEADINGS = 3  # fewer sections than this are easy to scan without a list
_H2_RE = re.compile(r"<h2(?P<attrs>[^>]*)>(?P<inner>.*?)</h2>", re.IGNORECASE | re.DOTALL)


def with_contents(body_html):
    """(body with an id on every h2, [(id, heading text)]) — the list empty for short answers."""
    entries, used = [], set()

    def give_id(match):
        if "id=" in match.group("attrs").lower():
            return match.group(0)
        text = strip_tags(match.group("inner")).strip()
        base = "section-" + (slugify(text)[:50].strip("-") or "part")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        entries.append((anchor, text))
        return f'<h2{match.group("attrs")} id="{anchor}">{match.group("inner")}</h2>'

    html = _H2_RE.sub(give_id, body_html or "")
    return html, entries if len(entries) >= MIN_HEADINGS else []
