"""Whole-page caching for anonymous visitors, invalidated by tags.

A view opts in with the `cached_page` decorator and names what its page shows with
`tag_response(response, ...)` with tags from its app's tags module (faq/tags.py: `answer(497)`,
`topic(12)`, …). Each tag has a version
counter in the shared cache; a stored page remembers the versions it was built from and is served
only while every one of them is unchanged. Changing content bumps exactly the tags it affects
(`bump(tags.answer(497))`): nothing is ever cleared wholesale, and app servers share the counters
through Redis.

Cacheable pages carry no per-visitor state (their forms are protected by config.origin, not by a
token), so the same bytes can be kept by any HTTP cache: they say so in `Cache-Control` (or, for
sensitive pages, `no-store` for browsers and `Surrogate-Control` for our own shared caches) and
name their tags in `Surrogate-Key` and `xkey`, the keys a purge names (docs/front-stack.md).

The middleware sits just after whitenoise, so a hit skips sessions, auth, messages and the view.
Anyone with a session cookie (staff) bypasses the cache.

`cached_fragment(key, build)` keeps a part of a page the same way (the same tag versions, the
same check that nothing was bumped while it was built), so a page the cache does not hold can
be built from parts kept since their content last changed (faq/answer_parts.py).
"""

import functools
import hashlib
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, quote_etag, urlencode
from django.utils.module_loading import import_string

from . import tagversions

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
DEFAULT_TIMEOUT = 60 * 60
PATHS_REMEMBERED = 10_000


TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid"})


def is_tracking_param(name):
    """Parameters campaigns and social sites add to links: no page reads them."""
    return name.startswith("utm_") or name in TRACKING_PARAMS


def cached_page(*, query=(), vary_on_cookie=None, timeout=DEFAULT_TIMEOUT, on_hit=None):
    """Mark a view's GET responses as cacheable for anonymous visitors.

    `query`: the query parameters the view reads; the stored copy is keyed on their values.
    Tracking parameters (utm_*, fbclid, gclid, …) are removed before the view sees the request;
    any other parameter, one given twice (`?lang=en&lang=cy`: which one would the view read?),
    or a value outside its closed set (PAGE_CACHE_CLOSED_VALUES: a language, a force) means the
    page is built fresh and not stored.
    `vary_on_cookie`: the one cookie whose value changes the page (e.g. the chosen force); the
    response says `Vary: Cookie`, and every other cookie is ignored. A value outside its closed
    set is built fresh and not stored, as an undeclared parameter is.
    `on_hit(request, **view_kwargs)` runs when a stored page would be served instead of the
    view (to count a view, or to apply the view's rate limit); a response it returns is sent
    in place of the stored page.
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


class Tag(str):
    """A cache tag (and surrogate key), made only by an app's tag helpers (faq/tags.py,
    forces/tags.py): `tag_response` and `bump` refuse plain strings, so a misspelt tag cannot
    silently leave pages stale."""

    __slots__ = ()


def _tags(tags):
    for tag in tags:
        if not isinstance(tag, Tag):
            raise TypeError(f"{tag!r} is not a Tag: build tags with the app's tags module")
    return {str(tag) for tag in tags}


def tag_response(response, *tags, public_cookies=False):
    """Name what the page shows. `public_cookies`: its cookies are the same for everyone who
    asks for this address (e.g. the chosen force after a lookup), so they may be stored too."""
    response.cache_tags = set(getattr(response, "cache_tags", set())) | _tags(tags)
    response.public_cookies = public_cookies
    return response


def all_answers():
    """Pages listing answers from anywhere (home, searches, a force's notes). Shared by faq,
    which bumps it, and forces, whose pages list answers (forces never imports faq)."""
    return Tag("answers")


GENERATION_KEY = "pc:generation"


def bump(*tags):
    """Invalidate every cached page built from any of `tags`, here and in every shared cache.

    Our own versions are bumped at once, best effort, and the invalidation is queued in the
    same transaction (invalidation.queue): once it commits, our versions are bumped again (a
    page built from the old rows while the change was uncommitted must not outlive the commit)
    and the shared caches purged, retried until each has succeeded. Never raises.
    """
    from invalidation.queue import enqueue

    tags = _tags(tags)
    if not tags:
        return
    _bump_now(tags)
    enqueue(tags)


def bump_versions(tags):
    """Move on the version of each tag (and the generation), and tell every process (pub/sub,
    config/tagversions.py); raises if the cache is down."""
    versions = {}
    for tag in [None, *tags]:
        key = GENERATION_KEY if tag is None else _tag_key(tag)
        try:
            version = cache.incr(key)
        except ValueError:  # no version yet (or evicted): any new one differs from all before
            version = _new_version()
            cache.set(key, version, timeout=None)
        if tag is not None:
            versions[tag] = version
    pushed = tagversions.for_current_cache(_tag_key)
    if pushed is not None:
        pushed.learn(versions)
    tagversions.publish(versions)


def _bump_now(tags):
    try:
        bump_versions(tags)
    except Exception:  # cache down: pages are not served from it either; the queue retries
        log.warning("could not bump cache tags %s", sorted(tags), exc_info=True)


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
        self.local = _LocalCopies(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500))
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
        generation = _generation()
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
                if _closed_value(name, values[0]) is None:
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
        if value and _closed_value(cookie, value) is None:
            # Built, never stored: a force added a moment ago may not be in this process's
            # list yet, and its page must not be kept as the page without a force.
            return None
        raw = f"{request.path}?{urlencode(sorted(kept))}|{value}"
        return "pc:page:" + hashlib.sha256(raw.encode()).hexdigest()

    def _lookup(self, key):
        """The stored page if every tag it was built from is unchanged, else None."""
        try:
            entry = _current_entry(self.local, key)
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
            _store_entry(key, entry, response.cache_tags, generation, options["timeout"])
        except ChangedWhileBuilt:
            withhold_from_shared_caches(response)
        except Exception:
            log.warning("could not store page in cache", exc_info=True)


def _closed_value(name, value):
    """`value` as PAGE_CACHE_CLOSED_VALUES' function for `name` recognises it (None when it does
    not); any value of a name with no such function. When the check cannot be made (the
    database is down), a short slug-like value is taken as it is."""
    check = _closed_value_checks().get(name)
    if check is None:
        return value
    try:
        return check(value)
    except Exception:
        log.warning("could not check the value of %s", name, exc_info=True)
        return value if _SLUG_LIKE.fullmatch(value) else None


_SLUG_LIKE = re.compile(r"[a-z0-9-]{1,60}")


@functools.cache
def _closed_value_checks():
    return {
        name: import_string(path)
        for name, path in getattr(settings, "PAGE_CACHE_CLOSED_VALUES", {}).items()
    }


def language_code(value):
    """A language the API and embeds take as `?lang=`."""
    return value if value in ("en", "cy") else None


def _current_entry(local, key):
    """The entry stored under `key` (this process's copy, else the shared cache's) if every tag
    it was built from is unchanged, else None. Raises when the cache is unavailable."""
    entry = local.get(key)
    if entry is not None and entry["expires"] <= time.time():
        local.drop(key)  # the shared copy has expired too: build it again
        entry = None
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
        local.put(key, entry)
    current = _versions(entry["tags"])
    for tag, version in entry["tags"].items():
        if current.get(tag) != version:  # missing means unknown: rebuild
            local.drop(key)
            return None
    return entry


def _versions(tags):
    """{tag: current version}: pushed to this process when it can be (Redis), else read."""
    pushed = tagversions.for_current_cache(_tag_key)
    if pushed is not None:
        return pushed.current(tags)
    found = cache.get_many([_tag_key(tag) for tag in tags])
    return {tag: found.get(_tag_key(tag)) for tag in tags}


def _generation():
    """A counter every bump moves on: read before building, compared again before storing."""
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, _new_version(), timeout=None)
            value = cache.get(GENERATION_KEY)
        return value
    except Exception:
        return None


class ChangedWhileBuilt(Exception):
    """A bump came while this was built: what it was built from may have changed meanwhile."""


def _store_entry(key, entry, tags, generation, timeout):
    """Store `entry` with the current versions of `tags`; the entry stored, or None when the
    cache could not say which generation it was built in. Raises ChangedWhileBuilt when a bump
    came since `generation` was read."""
    versions = _current_versions(sorted(tags))
    if generation is None:
        return None
    if cache.get(GENERATION_KEY) != generation:
        raise ChangedWhileBuilt
    entry = {**entry, "tags": versions, "expires": time.time() + timeout}
    cache.set(key, entry, timeout=timeout)
    return entry


_fragment_copies = None
_fragment_copies_lock = threading.Lock()


def cached_fragment(key, build, *, timeout=DEFAULT_TIMEOUT):
    """Part of a page, kept as a page is: served while none of the tags it was built from has
    been bumped, made again when it is missing (a deploy, an eviction), expired or stale.

    `build()` returns (value, tags): the value (picklable; None is never stored) and the tags
    naming what it shows, from the app's tags module, as `tag_response` takes them. Nothing
    about the visitor may go into it: everyone asking for `key` is given the same value.
    """
    global _fragment_copies
    if _fragment_copies is None:
        with _fragment_copies_lock:
            if _fragment_copies is None:
                size = getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500)
                _fragment_copies = _LocalCopies(size)
    key = "pc:fragment:" + key
    try:
        entry = _current_entry(_fragment_copies, key)
    except Exception:
        log.warning("page cache unavailable for fragments", exc_info=True)
        entry = None
    if entry is not None:
        return entry["value"]
    generation = _generation()
    value, tags = build()
    if value is not None:
        try:
            stored = _store_entry(key, {"value": value}, _tags(tags), generation, timeout)
        except ChangedWhileBuilt:
            pass  # built again by the next request
        except Exception:
            log.warning("could not store fragment in cache", exc_info=True)
        else:
            if stored is not None:
                _fragment_copies.put(key, stored)
    return value


def shared_cache_headers(response, options):
    """Cache-Control, Surrogate-Control, Surrogate-Key and Vary for a cacheable page.

    Browsers keep a page HTTP_CACHE_BROWSER_MAX_AGE seconds (no one can purge them); shared caches
    (Varnish, a CDN) keep it as long as our own cache does, since a change purges them by key.
    Sensitive pages stay `no-store` for browsers (nothing left on a shared device) while the
    shared caches we control may hold them through `Surrogate-Control`, which they remove
    before a response leaves them.
    """
    if options.get("vary_on_cookie"):
        patch_vary_headers(response, ["Cookie"])
    tags = getattr(response, "cache_tags", None)
    if response.status_code != 200 or not tags or response.cookies or response.streaming:
        return
    keys = " ".join(sorted(tags))
    response["Surrogate-Key"] = keys
    response["xkey"] = keys
    shared = options["timeout"]
    if getattr(response, "sensitive", False):
        response["Surrogate-Control"] = f"max-age={shared}, {_stale_directives()}"
    elif not response.has_header("Cache-Control"):
        response["Cache-Control"] = shareable_cache_control(shared)


def withhold_from_shared_caches(response):
    """A page built across a change (a bump came while it was built) may show what was there
    before the commit, and the purge for that commit may have gone already: no shared cache may
    keep it, or it would outlive the change until its s-maxage. The visitor still gets it."""
    for header in ("Surrogate-Key", "xkey", "Surrogate-Control"):
        if response.has_header(header):
            del response[header]
    if "no-store" not in response.get("Cache-Control", ""):
        response["Cache-Control"] = "no-cache"


def shareable_cache_control(shared_seconds):
    """`Cache-Control` for a response any cache may keep: browsers a short while (nobody can
    purge them), shared caches `shared_seconds`, since a change purges them by surrogate key."""
    browser = min(settings.HTTP_CACHE_BROWSER_MAX_AGE, shared_seconds)
    return f"public, max-age={browser}, s-maxage={shared_seconds}, {_stale_directives()}"


def _stale_directives():
    return (
        f"stale-while-revalidate={settings.HTTP_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.HTTP_CACHE_STALE_IF_ERROR}"
    )
