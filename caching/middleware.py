"""Whole-page caching for anonymous visitors, invalidated by tags.

A view opts in with the `cached_page` decorator (caching/decorator.py) and names what its page
shows with `tag_response(response, ...)` (caching/tags.py) with tags from its app's tags module
(faq/tags.py: `answer(497)`, `topic(12)`, …). Each tag has a version counter in the shared cache
(caching/versions.py); a stored page remembers the versions it was built from and is served only
while every one of them is unchanged. Changing content bumps exactly the tags it affects
(`caching.bump.bump(tags.answer(497))`): nothing is ever cleared wholesale, and app servers share
the counters through Redis.

Cacheable pages carry no per-visitor state (their forms are protected by web.origin, not by a
token), so the same bytes can be kept by any HTTP cache: they say so in `Cache-Control` (or, for
sensitive pages, `no-store` for browsers and `Surrogate-Control` for our own shared caches) and
name their tags in `Surrogate-Key` and `xkey`, the keys a purge names (caching/headers.py).

The middleware sits just after whitenoise, so a hit skips sessions, auth, messages and the view.
Anyone with a session cookie (staff) bypasses the cache.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.http import http_date, quote_etag, urlencode

from . import versions
from .headers import shared_cache_headers, withhold_from_shared_caches
from .local import LocalCopies
from .store import ChangedWhileBuilt, current_entry, store_entry

log = logging.getLogger(__name__)

KEPT_HEADERS = (
    "Content-Type",
    "Cache-Control",
    "Surrogate-Control",
    "Surrogate-Key",
    "xkey",
    "Vary",
    "Referrer-Policy",
    "Last-Modified",
)
PATHS_REMEMBERED = 10_000


TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid"})


def is_tracking_param(name):
    """Parameters campaigns and social sites add to links: no page reads them."""
    return name.startswith("utm_") or name in TRACKING_PARAMS


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalCopies(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500))
        # Which view's options (or None) answer each path: resolve() once per path, not per hit.
        self.options_by_path = {}

    def __call__(self, request):
        options = self._options(request)
        if options is None:
            return self.get_response(request)
        key = self._key(request, options)
        if key is None:  # a query parameter the page does not declare: build it, never store it
            return self.get_response(request)
        response = self._lookup(key)
        if response is not None:
            if options["on_hit"] is not None:
                response = options["on_hit"](request, **request.page_cache_kwargs) or response
            return response
        generation = versions.generation()
        response = self.get_response(request)
        shared_cache_headers(response, options)
        if self._storable(response):
            self._store(key, response, options, generation)
        return response

    def _options(self, request):
        if request.method not in ("GET", "HEAD"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        try:
            request.get_host()  # ALLOWED_HOSTS, checked before anything is served
        except DisallowedHost:
            return None  # not from the cache: the full stack refuses it (400)
        found = self.options_by_path.get(request.path_info)
        if found is None:
            # Under i18n_patterns a /cy/ path resolves only while Welsh is active (the locale
            # middleware, further in, has not run yet).
            language = translation.get_language_from_path(request.path_info)
            try:
                with translation.override(language or settings.LANGUAGE_CODE):
                    match = resolve(request.path_info)
            except Resolver404:
                return None
            found = (getattr(match.func, "page_cache", None), match.kwargs)
            if len(self.options_by_path) >= PATHS_REMEMBERED:
                self.options_by_path.clear()
            self.options_by_path[request.path_info] = found
        options, kwargs = found
        if options is not None:
            request.page_cache_kwargs = kwargs
        return options

    def _key(self, request, options):
        """Path, declared query parameters and the one cookie the page varies on; None when
        the request has a parameter the page does not declare."""
        kept = []
        tracking = False
        for name, values in request.GET.lists():
            if is_tracking_param(name):
                tracking = True
            elif name in options["query"] and len(values) == 1:
                if closed_value(name, values[0]) is None:
                    return None
                kept.append((name, values[0]))
            else:
                return None
        if tracking:  # the view sees the address without them, so no page ever repeats them
            query = urlencode(kept)
            request.GET = QueryDict(query)
            request.META["QUERY_STRING"] = query
        cookie = options["vary_on_cookie"]
        value = request.COOKIES.get(cookie, "") if cookie else ""
        if value and closed_value(cookie, value) is None:
            # Built, never stored: a force added a moment ago may not be in this process's
            # list yet, and its page must not be kept as the page without a force.
            return None
        raw = f"{request.path}?{urlencode(sorted(kept))}|{value}"
        return "pc:page:" + hashlib.sha256(raw.encode()).hexdigest()

    def _lookup(self, key):
        """The stored page if every tag it was built from is unchanged, else None."""
        try:
            entry = current_entry(self.local, key)
        except Exception:
            log.warning("page cache unavailable", exc_info=True)
            return None
        if entry is None:
            return None
        response = HttpResponse(entry["body"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["ETag"] = entry["etag"]
        for name, value, attributes in entry["cookies"]:
            response.cookies[name] = value
            response.cookies[name].update(attributes)
        return response

    def _storable(self, response):
        return (
            response.status_code == 200
            and not response.streaming
            and getattr(response, "cache_tags", None)
            and (not response.cookies or getattr(response, "public_cookies", False))
        )

    def _store(self, key, response, options, generation):
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        entry = {
            "body": response.content,
            "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)},
            "etag": response["ETag"],
            "cookies": [
                (name, morsel.value, {k: v for k, v in morsel.items() if v})
                for name, morsel in response.cookies.items()
            ],
        }
        try:
            store_entry(key, entry, response.cache_tags, generation, options["timeout"])
        except ChangedWhileBuilt:
            withhold_from_shared_caches(response)
        except Exception:
            log.warning("could not store page in cache", exc_info=True)


def language_code(value):
    """A language the API and embeds take as `?lang=`."""
    return value if value in ("en", "cy") else None


# Query parameters and cookies whose values are a closed set: a value outside it is never a
# separate copy in our page cache nor in Varnish (deploy/varnish.vcl.template keeps the same
# rule), so a flood of made-up values cannot fill either. Each function answers the canonical
# value, or None for one it does not recognise. An app adds its own with `register_closed_value`
# (forces: the chosen force), so this layer imports none of the apps.
_closed_value_checks = {"lang": language_code}


def register_closed_value(name, check):
    """Declare that parameter or cookie `name` takes only the values `check(value)` accepts."""
    _closed_value_checks[name] = check


def closed_value(name, value):
    """`value` as the check registered for `name` recognises it (None when it does not); any
    value of a name with no check. When the check cannot be made (the database is down), a short
    slug-like value is taken as it is."""
    check = _closed_value_checks.get(name)
    if check is None:
        return value
    try:
        return check(value)
    except Exception:
        log.warning("could not check the value of %s", name, exc_info=True)
        return value if _SLUG_LIKE.fullmatch(value) else None


_SLUG_LIKE = re.compile(r"[a-z0-9-]{1,60}")
