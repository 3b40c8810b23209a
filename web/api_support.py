"""What every endpoint of the public JSON API shares: the error shape and HTTP caching.

Errors are always `{"error": {"code": "...", "message": "..."}}` with a fitting status, whatever
failed (a bad parameter, a missing answer, the rate limit, the database). Successful reads say
what they show (`cache_for`), so the page cache can store them and invalidate them by tag like
the pages, and shared caches (Varnish, a CDN) may keep them for `max_age` seconds, browsers for
HTTP_CACHE_BROWSER_MAX_AGE.
"""

from typing import Literal

from django.http import JsonResponse
from ninja import Schema

from caching.headers import shareable_cache_control
from caching.tags import tag_response

CACHE_SECONDS = 60 * 60

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


class ApiError(Exception):
    """Raised by an endpoint to answer with the error shape."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status, code, message):
    response = JsonResponse(
        {"error": {"code": code, "message": message}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-cache" if status == 404 else "no-store"
    if status in (429, 503):
        response["Retry-After"] = "60" if status == 429 else "30"
    return response


def cache_for(request, *tags, max_age=CACHE_SECONDS):
    """Name what this response shows (page-cache tags) and how long others may keep it."""
    request.api_cache = {"tags": tags, "max_age": max_age}


def finish_response(request, response):
    """Applied to every response of the API's endpoints (not to page-cache hits, which keep the
    headers they were stored with): caching headers on reads, the error shape on errors."""
    if response.status_code >= 400 and "json" not in response.get("Content-Type", ""):
        error = error_response(
            response.status_code,
            _ERROR_CODES.get(response.status_code, "error"),
            _message(response),
        )
        if response.has_header("Allow"):
            error["Allow"] = response["Allow"]
        return error
    options = getattr(request, "api_cache", None)
    if options and response.status_code == 200:
        tag_response(response, *options["tags"])
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = shareable_cache_control(options["max_age"])
    return response


_ERROR_CODES = {400: "invalid_parameter", 404: "not_found", 405: "method_not_allowed"}


def _message(response):
    return {
        404: "There is nothing at this address.",
        405: "Only GET is allowed here.",
    }.get(response.status_code, "The request could not be answered.")
