"""Whole-page caching for anonymous visitors, invalidated by tags.

A view opts in with the `cached_page` decorator and names what its page shows with
`tag_response(response, ...)` (e.g. "answer:497", "topic:12", "answers"). Each tag has a version
counter in the shared cache; a stored page remembers the versions it was built from and is served
only while every one of them is unchanged. Changing content bumps exactly the tags it affects
(`bump("answer:497")`): nothing is ever cleared wholesale, and app servers share the counters
through Redis.

Forms inside cached pages use `{% csrf_field %}`: the page is stored with a placeholder and each
response gets a fresh token for its visitor. Anyone with a session (staff) bypasses the cache.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, quote_etag

log = logging.getLogger(__name__)

CSRF_PLACEHOLDER = "__csrf_token_placeholder__"
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Referrer-Policy", "Last-Modified")
DEFAULT_TIMEOUT = 60 * 60


def cached_page(*, vary_on_force=False, timeout=DEFAULT_TIMEOUT, on_hit=None):
    """Mark a view's GET responses as cacheable for anonymous visitors."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapper.page_cache = {"vary_on_force": vary_on_force, "timeout": timeout, "on_hit": on_hit}
        return wrapper

    return decorate


def tag_response(response, *tags):
    response.cache_tags = set(getattr(response, "cache_tags", set())) | {str(t) for t in tags}
    return response


def bump(*tags):
    """Invalidate every cached page built from any of `tags`."""
    for tag in {str(t) for t in tags}:
        key = _tag_key(tag)
        try:
            if not cache.add(key, 2, timeout=None):
                cache.incr(key)
        except ValueError:
            cache.set(key, 2, timeout=None)
        except Exception:  # cache down: pages are not served from it either
            log.warning("could not bump cache tag %s", tag, exc_info=True)


def _tag_key(tag):
    return f"pc:tag:{tag}"


def _page_key(request, vary_on_force):
    from forces.choice import chosen_slug

    force = chosen_slug(request) if vary_on_force else ""
    raw = f"{request.get_full_path()}|{force or ''}"
    return "pc:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _eligible(request):
    return request.method in ("GET", "HEAD") and (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "from_page_cache", False):
            return self._finish(request, response)
        options = getattr(request, "page_cache_options", None)
        if options is not None and self._storable(response):
            self._store(request, response, options)
        return self._finish(request, response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        options = getattr(view_func, "page_cache", None)
        if options is None or not _eligible(request):
            return None
        request.page_cache_options = options
        request.page_cache_key = _page_key(request, options["vary_on_force"])
        response = self._lookup(request.page_cache_key)
        if response is not None and options["on_hit"] is not None:
            options["on_hit"](request, **view_kwargs)
        return response

    def _lookup(self, key):
        try:
            entry = cache.get(key)
            if entry is None:
                return None
            current = cache.get_many([_tag_key(t) for t in entry["tags"]])
        except Exception:
            log.warning("page cache unavailable", exc_info=True)
            return None
        for tag, version in entry["tags"].items():
            if current.get(_tag_key(tag), 1) != version:
                return None
        from django.http import HttpResponse

        response = HttpResponse(entry["body"], status=200)
        for name, value in entry["headers"].items():
            response[name] = value
        response.from_page_cache = True
        response.page_etag = entry["etag"]
        return response

    def _storable(self, response):
        return (
            response.status_code == 200
            and not response.streaming
            and getattr(response, "cache_tags", None)
            and not response.cookies
        )

    def _store(self, request, response, options):
        tags = sorted(response.cache_tags)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        try:
            versions = cache.get_many([_tag_key(t) for t in tags])
            etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
            entry = {
                "body": response.content,
                "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)},
                "tags": {t: versions.get(_tag_key(t), 1) for t in tags},
                "etag": etag,
            }
            cache.set(request.page_cache_key, entry, timeout=options["timeout"])
            response.page_etag = etag
        except Exception:
            log.warning("could not store page in cache", exc_info=True)

    def _finish(self, request, response):
        """Per-visitor parts: a fresh CSRF token, validators, Vary on the force cookie."""
        etag = getattr(response, "page_etag", None)
        if etag and not response.has_header("ETag"):
            response["ETag"] = etag
        options = getattr(request, "page_cache_options", None) or {}
        if options.get("vary_on_force"):
            patch_vary_headers(response, ["Cookie"])
        if not response.streaming and CSRF_PLACEHOLDER.encode() in response.content:
            response.content = response.content.replace(
                CSRF_PLACEHOLDER.encode(), get_token(request).encode()
            )
        return response
