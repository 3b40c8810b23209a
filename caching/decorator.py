"""`cached_page`: a view says its GET responses may be stored for anonymous visitors."""

from functools import wraps

DEFAULT_TIMEOUT = 60 * 60


def cached_page(*, query=(), vary_on_cookie=None, timeout=DEFAULT_TIMEOUT, on_hit=None):
    """Mark a view's GET responses as cacheable for anonymous visitors.

    `query`: the query parameters the view reads; the stored copy is keyed on their values.
    Tracking parameters (utm_*, fbclid, gclid, …) are removed before the view sees the request;
    any other parameter, one given twice (`?lang=en&lang=cy`: which one would the view read?),
    or a value outside its closed set (caching.middleware.closed_value: a language, a force)
    means the page is built fresh and not stored.
    `vary_on_cookie`: the one cookie whose value changes the page (e.g. the chosen force); the
    response says `Vary: Cookie`, and every other cookie is ignored. A value outside its closed
    set is built fresh and not stored, as an undeclared parameter is.
    `on_hit(request, **view_kwargs)` runs when a stored page would be served instead of the
    view (to count a view); a response it returns is sent in place of the stored page. Rate
    limits are declared on the view with web.policy.rate_limited, which counts hits and misses.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapper.page_cache = {
            "query": frozenset(query),
            "vary_on_cookie": vary_on_cookie,
            "timeout": timeout,
            "on_hit": on_hit,
        }
        return wrapper

    return decorate
