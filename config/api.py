"""The public JSON API at /api/v1/: one django-ninja API, its OpenAPI 3.1 document and docs.

Endpoints live with their apps (faq.api, forces.api_router); this module wires them together:
the error shape for every failure, and each endpoint's page-cache options and caching headers.
CORS headers are added by web.crossorigin, outside the page cache.
"""

import logging

from django.db.utils import InterfaceError, OperationalError
from django.http import Http404
from django.urls import URLPattern, re_path
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from faq.api import router as faq_router
from forces.api_router import router as forces_router
from web.api_support import ApiError, error_response, finish_response

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


@api.exception_handler(ApiError)
def _api_error(request, exc):
    return error_response(exc.status, exc.code, exc.message)


@api.exception_handler(Http404)
def _missing(request, exc):
    return error_response(404, "not_found", "There is nothing at this address.")


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    problems = [
        f"{'.'.join(str(p) for p in error.get('loc', ())[1:]) or 'request'}: {error.get('msg')}"
        for error in exc.errors
    ]
    return error_response(400, "invalid_parameter", "; ".join(problems) or "Invalid request.")


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _database_down(request, exc):
    log.error("database unavailable while serving %s", request.path, exc_info=exc)
    return error_response(503, "unavailable", "The service is unavailable. Please try again soon.")


@api.exception_handler(Exception)
def _unexpected(request, exc):
    log.exception("API error while serving %s", request.path)
    return error_response(500, "server_error", "Something went wrong on our side.")


def _not_found(request, rest=""):
    return error_response(404, "not_found", "There is nothing at this address.")


def _page_cache_options():
    """Each endpoint's `cached_page` options (or None), by URL name."""
    options = {}
    for router in (faq_router, forces_router):
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                options[operation.url_name] = getattr(operation.view_func, "page_cache", None)
    return options


def _wired(pattern, options):
    """An endpoint's URL with its page-cache options and our headers and error shape."""
    callback = pattern.callback

    def view(request, *args, **kwargs):
        if request.method != "HEAD":
            return finish_response(request, callback(request, *args, **kwargs))
        # HEAD is GET without the body (the server drops it), as Django's own views answer it;
        # ninja routes GET alone, so link checkers and uptime monitors would get 405.
        request.method = "GET"
        try:
            response = callback(request, *args, **kwargs)
        finally:
            request.method = "HEAD"
        return finish_response(request, response)

    view.csrf_exempt = True
    if options.get(pattern.name) is not None:
        view.page_cache = options[pattern.name]
    return URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)


def urls():
    """(patterns, app_name) for `include()`: the namespace is "api", as before."""
    patterns, _, namespace = api.urls
    options = _page_cache_options()
    wired = [_wired(p, options) if p.name in options else p for p in patterns]
    return [*wired, re_path(r"^(?P<rest>.*)$", _not_found)], namespace
