from django.conf import settings


def site(request):
    """Facts every page shows: the site name and where the quick exit goes."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }
