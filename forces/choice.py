"""The force a visitor chose, remembered in a cookie that holds only the force's slug."""

import re

from django.conf import settings
from django.utils import translation

from .models import Force

FORCE_COOKIE = "force"
COOKIE_AGE = 365 * 24 * 60 * 60
_SLUG_RE = re.compile(r"^[a-z0-9-]{1,60}$")


def chosen_slug(request):
    """The slug in the cookie if it is well formed, else None (no database query)."""
    slug = request.COOKIES.get(FORCE_COOKIE, "")
    return slug if _SLUG_RE.match(slug) else None


def chosen_force(request):
    slug = chosen_slug(request)
    if slug is None:
        return None
    force = Force.objects.territorial().filter(slug=slug).first()
    return force.in_language(translation.get_language()) if force else None


def remember_force(response, force):
    response.set_cookie(
        FORCE_COOKIE,
        force.slug,
        max_age=COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,  # https-only wherever the session cookie is
        httponly=True,
        samesite="Lax",
    )
    return response


def forget_force(response):
    response.delete_cookie(FORCE_COOKIE, samesite="Lax")
    return response
