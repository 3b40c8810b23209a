"""Response headers and failure handling shared by every page."""

import logging

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.urls import Resolver404, resolve
from django.utils import translation

from .api_support import API_PREFIX, as_api_error
from .crossorigin import is_embed_asset
from .csp import ADMIN_CSP, PERMISSIONS_POLICY, PUBLIC_CSP
from .errors import bad_request, page_not_found, service_unavailable

log = logging.getLogger(__name__)

PATHS_REMEMBERED = 10_000


def mark_sensitive(response, *, shared=True):
    """Pages about abuse, what a person typed (search results, the force finder's answer) and
    the question form: nothing kept by the browser, so Back after the quick exit or a look
    through the browser's cache shows nothing; no referrer sent on.

    `shared`: the page cache and the shared caches we control (Varnish) may still keep it
    (caching.headers sends them `Surrogate-Control`); False leaves them as the page's own
    headers say.
    """
    response["Cache-Control"] = "no-store"
    # Never tells another site where the visitor came from. Not "no-referrer": under it
    # browsers send `Origin: null` with the page's own forms, and Django's CSRF check then
    # refuses every question and feedback form (tests/browser found this).
    response["Referrer-Policy"] = "same-origin"
    response.sensitive = shared
    return response


# `?lang=` values, for the addresses outside the /cy/ prefix that take one (the API, embeds).
QUERY_LANGUAGES = {"en": settings.LANGUAGE_CODE, "cy": "cy"}


def language_of(request):
    """The language a request asks for by its address: /cy/… is Welsh; the API and the embeds
    (settings.LANGUAGE_QUERY_PATHS, one address for every language) take `?lang=cy`; anything
    else is English. An unknown `lang` is English here: the API refuses it (400) itself."""
    from_path = translation.get_language_from_path(request.path_info)
    if from_path:
        return from_path
    if request.path_info.startswith(tuple(settings.LANGUAGE_QUERY_PATHS)):
        return QUERY_LANGUAGES.get(request.GET.get("lang", ""), settings.LANGUAGE_CODE)
    return settings.LANGUAGE_CODE


class PathLanguageMiddleware:
    """The language of a request comes from its address alone: /cy/… is Welsh, the API and
    embeds are Welsh with `?lang=cy`, everything else (the public pages at /, the admin) is
    English.

    Django's LocaleMiddleware would also read Accept-Language and the language cookie for
    addresses outside i18n_patterns and add `Vary: Accept-Language` to every English page, so
    one address could be two pages to a shared cache; here it is always one page (the page
    cache keys the API and embeds on `lang` as on their other parameters).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(language_of(request))
        request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
        finally:
            # Nothing after this request (the next one on this thread, a test) inherits it.
            translation.deactivate()
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        csp = ADMIN_CSP if request.path.startswith(self.admin_prefix) else PUBLIC_CSP
        if settings.CSP_REPORT_URI:
            csp += f"; report-uri {settings.CSP_REPORT_URI}"
        response.setdefault("Content-Security-Policy", csp)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        # No other site may embed our pages or files (images, scripts) in its own; the JSON API
        # is meant to be called from anywhere, and the embed's script and stylesheet loaded
        # into force sites' pages (both also send CORS *).
        shared = request.path.startswith(API_PREFIX) or is_embed_asset(request.path)
        corp = "cross-origin" if shared else "same-origin"
        response.setdefault("Cross-Origin-Resource-Policy", corp)
        # A view declared @sensitive (web.policy) marks what it builds itself; this marks what
        # it never built: a refused form (CSRF), an error raised in it, a refusal before it.
        declared = getattr(request, "sensitive_view", None)
        if declared is not None:
            mark_sensitive(response, shared=declared.shared)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.sensitive_view = getattr(view_func, "sensitive", None)


class RateLimitMiddleware:
    """The rate limit a view declares (web.policy.rate_limited), applied to every request for
    it in this one place: before the page cache, so a stored page is refused as a freshly built
    one is. After the language middleware: /cy/ addresses resolve only in Welsh."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.views_by_path = {}  # path -> its view (or None): resolve() once per path

    def __call__(self, request):
        limit = getattr(self._view(request.path_info), "rate_limit", None)
        if limit is not None and (refused := limit.refused(request)) is not None:
            return refused
        return self.get_response(request)

    def _view(self, path):
        if path not in self.views_by_path:
            try:
                found = resolve(path).func
            except Resolver404:
                found = None
            if len(self.views_by_path) >= PATHS_REMEMBERED:
                self.views_by_path.clear()
            self.views_by_path[path] = found
        return self.views_by_path[path]


class RefuseNulMiddleware:
    """A NUL byte in the path or the query string is never part of a real address or search,
    and PostgreSQL refuses it in any text it is given (a 500 wherever it reached a query). Such
    requests end here: 404 for the path, 400 for the query. Forms refuse NUL themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return page_not_found(request)
        if request.path.startswith(API_PREFIX):
            return self.get_response(request)  # the API reads its own input (locate drops NUL)
        if any("\x00" in key or "\x00" in "".join(values) for key, values in request.GET.lists()):
            return bad_request()
        return self.get_response(request)


class ApiJsonErrorsMiddleware:
    """The JSON API answers JSON always: any error page under /api/ (404, 405, the 500 page, the
    503 of a database outage, a refused request) becomes the API's one error
    (web.api_support.ApiError), with the same status and headers. Sits outside every
    middleware but the headers one, so it sees their answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            response = as_api_error(response)
        return response


class DatabaseUnavailableMiddleware:
    """When the database is down, answer 503 with a kind page instead of a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.error("database unavailable while serving %s", request.path, exc_info=exception)
        return service_unavailable()
