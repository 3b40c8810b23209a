"""What a view declares about itself, read where it applies: the middleware and the page cache.

- `@sensitive` (or `@sensitive(shared=False)`): nothing of the page is kept by the browser
  (`no-store`, no referrer sent on). The response is marked where the view builds it, so the page
  cache stores it marked; the middleware marks, from the same declaration, what the view never
  built (a refused cross-site form, a 404 raised in it, a rate-limit refusal). Never a path list:
  renaming or moving the URL keeps it.
- `@rate_limited(scope, limit=..., window=...)`: web.middleware.RateLimitMiddleware counts every
  request for the view, before the page cache, so a stored page is refused as a freshly built
  one is, in one place.
- How long a page may be kept is `caching.decorator.cached_page(timeout=...)`.

Each is an attribute of the view (`view.sensitive`, `view.rate_limit`, `view.page_cache`), which
outer decorators keep (functools.wraps) and config.api copies onto the API's URLs.
"""

from dataclasses import dataclass
from functools import wraps

from django.shortcuts import render

from .api_support import API_PREFIX, ApiError
from .middleware import mark_sensitive
from .ratelimit import is_limited


@dataclass(frozen=True)
class Sensitive:
    shared: bool = True  # whether the page cache and our own shared caches may still keep it


def sensitive(view=None, *, shared=True):
    """Declare every response of the view sensitive (web.middleware.mark_sensitive)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return mark_sensitive(view(request, *args, **kwargs), shared=shared)

        wrapper.sensitive = Sensitive(shared=shared)
        return wrapper

    return decorate(view) if view is not None else decorate


@dataclass(frozen=True)
class RateLimit:
    scope: str
    limit: int
    window: int
    fail_closed: bool = False
    when: object = None  # request -> bool: counted only then (None: always)
    message: str | None = None  # the API's error message (else its default for 429)
    refuse: object = None  # request -> response (else the 429 page, or the API's error)

    def refused(self, request):
        """Count this request; the refusal when it is over the limit, else None."""
        if request.method == "OPTIONS" or (self.when is not None and not self.when(request)):
            return None
        over = is_limited(
            request, self.scope, limit=self.limit, window=self.window, fail_closed=self.fail_closed
        )
        if not over:
            return None
        if self.refuse is not None:
            return self.refuse(request)
        if request.path.startswith(API_PREFIX):
            return ApiError(429, "rate_limited", self.message).response()
        return render(request, "errors/429.html", status=429)


def rate_limited(scope, *, limit, window, fail_closed=False, when=None, message=None, refuse=None):
    """Declare the view's rate limit: `limit` requests per `window` seconds per client in
    `scope` (web.ratelimit), applied by web.middleware.RateLimitMiddleware to every request."""

    def decorate(view):
        view.rate_limit = RateLimit(scope, limit, window, fail_closed, when, message, refuse)
        return view

    return decorate
