"""Answer bodies are HTML written by staff; only a small, safe subset is ever stored. Also the one
walk through such HTML's text that the linkers (Q-numbers, phone numbers) share."""

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "br",
    "blockquote",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_html(html):
    """Strip everything but the tags answers need: no scripts, event handlers or styles."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


# Split HTML into tags and text, so text is changed only between tags: never inside a tag's
# attributes (an href must not be rewritten).
_TAG_RE = re.compile(r"(<[^>]*>)")


def text_parts(html):
    """The pieces of text between the tags of trusted HTML."""
    return _TAG_RE.split(html or "")[::2]


def sub_outside_links(html, pattern, replace):
    """Trusted HTML with `pattern.sub(replace, …)` applied to its text, except inside a link
    (a number already linked stays as it is)."""
    pieces = []
    inside_link = 0
    for index, part in enumerate(_TAG_RE.split(html or "")):
        if index % 2 == 1:
            lowered = part.lower()
            if lowered.startswith("<a ") or lowered == "<a>":
                inside_link += 1
            elif lowered.startswith("</a"):
                inside_link = max(0, inside_link - 1)
            pieces.append(part)
        elif inside_link:
            pieces.append(part)
        else:
            pieces.append(pattern.sub(replace, part))
    return "".join(pieces)
