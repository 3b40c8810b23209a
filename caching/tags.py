"""Cache tags: the names of what a page (or a part of one) shows.

Tags are made only by an app's tags module (faq/tags.py, forces/tags.py); `tag_response`,
`cached_fragment` and `bump` refuse plain strings, so a misspelt tag cannot silently leave pages
stale.
"""


class Tag(str):
    """A cache tag (and surrogate key), made only by an app's tag helpers (faq/tags.py,
    forces/tags.py): `tag_response` and `bump` refuse plain strings, so a misspelt tag cannot
    silently leave pages stale."""

    __slots__ = ()


def checked(tags):
    """The tags as plain strings; raises TypeError for anything that is not a Tag."""
    for tag in tags:
        if not isinstance(tag, Tag):
            raise TypeError(f"{tag!r} is not a Tag: build tags with the app's tags module")
    return {str(tag) for tag in tags}


def tag_response(response, *tags, public_cookies=False):
    """Name what the page shows. `public_cookies`: its cookies are the same for everyone who
    asks for this address (e.g. the chosen force after a lookup), so they may be stored too."""
    response.cache_tags = set(getattr(response, "cache_tags", set())) | checked(tags)
    response.public_cookies = public_cookies
    return response
