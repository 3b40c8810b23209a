"""The force list, one force and locate, described for the `/api/v1/` OpenAPI document.

The endpoints themselves stay in forces/api.py (their responses, caching and rate limit are
unchanged): each operation here hands the request to them, so the document describes exactly
what they answer.
"""

from typing import Literal

from ninja import Field, Path, Query, Router, Schema

from web.api_support import LANGUAGE_DESCRIPTION, Error, LanguageCode

from . import api

router = Router(tags=["forces"])


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


@router.get(
    "/forces/",
    response={200: ForceList, 503: Error},
    operation_id="listForces",
    url_name="forces",
    summary="Every UK police force",
)
def forces(request):
    return api.forces(request)


forces.page_cache = api.forces.page_cache


@router.get(
    "/forces/{slug:slug}/",
    response={200: ForceDetail, 404: Error, 503: Error},
    operation_id="getForce",
    url_name="force",
    summary="One force by its slug",
)
def force(request, slug: str = Path(..., pattern=r"^[-a-zA-Z0-9_]+$")):
    return api.force(request, slug)


force.page_cache = api.force.page_cache


@router.get(
    "/locate/",
    # 400: a postcode or place it cannot read (LocateResult), or a bad parameter (Error).
    response={200: LocateResult, 400: LocateResult | Error, 429: Error, 503: Error},
    operation_id="locate",
    url_name="locate",
    summary="The force for a postcode, postcode district or town",
)
def locate(
    request,
    q: str = Query("", description="A postcode, district or town name."),
    lang: LanguageCode | None = Query(None, description=LANGUAGE_DESCRIPTION),
):
    return api.locate_view(request)


locate.page_cache = api.locate_view.page_cache
