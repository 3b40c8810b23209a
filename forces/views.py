from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from caching.decorator import cached_page
from caching.tags import tag_response
from web.middleware import mark_sensitive
from web.origin import same_origin_only
from web.policy import rate_limited
from web.ratelimit import is_limited

from . import directory, tags
from .choice import FORCE_COOKIE, chosen_slug, forget_force, remember_force
from .forms import FindForm
from .lookup import NONE_OF_THESE, Problem, locate, pick_candidate
from .models import Force


@require_safe
@cached_page(vary_on_cookie=FORCE_COOKIE)
def force_list(request):
    response = render(
        request,
        "forces/force_list.html",
        {
            "groups": directory.forces_by_nation(),
            "form": FindForm(),
            "chosen": chosen_slug(request),
        },
    )
    return tag_response(response, tags.all_forces())


@require_safe
@cached_page(vary_on_cookie=FORCE_COOKIE)
def force_detail(request, slug):
    force = get_object_or_404(Force, slug=slug).in_language(translation.get_language())
    response = render(
        request,
        "forces/force_detail.html",
        {
            "force": force,
            "notes": directory.published_notes(force),
            "is_chosen": chosen_slug(request) == force.slug,
        },
    )
    # Its notes list names answers: a change to any published answer may show here.
    return tag_response(response, tags.all_forces(), tags.force(force.slug), tags.all_answers())


def _looking_up(request):
    return "q" in request.GET


@require_safe
# Short, as for the locate API: each server keeps its own copy of the force list for a minute.
# Varies on the force cookie: the result says whether this force is the one remembered.
@rate_limited("forces-find", limit=60, window=60, when=_looking_up)
@cached_page(query=("q", "next", "choice", "all"), vary_on_cookie=FORCE_COOKIE, timeout=60)
def find(request):
    next_url = _safe_next(request, request.GET.get("next", ""))
    if "q" not in request.GET:
        page = render(request, "forces/find.html", {"form": FindForm(), "next": next_url})
        return tag_response(page, tags.all_forces())
    every_place = request.GET.get("all") == "1"
    result = locate(request.GET.get("q", ""), every_place=every_place)
    choice = request.GET.get("choice", "")
    if choice == NONE_OF_THESE and result.candidates:
        # None of the places offered: ask for the postcode instead, with an empty box.
        context = {"form": FindForm(), "next": next_url, "asking_for_postcode": True}
        response = render(request, "forces/find.html", context)
        return tag_response(mark_sensitive(response, shared=False), tags.all_forces())
    form = FindForm(request.GET)
    form.is_valid()  # nothing is invalid at the form level: the lookup says what is wrong
    result = pick_candidate(result, choice)
    context = {
        "form": form,
        "result": result,
        "next": next_url,
        "remembered": result.force is not None and chosen_slug(request) == result.force.slug,
        "here": request.get_full_path(),
        "none_choice": NONE_OF_THESE,
        "every_place": every_place,
    }
    status = 200
    if result.problem != Problem.NONE:
        form.add_error("q", result.message)
        context["forms_with_errors"] = [form]
        status = 400 if result.is_bad_request else 200
    response = render(request, "forces/find.html", context, status=status)
    # Nothing is remembered here: only "Remember this force" (a POST) sets the cookie. What
    # was typed (a postcode, a town) is in the page: never kept by the browser, and (each
    # answer being for one person's entry) not by Varnish either; the page cache still is.
    mark_sensitive(response, shared=False)
    return tag_response(response, tags.all_forces())


# Choosing or forgetting a force only sets a cookie, but every public POST is bounded.
CHOOSE_LIMIT, CHOOSE_WINDOW = 30, 60


def _choose_limited(request):
    return is_limited(request, "forces-choose", limit=CHOOSE_LIMIT, window=CHOOSE_WINDOW)


@same_origin_only
@require_POST
def choose(request):
    if _choose_limited(request):
        return render(request, "errors/429.html", status=429)
    if not request.POST.get("force"):
        # Submitted without picking one: back to the finder rather than an error page.
        return redirect(reverse("forces:find"))
    force = Force.objects.territorial().filter(slug=request.POST.get("force", "")[:60]).first()
    if force is None:
        raise Http404("No such force")
    next_url = _safe_next(request, request.POST.get("next", ""))
    response = redirect(next_url or force.get_absolute_url())
    return remember_force(response, force)


@same_origin_only
@require_POST
def forget(request):
    if _choose_limited(request):
        return render(request, "errors/429.html", status=429)
    next_url = _safe_next(request, request.POST.get("next", ""))
    return forget_force(redirect(next_url or reverse("forces:find")))


def _safe_next(request, url):
    """Only paths on this site: never an open redirect."""
    if (
        url
        and url.startswith("/")
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return url
    return ""
