from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def robots_txt(request):
    from django.conf import settings

    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /ask/status/",
        "Disallow: /search/",
        "Disallow: /cy/ask/status/",
        "Disallow: /cy/search/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",  # never from the Host header
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
