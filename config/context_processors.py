from django.conf import settings
from django.utils import translation

WELSH = "cy"
WELSH_PREFIX = "/cy"


def site(request):
    """Facts every page shows: the site name, its public address (for absolute links: never
    built from the Host header) and where the quick exit goes."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_OWNER": settings.SITE_OWNER,
        "SITE_OWNER_URL": settings.SITE_OWNER_URL,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }


def path_in_language(path, language):
    """The same public page in `language`: Welsh is the English path under /cy/."""
    english = path
    if path == WELSH_PREFIX or path.startswith(WELSH_PREFIX + "/"):
        english = path[len(WELSH_PREFIX) :] or "/"
    return WELSH_PREFIX + english if language == WELSH else english


def languages(request):
    """The page's language (`HTML_LANG` for lang attributes), the link to the same page in the
    other language and the hreflang alternates (absolute, from SITE_URL)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    path = request.path
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    alternates = [
        {
            "code": code,
            "hreflang": translation.to_locale(code).replace("_", "-"),
            "name": name,
            "url": settings.SITE_URL + path_in_language(path, code),
        }
        for code, name in settings.LANGUAGES
    ]
    other = next(a for a in alternates if a["code"] != current)
    return {
        "HTML_LANG": translation.to_locale(current).replace("_", "-"),
        "LANGUAGE_ALTERNATES": alternates,
        "X_DEFAULT_URL": alternates[0]["url"],
        "OTHER_LANGUAGE": {**other, "path": path_in_language(path, other["code"]) + suffix},
    }
