"""What every endpoint of the public JSON API shares: the one error, and HTTP caching.

Every error is an `ApiError`, and its `response()` is the one place the error body is made:
`{"error": {"code": "...", "message": "..."}}` with a fitting status, whatever failed (a bad
parameter, a missing answer, the rate limit, the database, a page the middleware answered).
Endpoints raise it; the API's one handler (config.api) turns everything else into it; the
middleware (web.middleware.ApiJsonErrorsMiddleware) turns any other error page under /api/ into
it.

Successful reads name what they show as pages do (`tag_response(response, ...)` on the response
ninja hands the endpoint), and their lifetime is the `cached_page(timeout=...)` they declare: the
page cache stores and invalidates them by tag like the pages, shared caches (Varnish, a CDN) may
keep them that long, browsers HTTP_CACHE_BROWSER_MAX_AGE.
"""

from typing import Literal

from django.http import JsonResponse
from ninja import Schema

from caching.decorator import DEFAULT_TIMEOUT
from caching.headers import shareable_cache_control

API_PREFIX = "/api/"

# `?lang=`: read by web.middleware (the request's language), declared by each endpoint that
# has text in Welsh so an unknown value is a 400 and the document lists it.
LanguageCode = Literal["en", "cy"]
LANGUAGE_DESCRIPTION = (
    "`cy` for Welsh: the Welsh version of each item where there is one, the English otherwise "
    "(each item's `language` says which). The response's `Content-Language` says the language "
    "asked for."
)


class ErrorDetail(Schema):
    code: str
    message: str


class Error(Schema):
    error: ErrorDetail


# status: (code, message) when nothing more particular is said.
DEFAULTS = {
    400: ("invalid_parameter", "The request could not be read."),
    403: ("forbidden", "Forbidden."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "Only GET is allowed here."),
    429: ("rate_limited", "Too many requests. Please wait a minute."),
    500: ("server_error", "Something went wrong on our side. Please try again later."),
    503: ("unavailable", "The service is unavailable. Please try again in a few minutes."),
}


class ApiError(Exception):
    """An API error: raised by an endpoint, or made from any other failure; `response()` is
    its body, status and headers."""

    def __init__(self, status, code=None, message=None):
        default_code, default_message = DEFAULTS.get(status, ("error", "The request failed."))
        self.status = status
        self.code = code or default_code
        self.message = message or default_message
        super().__init__(self.message)

    def response(self):
        response = JsonResponse(
            {"error": {"code": self.code, "message": self.message}},
            status=self.status,
            json_dumps_params={"ensure_ascii": False},
        )
        response["Cache-Control"] = "no-cache" if self.status == 404 else "no-store"
        if self.status in (429, 503):
            response["Retry-After"] = "60" if self.status == 429 else "30"
        return response


def as_api_error(response):
    """Any error response (an HTML error page, a bare 405) as the API's error, keeping its
    status and its headers (Allow, Retry-After, Cache-Control, the security headers)."""
    replacement = ApiError(response.status_code).response()
    for header, value in response.items():
        if header.lower() not in ("content-type", "content-length"):
            replacement[header] = value
    return replacement


def finish_response(response, page_cache):
    """A read that named what it shows (`tag_response`) may be kept by others for the lifetime
    it declared (`cached_page(timeout=...)`), as the page cache would say; applied to every
    response of the API's endpoints, the page cache's or not."""
    if (
        response.status_code == 200
        and getattr(response, "cache_tags", None)
        and not response.has_header("Cache-Control")
    ):
        timeout = (page_cache or {}).get("timeout", DEFAULT_TIMEOUT)
        response["Cache-Control"] = shareable_cache_control(timeout)
    return response
