"""The cache tags of forces' pages: one function per kind, used both to tag pages and to bump.

faq's answer pages tag the chosen force's local information with `force(slug)` too: they
import it from here (faq may use forces, never the reverse).
"""

from caching.tags import Tag


def all_answers():
    """Pages listing answers from anywhere (home, searches, a force's notes). Defined here, the
    lower layer, because forces' pages list answers too (forces never imports faq); faq's
    tags module names it as its own."""
    return Tag("answers")


def all_forces():
    """Pages and API answers built from the force list or the postcode tables."""
    return Tag("forces")


def force(slug):
    """Pages showing this force's details or its local notes."""
    return Tag(f"force:{slug}")
