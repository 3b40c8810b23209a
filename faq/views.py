import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from caching.decorator import cached_page
from caching.tags import tag_response
from common import crisis
from forces import tags as force_tags
from forces.choice import FORCE_COOKIE, chosen_force, chosen_slug
from forces.local import local_context
from web.middleware import mark_sensitive
from web.origin import same_origin_only
from web.policy import rate_limited, sensitive
from web.ratelimit import is_limited

from . import answer_parts, pages, tags, viewcounts
from . import search as site_search
from .forms import FeedbackForm, blank_feedback_fields
from .models import Answer, Feedback, Live, Missing, Moved, SearchOutcome, Topic, Withdrawn
from .searchlog import record_search
from .translations import language, translate_answers
from .workflow import can_preview

SEARCH_LIMIT_PER_MINUTE = 60
# A search that reads as a crisis but finds nothing shows what these find instead (searched in
# the visitor's language like any search), never "No answers matched".
CRISIS_FALLBACK_SEARCH = {
    crisis.DANGER: gettext_lazy("when to call 999 emergency danger"),
    crisis.SELF_HARM: gettext_lazy("suicidal mental health crisis help"),
    crisis.CHILD: gettext_lazy("worried about a child missing abuse"),
    crisis.CRIME_NOW: gettext_lazy("report a crime victim"),
}
CRISIS_FALLBACK_ANSWERS = 5
SUGGEST_LIMIT_PER_MINUTE = 120  # one request per pause in typing


@require_safe
@cached_page(timeout=5 * 60)  # most-read and the question of the day drift: keep it short
def home(request):
    topics = pages.top_level_topics()
    response = render(
        request,
        "faq/home.html",
        {
            "topics": topics,
            "most_read": pages.most_read(),
            "question_of_the_day": pages.question_of_the_day(),
        },
    )
    # Each topic's own tag too: the page shows their descriptions (faq.topics.topic_changed).
    return tag_response(
        response, tags.all_answers(), tags.all_topics(), *(tags.topic(t.pk) for t in topics)
    )


@require_safe
@cached_page()
def topic_index(request):
    response = render(request, "faq/topic_index.html", {"tree": pages.topic_tree()})
    return tag_response(response, tags.all_answers(), tags.all_topics())


@require_safe
@cached_page(query=("letter", "page"))
def a_to_z(request):
    address = reverse("faq:a_to_z")
    listing = pages.a_to_z(request.GET.get("letter"), request.GET.get("page", ""))
    if listing.move_to is not None:
        query = urlencode(listing.move_to)
        return redirect(f"{address}?{query}" if query else address)
    for group in [*listing.groups, listing.untranslated]:
        if group is not None:
            group.url = pages.letter_address(address, group.letter)
    here = pages.letter_address(address, listing.letter) if listing.letter else address
    letters = listing.letters
    if listing.letter:  # each letter leads to its own page
        letters = [(h, has, pages.letter_address(address, h)) for h, has in letters]
    context = {
        "letters": letters,
        "groups": listing.groups,
        "untranslated": listing.untranslated,
        "letter": listing.letter,
        "letter_title": _letter_title(listing.letter),
        "page": listing.page,
        "pagination": pages.pagination(listing.page, here) if listing.page else None,
        "address": pages.page_url(here, listing.page.number) if listing.page else address,
    }
    response = render(request, "faq/a_to_z.html", context)
    return tag_response(response, tags.all_answers())


@require_safe
@cached_page(query=("page",))
def topic_detail(request, path):
    topic = get_object_or_404(Topic.objects.with_sensitivity(), url_path=path.strip("/"))
    context = pages.topic_page(topic, page=request.GET.get("page", ""))
    if context["move_to"] is not None:
        return redirect(pages.page_url(topic.get_absolute_url(), context["move_to"]))
    response = render(request, "faq/topic_detail.html", context)
    tag_response(response, *pages.topic_page_tags(context))
    return mark_sensitive(response) if context["sensitive"] else response


def _letter_title(letter):
    if letter == pages.OTHER_LETTER:
        return gettext("Other")
    if letter == pages.NOT_IN_WELSH:
        return gettext("Not in Welsh yet")
    return letter


def _resolve(number):
    """What `number` leads to (Answer.objects.resolve); a 404 when nothing the public sees."""
    found = Answer.objects.with_sensitivity().resolve(number)
    if isinstance(found, Missing):
        raise Http404("No answer with that number")
    return found


def _withdrawn(request, answer):
    translate_answers([answer])
    return render(request, "faq/answer_archived.html", {"answer": answer}, status=410)


@require_safe
def answer_redirect(request, number):
    """/q/497/, /q497 and /Q497 all lead to the canonical address."""
    match _resolve(number):
        case Moved(to=final):
            return HttpResponseRedirect(final.get_absolute_url(), status=301)
        case Live(answer) | Withdrawn(answer):
            return HttpResponseRedirect(answer.get_absolute_url(), status=301)


def _count_cached_view(request, number, slug):
    viewcounts.record_view(request, number)


@require_safe
@cached_page(vary_on_cookie=FORCE_COOKIE, on_hit=_count_cached_view)
def answer_detail(request, number, slug):
    # Signed-in staff see the page as the database has it this moment, as they see every page
    # (the page cache lets them by); everyone else the kept parts.
    staff = _signed_in(request)
    parts = None if staff else answer_parts.current(number)
    if parts is None:  # staff, or not on the site under this number: merged, withdrawn, never
        match _resolve(number):
            case Moved(to=final):
                return redirect(final.get_absolute_url(), permanent=True)
            case Withdrawn(answer):
                return _withdrawn(request, answer)
            case Live(answer) if staff:
                parts = answer_parts.render(answer)
            case Live(answer):
                parts = answer_parts.current(number, answer)
    if slug != parts.slug:
        return redirect(parts.url, permanent=True)
    answer = parts.answer()
    context = _answer_context(answer, parts)
    context["blank_feedback_fields"] = blank_feedback_fields()
    context.update(local_context(request, answer))
    viewcounts.record_view(request, answer.number)
    response = render(request, "faq/answer_detail.html", context)
    tag_response(response, *parts.tags)
    if force_slug := chosen_slug(request):
        tag_response(response, force_tags.force(force_slug))
    # No Last-Modified from the answer alone: the page also shows other answers, topics and
    # notes. The page cache stamps the time the page was built.
    return mark_sensitive(response) if parts.sensitive else response


def _signed_in(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def _answer_context(answer, parts):
    """What templates/faq/answer_detail.html needs besides the visitor's own parts."""
    return {"answer": answer, "parts": parts, "sensitive": parts.sensitive}


@same_origin_only
@require_POST
def answer_feedback(request, number):
    answer = get_object_or_404(Answer.objects.published(), number=number)
    if is_limited(request, "feedback", limit=10, window=3600, fail_closed=True):
        return render(request, "errors/429.html", status=429)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        parts = answer_parts.current(number, answer) or answer_parts.render(answer)
        context = _answer_context(answer, parts)
        context["feedback_form"] = form
        context["forms_with_errors"] = [form]
        return render(request, "faq/answer_detail.html", context, status=400)
    Feedback.objects.create(
        answer=answer,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
    )
    return redirect(reverse("faq:feedback_thanks", kwargs={"number": answer.number}))


@require_safe
def feedback_thanks(request, number):
    answer = get_object_or_404(Answer.objects.published(), number=number)
    translate_answers([answer])
    return render(request, "faq/feedback_thanks.html", {"answer": answer})


def _visitor_place(request):
    """The jurisdiction of the visitor's chosen force, if they chose one."""
    force = chosen_force(request) if chosen_slug(request) else None
    return site_search.jurisdiction_for_nation(force.nation) if force else None


@require_safe
# What was typed is in the page: never kept by the browser (Back after the quick exit).
@sensitive
@rate_limited("search", limit=SEARCH_LIMIT_PER_MINUTE, window=60)
@cached_page(query=("q", "page", "exact"), timeout=10 * 60, vary_on_cookie=FORCE_COOKIE)
def search(request):
    raw = request.GET.get("q", "")
    number = site_search.number_in_query(raw)
    if number is not None:
        answer = Answer.objects.published().filter(number=number).only("number", "slug").first()
        if answer:
            return redirect(answer.get_absolute_url())
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    exact = request.GET.get("exact") == "1"
    place = _visitor_place(request)
    results = site_search.search(
        raw, language=language(), page=page, place=place, correct=not exact
    )
    found = crisis.assess(results.query)
    context = {"results": results, "query": results.query, "exact": exact, "crisis": found}
    if found and (not results.total or results.closest):
        fallback = site_search.search(
            str(CRISIS_FALLBACK_SEARCH[found.kind]), language=language(), place=place
        )
        context["crisis_answers"] = [hit.answer for hit in fallback.hits[:CRISIS_FALLBACK_ANSWERS]]
    if results.query and (not results.total or results.closest):
        record_search(results.query, SearchOutcome.NO_RESULTS)
        context["topics"] = pages.top_level_topics()
    elif results.corrected_query:
        record_search(results.query, SearchOutcome.CORRECTED, corrected_to=results.corrected_query)
    response = render(request, "faq/search.html", context)
    # Searches that found nothing or were corrected are never stored: each one is counted.
    if results.query and results.total and not (results.corrected_query or results.closest):
        tag_response(response, tags.all_answers(), tags.search_results())
    return response


def _too_many_suggestions(request):
    return _json({"error": "Too many requests: wait a minute."}, status=429)


def _json(data, *, status=200):
    """JSON with <, > and & escaped, so no text in it can ever be read as markup."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return HttpResponse(text, content_type="application/json", status=status)


@require_safe
# What is being typed is in the address and the answer: no browser keeps it (the page cache
# still does, per chosen force; Varnish, without s-maxage, never did).
@sensitive(shared=False)
@rate_limited("suggest", limit=SUGGEST_LIMIT_PER_MINUTE, window=60, refuse=_too_many_suggestions)
@cached_page(query=("q",), timeout=10 * 60, vary_on_cookie=FORCE_COOKIE)
def search_suggest(request):
    """Questions matching what is being typed in a search box (the combobox asks this)."""
    query = site_search.clean_query(request.GET.get("q", ""))
    answers = []
    if len(query) >= 2:
        answers = site_search.suggest(query, language=language(), place=_visitor_place(request))
    suggestions = [
        {"number": a.number, "question": a.question, "url": a.get_absolute_url()} for a in answers
    ]
    if (found := crisis.assess(query)) and found.urgent:
        suggestions.insert(0, _emergency_suggestion(query, found))
    response = _json({"query": query, "suggestions": suggestions})
    return tag_response(response, tags.all_answers(), tags.search_results())


def _emergency_suggestion(query, found):
    """First for a search that reads as someone in danger: the results page for what they
    typed, which opens with who to call now (the crisis panel)."""
    if found.kind == crisis.SELF_HARM:
        text = gettext("Talk to someone now: Samaritans 116 123, or 999 if a life is in danger")
    else:
        text = gettext("In danger now? Call 999: who can help now")
    url = f"{reverse('faq:search')}?{urlencode({'q': query})}"
    return {"number": None, "question": text, "url": url, "emergency": True}


@require_safe
@never_cache
def answer_preview(request, number):
    """An answer in any state, shown to staff exactly as the public page would show it."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not can_preview(user):
        raise Http404("No answer with that number")
    answer = get_object_or_404(
        Answer.objects.with_sensitivity().select_related("primary_topic"), number=number
    )
    # Rendered afresh, never kept: a draft's parts are for staff alone.
    context = _answer_context(answer, answer_parts.render(answer))
    context["feedback_form"] = FeedbackForm()
    response = render(request, "faq/answer_preview.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
