"""Invalidating tags in one cache: our own page cache's tag versions, or a shared cache's purge."""

import json
import urllib.request

from django.conf import settings

from . import versions

PAGE_CACHE = "page-cache"


def targets():
    """Every cache a bump reaches: our page cache first, so it is bumped before the purges."""
    return [PAGE_CACHE, *settings.HTTP_CACHE_PURGE_URLS]


def deliver(target, tags):
    """Invalidate `tags` in one cache; raises when it did not happen."""
    if target == PAGE_CACHE:
        versions.bump_versions(tags)
    else:
        purge(target, tags)


def purge(url, tags):
    """Ask a shared cache to drop every page with any of these surrogate keys.

    `PURGE url` with `xkey-purge` (Varnish's xkey module, deploy/varnish.vcl.template) and
    `Surrogate-Key` (what CDNs such as Fastly read) naming the keys. An entry of
    HTTP_CACHE_PURGE_URLS may start with another method ("POST https://…"); the headers in
    HTTP_CACHE_PURGE_HEADERS (JSON) are added, e.g. a CDN's API key.
    """
    method, _, address = url.rpartition(" ")
    keys = " ".join(tags)
    headers = {"xkey-purge": keys, "Surrogate-Key": keys, **_extra_headers()}
    request = urllib.request.Request(address, method=method or "PURGE", headers=headers)
    with urllib.request.urlopen(request, timeout=settings.HTTP_CACHE_PURGE_TIMEOUT) as response:
        if not 200 <= response.status < 300:
            raise OSError(f"{address} answered {response.status}")


def _extra_headers():
    text = settings.HTTP_CACHE_PURGE_HEADERS
    return json.loads(text) if text else {}
