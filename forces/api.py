"""The public JSON API: /api/v1/forces/, /api/v1/forces/<slug>/ and /api/v1/locate/?q=.

Read-only, no cookies or sessions used, so any site may call it (CORS: *) and caches may keep it.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from caching.decorator import cached_page
from caching.headers import shareable_cache_control
from caching.tags import tag_response
from web.ratelimit import is_limited

from . import tags
from .lookup import locate
from .models import Force

CACHE_SECONDS = 60 * 60


def _json(data, *, status=200, max_age=CACHE_SECONDS):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        response["Cache-Control"] = shareable_cache_control(max_age)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    return response


def force_summary(force):
    return {
        "slug": force.slug,
        "name": force.name,
        "code": force.code or None,
        "url": settings.SITE_URL + force.get_absolute_url(),
    }


def force_full(force):
    return {
        **force_summary(force),
        "short_name": force.short_name,
        "nation": force.nation,
        "kind": force.kind,
        "description": force.description,
        "website": force.website or None,
        "non_emergency_number": force.non_emergency_number or None,
        "non_emergency_outside_area": force.non_emergency_outside_area or None,
        "report_online_url": force.report_online_url or None,
        "contact_url": force.contact_url or None,
        "textphone": force.textphone or None,
        "social_accounts": force.social_accounts,
    }


@require_safe
@cached_page()
def forces(request):
    data = {"forces": [force_full(force) for force in Force.objects.order_by("name")]}
    return tag_response(_json(data), tags.all_forces())


@require_safe
@cached_page()
def force(request, slug):
    return tag_response(_json(force_full(get_object_or_404(Force, slug=slug))), tags.all_forces())


def _locate_limited(request, **kwargs):
    """The locate rate limit, counted for cached and freshly built answers alike."""
    if is_limited(request, "api-locate", limit=120, window=60):
        error = {"code": "rate_limited", "message": "Too many requests. Please wait a minute."}
        return _json({"error": error}, status=429, max_age=0)
    return None


@require_safe
# Short: each server keeps its own copy of the force list for up to a minute (forces.lookup).
@cached_page(query=("q", "lang"), timeout=60, on_hit=_locate_limited)
def locate_view(request):
    if limited := _locate_limited(request):
        return limited
    result = locate(request.GET.get("q", ""))
    data = {
        "query": result.query,
        "normalised": result.normalised,
        "match": str(result.match),
        "forces": [force_summary(force) for force in result.forces],
        "reason": result.reason,
        "exact": result.exact,
        "suggestions": [{"query": s.query, "label": s.label} for s in result.suggestions],
    }
    if result.problem:
        data["error"] = {"code": str(result.problem), "message": result.message}
    status = 400 if result.is_bad_request else 200
    # A minute, as above: a copy built from a server's old tables must not outlive them.
    response = _json(data, status=status, max_age=60)
    return tag_response(response, tags.all_forces())
