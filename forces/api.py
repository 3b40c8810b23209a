"""The forces part of the public JSON API: /api/v1/forces/, /api/v1/forces/<slug>/ and
/api/v1/locate/?q=, in the `/api/v1/` OpenAPI document beside faq.api.

Read-only, no cookies or sessions used, so any site may call it (CORS: *, web.crossorigin) and
caches may keep it.
"""

from typing import Literal

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from ninja import Field, Path, Query, Router, Schema, Status

from caching.decorator import cached_page
from caching.tags import tag_response
from web.api_support import LANGUAGE_DESCRIPTION, ApiError, Error, LanguageCode
from web.policy import rate_limited

from . import tags
from .lookup import locate as locate_place
from .models import Force

router = Router(tags=["forces"])

LOCATE_LIMIT_PER_MINUTE = 120
# Short: each server keeps its own copy of the force list for up to a minute (forces.lookup), and
# a copy built from a server's old tables must not outlive them.
LOCATE_SECONDS = 60


class ForceSummary(Schema):
    slug: str
    name: str
    code: str | None = Field(description="The ONS police force area code, where it has one.")
    url: str


class ForceDetail(ForceSummary):
    short_name: str
    nation: str
    kind: str
    description: str
    website: str | None
    non_emergency_number: str | None
    non_emergency_outside_area: str | None
    report_online_url: str | None
    contact_url: str | None
    textphone: str | None
    social_accounts: dict | list


class ForceList(Schema):
    forces: list[ForceDetail]


class LocateProblem(Schema):
    code: str
    message: str


class LocateSuggestion(Schema):
    query: str = Field(description="What to look up instead, e.g. 'Gateshead' or 'SW1A'.")
    label: str = Field(description="How to show it, e.g. 'Gateshead, Tyne and Wear'.")


class LocateResult(Schema):
    query: str
    normalised: str
    match: Literal["postcode", "district", "area", "town", "none"]
    forces: list[ForceSummary]
    reason: str
    exact: bool = Field(
        description="False when the postcode itself is not in our tables and its district or "
        "area answered instead (the reason says so)."
    )
    suggestions: list[LocateSuggestion] = Field(
        description="For a town or district we do not know: the nearest ones we do, likeliest "
        "first (empty otherwise)."
    )
    error: LocateProblem | None = None


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


@router.get(
    "/forces/",
    response={200: ForceList, 503: Error},
    operation_id="listForces",
    url_name="forces",
    summary="Every UK police force",
)
@cached_page()
def forces(request, response: HttpResponse):
    tag_response(response, tags.all_forces())
    return {"forces": [force_full(force) for force in Force.objects.order_by("name")]}


@router.get(
    "/forces/{slug:slug}/",
    response={200: ForceDetail, 404: Error, 503: Error},
    operation_id="getForce",
    url_name="force",
    summary="One force by its slug",
)
@cached_page()
def force(request, response: HttpResponse, slug: str = Path(..., pattern=r"^[-a-zA-Z0-9_]+$")):
    found = Force.objects.filter(slug=slug).first()
    if found is None:
        raise ApiError(404, "not_found", f"No force has the slug {slug!r}.")
    tag_response(response, tags.all_forces())
    return force_full(found)


@router.get(
    "/locate/",
    # 400: a postcode or place it cannot read (LocateResult), or a bad parameter (Error).
    response={200: LocateResult, 400: LocateResult | Error, 429: Error, 503: Error},
    operation_id="locate",
    url_name="locate",
    exclude_unset=True,  # `error` only when there is one
    summary="The force for a postcode, postcode district or town",
)
@rate_limited("api-locate", limit=LOCATE_LIMIT_PER_MINUTE, window=60)
@cached_page(query=("q", "lang"), timeout=LOCATE_SECONDS)
def locate(
    request,
    response: HttpResponse,
    q: str = Query("", description="A postcode, district or town name."),
    lang: LanguageCode | None = Query(None, description=LANGUAGE_DESCRIPTION),
):
    result = locate_place(request.GET.get("q", ""))
    data = {
        "query": result.query,
        "normalised": result.normalised,
        "match": str(result.match),
        "forces": [force_summary(found) for found in result.forces],
        "reason": result.reason,
        "exact": result.exact,
        "suggestions": [{"query": s.query, "label": s.label} for s in result.suggestions],
    }
    if result.problem:
        data["error"] = {"code": str(result.problem), "message": result.message}
    tag_response(response, tags.all_forces())
    if result.is_bad_request:
        # What was typed cannot be read: the same answer for a minute, as a found one.
        patch_cache_control(response, public=True, max_age=LOCATE_SECONDS)
        return Status(400, data)
    return data
