"""Headers for other sites: CORS on the JSON API, and which sites may frame our embeds.

The only place CORS headers are set. First in MIDDLEWARE, so they are on every such response:
built by a view, served from the page cache, or turned into a 304 by ConditionalGetMiddleware.

- `/api/`: GET from the origins in API_CORS_ORIGINS ("*": any), with preflight answers
  for conditional requests. Nothing else is allowed: the API has no writes and no cookies.
- `/embed/`: the Content-Security-Policy's `frame-ancestors` lists EMBED_ALLOWED_ORIGINS (and
  X-Frame-Options, which cannot list origins, is dropped); with none configured, and on every
  other page, it stays `frame-ancestors 'none'`.
"""

import re

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from .api_support import API_PREFIX

# Static files other sites load into their own pages (deploy/examples/embed.html): the answer
# list's script and its stylesheet, under their collected names, hashed or not. They are served
# `Cross-Origin-Resource-Policy: cross-origin` with CORS (`*`), by Django and by nginx alike
# (deploy/nginx.conf.template gets this pattern when rendered); every other file stays
# same-origin (issue 29).
EMBED_ASSET_PATTERN = r"^/static/(js/embed|css/embed-widget)(\.[0-9a-f]{12})?\.(js|css)$"
_EMBED_ASSET_RE = re.compile(EMBED_ASSET_PATTERN)


def is_embed_asset(path):
    return bool(_EMBED_ASSET_RE.match(path))


EMBED_PREFIX = "/embed/"
ALLOWED_METHODS = "GET, OPTIONS"
ALLOWED_HEADERS = "If-None-Match, If-Modified-Since, Accept"
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After"
# scheme://host[:port], nothing more: anything else could inject into the CSP header.
ORIGIN_RE = re.compile(r"^https?://[a-z0-9.-]+(:\d{1,5})?$", re.IGNORECASE)


def embed_origins():
    return [o for o in settings.EMBED_ALLOWED_ORIGINS if ORIGIN_RE.match(o)]


def frame_ancestors():
    origins = embed_origins()
    return " ".join(origins) if origins else "'none'"


class CrossOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            return self._api(request)
        response = self.get_response(request)
        if request.path.startswith(EMBED_PREFIX):
            self._embed(response)
        elif is_embed_asset(request.path):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    def _api(self, request):
        origin = request.headers.get("Origin")
        preflight = (
            request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers
        )
        response = HttpResponse(status=204) if preflight else self.get_response(request)
        if preflight:
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = "86400"
        allowed = settings.API_CORS_ORIGINS
        if "*" in allowed:
            response["Access-Control-Allow-Origin"] = "*"
        else:
            patch_vary_headers(response, ["Origin"])
            if origin and origin in allowed:
                response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response

    def _embed(self, response):
        csp = response.get("Content-Security-Policy", "")
        if "frame-ancestors 'none'" in csp:
            response["Content-Security-Policy"] = csp.replace(
                "frame-ancestors 'none'", f"frame-ancestors {frame_ancestors()}"
            )
        if embed_origins():
            if "X-Frame-Options" in response:
                del response["X-Frame-Options"]
        else:
            response["X-Frame-Options"] = "DENY"
