from django.conf import settings


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
