"""Whole-page caching for anonymous visitors, invalidated by tags.

A view opts in with the `cached_page` decorator and names what its page shows with
`tag_response(response, ...)` (e.g. "answer:497", "topic:12", "answers"). Each tag has a version
counter in the shared cache; a stored page remembers the versions it was built from and is served
only while every one of them is unchanged. Changing content bumps exactly the tags it affects
(`bump("answer:497")`): nothing is ever cleared wholesale, and app servers share the counters
through Redis.

The middleware sits just after whitenoise, so a hit skips sessions, auth, messages and the view.
Forms inside cached pages use `{% csrf_field %}`: the page is stored with a placeholder and every
response gets a fresh token for its visitor (through Django's own CSRF middleware hooks). Anyone
with a session cookie (staff) bypasses the cache.
"""

import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, quote_etag

log = logging.getLogger(__name__)

CSRF_PLACEHOLDER = "__csrf_token_placeholder__"
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Referrer-Policy", "Last-Modified")
DEFAULT_TIMEOUT = 60 * 60


def cached_page(*, vary_on_force=False, timeout=DEFAULT_TIMEOUT, on_hit=None):
    """Mark a view's GET responses as cacheable for anonymous visitors.

    `on_hit(request, **view_kwargs)` runs when a stored page would be served instead of the
    view (to count a view, or to apply the view's rate limit); a response it returns is sent
    in place of the stored page.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapper.page_cache = {"vary_on_force": vary_on_force, "timeout": timeout, "on_hit": on_hit}
        return wrapper

    return decorate


def tag_response(response, *tags, public_cookies=False):
    """Name what the page shows. `public_cookies`: its cookies are the same for everyone who
    asks for this address (e.g. the chosen force after a lookup), so they may be stored too."""
    response.cache_tags = set(getattr(response, "cache_tags", set())) | {str(t) for t in tags}
    response.public_cookies = public_cookies
    return response


GENERATION_KEY = "pc:generation"


def bump(*tags):
    """Invalidate every cached page built from any of `tags`.

    Done at once and again when the surrounding transaction commits: a page built from the old
    rows while the change was uncommitted must not outlive the commit.
    """
    tags = {str(t) for t in tags}
    _bump_now(tags)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _bump_now(tags))


def _bump_now(tags):
    for key in [GENERATION_KEY, *(_tag_key(tag) for tag in tags)]:
        try:
            cache.incr(key)
        except ValueError:  # no version yet (or evicted): any new one differs from all before
            cache.set(key, _new_version(), timeout=None)
        except Exception:  # cache down: pages are not served from it either
            log.warning("could not bump cache key %s", key, exc_info=True)


def _new_version():
    # Random, not 1: a tag key that was evicted or flushed comes back with a value no stored
    # page was built from, so an old copy can never match it by chance.
    return secrets.randbits(62)


def _current_versions(tags):
    """The version of each tag, creating the missing ones."""
    keys = {tag: _tag_key(tag) for tag in tags}
    found = cache.get_many(keys.values())
    for key in keys.values():
        if key not in found:
            cache.add(key, _new_version(), timeout=None)
            found[key] = cache.get(key)
    return {tag: found[key] for tag, key in keys.items()}


def _tag_key(tag):
    return f"pc:tag:{tag}"


class _LocalCopies:
    """A small per-process copy of recently served entries.

    Only a copy: an entry is served from here only after its tag versions have been checked
    against the shared cache, so an edit made through any server is seen at once. It saves
    fetching (and unpickling) the page body from Redis on every hit.
    """

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def drop(self, key):
        with self.lock:
            self.entries.pop(key, None)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Django's CSRF middleware, used for its hooks only: read the visitor's CSRF cookie
        # and set it on the response, exactly as the full stack would.
        self.csrf = CsrfViewMiddleware(get_response)
        self.local = _LocalCopies(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500))

    def __call__(self, request):
        options = self._options(request)
        if options is None:
            return self._finish(request, self.get_response(request), {})
        key = self._key(request, options)
        response = self._lookup(key)
        if response is not None:
            if options["on_hit"] is not None:
                response = options["on_hit"](request, **request.page_cache_kwargs) or response
            return self._finish(request, response, options)
        generation = self._generation()
        response = self.get_response(request)
        if self._storable(response):
            self._store(key, response, options, generation)
        return self._finish(request, response, options)

    def _options(self, request):
        if request.method not in ("GET", "HEAD"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        try:
            request.get_host()  # ALLOWED_HOSTS, as the full stack would check it
        except DisallowedHost:
            return None  # not from the cache: the full stack refuses it (400)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        options = getattr(match.func, "page_cache", None)
        if options is not None:
            request.page_cache_kwargs = match.kwargs
        return options

    def _key(self, request, options):
        from forces.choice import chosen_slug

        force = (chosen_slug(request) or "") if options["vary_on_force"] else ""
        raw = f"{request.get_full_path()}|{force}"
        return "pc:page:" + hashlib.sha256(raw.encode()).hexdigest()

    def _lookup(self, key):
        """The stored page if every tag it was built from is unchanged, else None."""
        try:
            entry = self.local.get(key)
            if entry is not None and entry["expires"] <= time.time():
                self.local.drop(key)  # the shared copy has expired too: build it again
                entry = None
            if entry is None:
                entry = cache.get(key)
                if entry is None:
                    return None
                self.local.put(key, entry)
            current = cache.get_many([_tag_key(t) for t in entry["tags"]])
        except Exception:
            log.warning("page cache unavailable", exc_info=True)
            return None
        for tag, version in entry["tags"].items():
            if current.get(_tag_key(tag)) != version:  # missing means unknown: rebuild
                self.local.drop(key)
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

    def _generation(self):
        """A counter every bump moves on: compared after building a page, before storing it."""
        try:
            value = cache.get(GENERATION_KEY)
            if value is None:
                cache.add(GENERATION_KEY, _new_version(), timeout=None)
                value = cache.get(GENERATION_KEY)
            return value
        except Exception:
            return None

    def _store(self, key, response, options, generation):
        tags = sorted(response.cache_tags)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        try:
            versions = _current_versions(tags)
            if generation is None or cache.get(GENERATION_KEY) != generation:
                return  # content changed while this page was built: it may be stale already
            entry = {
                "body": response.content,
                "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)},
                "tags": versions,
                "etag": response["ETag"],
                "expires": time.time() + options["timeout"],
                "cookies": [
                    (name, morsel.value, {k: v for k, v in morsel.items() if v})
                    for name, morsel in response.cookies.items()
                ],
            }
            cache.set(key, entry, timeout=options["timeout"])
        except Exception:
            log.warning("could not store page in cache", exc_info=True)

    def _finish(self, request, response, options):
        """Per-visitor parts: a fresh CSRF token, and Vary on the force cookie."""
        if options.get("vary_on_force"):
            patch_vary_headers(response, ["Cookie"])
        if not response.streaming and CSRF_PLACEHOLDER.encode() in response.content:
            self.csrf.process_request(request)
            response.content = response.content.replace(
                CSRF_PLACEHOLDER.encode(), get_token(request).encode()
            )
            response = self.csrf.process_response(request, response)
        return response
