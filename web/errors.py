"""The site's own error pages: Django's handlers (config/urls.py names them) and the plain
responses the middleware answers with before any view runs."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def bad_request_page(request, exception=None):
    return render(request, "errors/400.html", status=400)


def bad_request():
    """400 for a request no page could read (a NUL in the query), before any view runs."""
    html = render_to_string("errors/400.html")
    response = HttpResponse(html, status=400)
    response["Cache-Control"] = "no-store"
    return response


def service_unavailable():
    """503 while the database is down: a kind page, retried shortly, never kept."""
    html = render_to_string("errors/503.html")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
