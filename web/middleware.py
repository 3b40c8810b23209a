"""Response headers and failure handling shared by every page."""

import logging

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import JsonResponse
from django.utils import translation

from .crossorigin import is_embed_asset
from .csp import ADMIN_CSP, PERMISSIONS_POLICY, PUBLIC_CSP
from .errors import bad_request, page_not_found, service_unavailable

log = logging.getLogger(__name__)


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
        self.sensitive_prefixes = tuple(settings.SENSITIVE_PATH_PREFIXES)

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
        if request.path.startswith(self.sensitive_prefixes):
            mark_sensitive(response)
        return response


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


API_PREFIX = "/api/"
API_ERRORS = {  # status: (code, message), in the API's one error shape (web/api_support.py)
    400: ("invalid_parameter", "Bad request."),
    403: ("forbidden", "Forbidden."),
    404: ("not_found", "Not found."),
    405: ("method_not_allowed", "Only GET requests are answered here."),
    429: ("rate_limited", "Too many requests. Please wait a minute."),
    500: ("server_error", "Something went wrong on our side. Please try again later."),
    503: ("unavailable", "The service is unavailable. Please try again in a few minutes."),
}


class ApiJsonErrorsMiddleware:
    """The JSON API answers JSON always: any error page under /api/ (404, 405, the 500 page, the
    503 of a database outage, a refused request) becomes {"error": {"code", "message"}}, the
    API's one error shape (web/api_support.py), with the same status
    and headers. Sits outside every middleware but the headers one, so it sees their answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            response = _as_json(response)
        return response


def _as_json(response):
    status = response.status_code
    code, message = API_ERRORS.get(status, ("error", response.reason_phrase))
    replacement = JsonResponse({"error": {"code": code, "message": message}}, status=status)
    for header, value in response.items():  # Retry-After, Allow, the security headers, …
        if header.lower() not in ("content-type", "content-length"):
            replacement[header] = value
    replacement.setdefault("Cache-Control", "no-store")
    replacement["Access-Control-Allow-Origin"] = "*"
    return replacement


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
