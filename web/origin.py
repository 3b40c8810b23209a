"""Cross-site request protection for the forms on cacheable public pages, without a token.

The forms on answer and force pages (was this helpful, choose or forget a force) live on pages
every visitor shares byte for byte, so they cannot carry a per-visitor CSRF token. Instead a view
wrapped in `same_origin_only` accepts a POST only when the browser says it came from one of our
own pages:

1. `Sec-Fetch-Site` (every current browser sends it): `same-origin` is accepted, `same-site`,
   `cross-site` are refused. `none` (the visitor's own action, e.g. a bookmark) proves nothing,
   so the Origin header decides.
2. `Origin`: accepted when it is the site's own origin (SITE_URL, the request's own scheme and
   validated host, or one of CSRF_TRUSTED_ORIGINS); `null` and any other origin are refused.
3. Neither header (old browsers): the `Referer`, which our own pages always send to us
   (Referrer-Policy: same-origin), must start with one of those origins.
4. Nothing at all: refused with a page that says what happened and what to do.

A refusal is a 403 with a plain page and `no-store`; the view never runs. The question form
under /ask/ is never cached and keeps Django's CSRF tokens.
"""

import logging
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

log = logging.getLogger(__name__)


def _origin_of(url):
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def own_origins(request):
    """The origins our own pages are served from, as seen by this request."""
    origins = {_origin_of(settings.SITE_URL)}
    origins.update(_origin_of(o) for o in settings.CSRF_TRUSTED_ORIGINS)
    try:
        origins.add(f"{request.scheme}://{request.get_host()}".lower())
    except DisallowedHost:
        pass  # an unknown Host is never "our own"
    origins.discard(None)
    return origins


def is_same_origin(request):
    """True when the browser says this request came from one of our own pages."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    if fetch_site == "same-origin":
        return True
    if fetch_site in ("same-site", "cross-site"):
        return False
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.strip().lower() in own_origins(request)
    referer = request.headers.get("Referer")
    if referer:
        return _origin_of(referer) in own_origins(request)
    return False


def refuse(request):
    response = render(request, "errors/403_cross_site.html", status=403)
    response["Cache-Control"] = "no-store"
    return response


def same_origin_only(view):
    """Accept the view's POSTs only from our own pages (see the module's docstring).

    Django's token check is switched off for this view: the pages its forms live on are shared
    by everyone, so they carry no token. Safe methods (GET, HEAD) pass unchecked.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS") and not is_same_origin(request):
            log.info(
                "cross-site %s to %s refused (Sec-Fetch-Site=%r, Origin=%r)",
                request.method,
                request.path,
                request.headers.get("Sec-Fetch-Site"),
                request.headers.get("Origin"),
            )
            return refuse(request)
        return view(request, *args, **kwargs)

    wrapper.origin_checked = True
    return wrapper
