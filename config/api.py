"""The public JSON API at /api/v1/: one django-ninja API, its OpenAPI 3.1 document and docs.

Endpoints live with their apps (faq.api, forces.api); this module wires them together: the one
handler that turns every failure into an ApiError (web.api_support), and what each endpoint's
decorators declared (page cache, rate limit), for the middleware and the page cache to read.
CORS headers are added by web.crossorigin alone, outside the page cache.
"""

import logging

from django.db.utils import InterfaceError, OperationalError
from django.http import Http404
from django.urls import URLPattern, re_path
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

from faq.api import router as faq_router
from forces.api import router as forces_router
from web.api_support import ApiError, finish_response

log = logging.getLogger(__name__)

DESCRIPTION = """\
Read-only access to the published answers of Police Advice, the topic tree, search, and the
police forces with the force finder. No key is needed; responses are JSON, cacheable (ETag,
Last-Modified, `If-None-Match` gives 304) and allowed from other origins for GET (CORS).

In Welsh: add `lang=cy` to the answers, an answer, the topics, search and locate. Each answer,
topic and link then comes in Welsh where it has a Welsh version and says its `language` (`cy`,
or `en` where there is no Welsh version yet); `Content-Language` says the language asked for.
Without `lang` (or with `lang=en`) everything is in English, as before.

Errors always have the shape `{"error": {"code": "...", "message": "..."}}`. Rate limits per
client: 300 reads a minute, 60 searches a minute, 120 locates a minute; over a limit the answer
is 429 with `Retry-After`.
"""

api = NinjaAPI(
    title="Police Advice content API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs=Swagger(settings={"defaultModelsExpandDepth": 0}),
    docs_url="/docs/",
)
api.add_router("", faq_router)
api.add_router("", forces_router)


def as_api_error(request, exc):
    """The API's one handler: every failure inside an endpoint becomes an ApiError's response."""
    if isinstance(exc, ApiError):
        error = exc
    elif isinstance(exc, Http404):
        error = ApiError(404)
    elif isinstance(exc, ValidationError):
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors
        ]
        error = ApiError(400, "invalid_parameter", "; ".join(problems) or None)
    elif isinstance(exc, HttpError):
        error = ApiError(exc.status_code)
    elif isinstance(exc, OperationalError | InterfaceError):
        log.error("database unavailable while serving %s", request.path, exc_info=exc)
        error = ApiError(503)
    else:
        log.exception("API error while serving %s", request.path)
        error = ApiError(500)
    return error.response()


# ninja keeps a handler of its own for some of these: each is replaced by the one above.
for _exception in (Exception, ApiError, Http404, ValidationError, HttpError):
    api.add_exception_handler(_exception, as_api_error)


def _not_found(request, rest=""):
    return ApiError(404).response()


def _view_options():
    """Each endpoint's view function (with what its decorators declared), by URL name."""
    return {
        operation.url_name: operation.view_func
        for router in (faq_router, forces_router)
        for path_view in router.path_operations.values()
        for operation in path_view.operations
    }


# What the decorators of an endpoint declare, read by the middleware and the page cache.
POLICY_ATTRIBUTES = ("page_cache", "rate_limit", "sensitive")


def _wired(pattern, endpoint):
    """An endpoint's URL with what it declared (page cache, rate limit) and our headers."""
    callback = pattern.callback
    page_cache = getattr(endpoint, "page_cache", None)

    def view(request, *args, **kwargs):
        if request.method != "HEAD":
            return finish_response(callback(request, *args, **kwargs), page_cache)
        # HEAD is GET without the body (the server drops it), as Django's own views answer it;
        # ninja routes GET alone, so link checkers and uptime monitors would get 405.
        request.method = "GET"
        try:
            response = callback(request, *args, **kwargs)
        finally:
            request.method = "HEAD"
        return finish_response(response, page_cache)

    view.csrf_exempt = True
    for name in POLICY_ATTRIBUTES:
        if getattr(endpoint, name, None) is not None:
            setattr(view, name, getattr(endpoint, name))
    return URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)


def urls():
    """(patterns, app_name) for `include()`: the namespace is "api", as before."""
    patterns, _, namespace = api.urls
    endpoints = _view_options()
    wired = [_wired(p, endpoints[p.name]) if p.name in endpoints else p for p in patterns]
    return [*wired, re_path(r"^(?P<rest>.*)$", _not_found)], namespace
