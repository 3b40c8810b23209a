"""The public "Ask a question" pages.

GET /ask/ → question → (emergency page) → (similar answers) → details → (emergency page, if
the detail says more) → POST saves → redirect to the thanks page. The emergency page comes as
soon as the question reads as a crisis (common.crisis), before any suggestion. Until it is
saved the question travels in signed hidden fields, never in a URL, a session or a cookie.
"""

import dataclasses
import logging
import time

from django.core import signing
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common import crisis
from forces.choice import chosen_force
from forces.models import Force
from web.policy import sensitive
from web.ratelimit import client_hash, is_limited

from . import moderation
from .forms import (
    CONFIRM_SALT,
    DetailsForm,
    QuestionForm,
    QuestionFormState,
    StatusLookupForm,
    filled_too_fast,
    started_token,
)
from .models import Submission, normalise_reference
from .similar import similar_answers

log = logging.getLogger(__name__)

THANKS_SALT = "questions.thanks"
THANKS_MAX_AGE = 24 * 60 * 60
# Submissions: 5 an hour per client. If the cache is down each process counts them itself and
# refuses beyond the same limit (fail closed beyond a local limit, web.ratelimit); the person
# sees a kind page with their text to copy, so nothing is lost.
SUBMIT_LIMIT, SUBMIT_WINDOW = 5, 60 * 60
STATUS_LIMIT, STATUS_WINDOW = 60, 60 * 60
# Every step of the form is a POST: generous (a person goes back and forth), but bounded.
STEP_LIMIT, STEP_WINDOW = 60, 60 * 60
NOT_SENT = gettext_lazy(
    "Your question has not been sent. We could not save it because of a problem on our side. "
    "Everything you typed is still here: please try again in a few minutes. If you need the "
    "police now, call 999; for anything else, call 101."
)


def _render(request, template, context=None, status=200):
    try:
        force = chosen_force(request)
    except DatabaseError:  # the database is down: the page still shows, without the force
        force = None
    base = {"sensitive": True, "chosen_force": force}
    return render(request, template, {**base, **(context or {})}, status=status)


def _render_question(request, form, status=200):
    context = {"form": form, "forms_with_errors": [form] if form.errors else []}
    if form.errors:  # too short or too long to send, but "he hit me" still gets who to call
        context["crisis"] = crisis.assess(form.data.get("question", ""))
    return _render(request, "questions/ask.html", context, status=status)


def _render_details(request, form, state, status=200):
    context = {
        "form": form,
        "question": state.question,
        "draft_token": form["draft"].value(),
        "forms_with_errors": [form] if form.errors else [],
    }
    return _render(request, "questions/details.html", context, status=status)


def _steps_limited(request, question, detail=""):
    """Too many form steps from this client: the kind page with their text, else None."""
    if not is_limited(
        request, "question-steps", limit=STEP_LIMIT, window=STEP_WINDOW, fail_closed=True
    ):
        return None
    context = {"question": question, "detail": detail}
    return _render(request, "questions/limited.html", context, status=429)


def _not_sent(request, data):
    """The database is down: the details form again, as typed, with a clear message; 503."""
    form = DetailsForm.without_database(data)
    form.is_valid()
    form.add_error(None, NOT_SENT)
    state = QuestionFormState.from_token(data.get("draft")) or QuestionFormState(question="")
    response = _render_details(request, form, state, status=503)
    response["Retry-After"] = "30"
    return response


def _start_again(request):
    form = QuestionForm({"started": started_token()})
    form.is_valid()  # bound and checked, so the summary can say what to do
    form.add_error(None, gettext("Sorry, we could not read your question. Please type it again."))
    return _render_question(request, form, status=400)


@sensitive
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    """Step 1: the question. Then similar answers, or straight on to step 2."""
    if request.method != "POST":
        return _render_question(request, QuestionForm(initial={"started": started_token()}))
    limited = _steps_limited(request, request.POST.get("question", ""))
    if limited:
        return limited
    if "change" in request.POST:  # "Change your question" from step 2
        state = QuestionFormState.from_token(request.POST.get("draft"))
        if state is None:
            return _start_again(request)
        initial = {"question": state.question, "started": started_token(state.started)}
        return _render_question(request, QuestionForm(initial=initial))
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _render_question(request, form, status=400)
    state = form.state()
    if state.started is None:  # the hidden field was lost or altered: the clock starts now
        state = dataclasses.replace(state, started=time.time())
    found = crisis.assess(state.question)
    if found:  # before any suggestion: someone may be in danger now
        shown = dataclasses.replace(state, crisis_shown=found.kind)
        return _render_interruption(request, shown, found, first_step=True)
    token = state.to_token()
    try:
        answers = similar_answers(state.question)
        if answers:
            context = {"answers": answers, "draft_token": token, "question": state.question}
            return _render(request, "questions/similar.html", context)
        return _render_details(request, _details_form(request, token), state)
    except DatabaseError:
        log.exception("database unavailable at step 1: question kept, form shown again")
        return _not_sent(request, {"draft": token})


def _details_form(request, token):
    force = chosen_force(request)
    return DetailsForm(initial={"draft": token, "force": force.pk if force else None})


@sensitive
@never_cache
@require_POST
def details(request):
    """Step 2: more detail, force, name and email. Then the emergency page, or save."""
    state = QuestionFormState.from_token(request.POST.get("draft"))
    if state is None:
        return _start_again(request)
    limited = _steps_limited(request, state.question, request.POST.get("detail", ""))
    if limited:
        return limited
    try:
        return _details(request, state)
    except DatabaseError:
        log.exception("database unavailable: question not saved, form shown again")
        return _not_sent(request, request.POST)


def _details(request, draft):
    if "send" not in request.POST:  # arriving from the similar answers page
        return _render_details(request, _details_form(request, request.POST["draft"]), draft)
    form = DetailsForm(request.POST)
    if not form.is_valid():
        return _render_details(request, form, draft, status=400)
    state = form.state()
    if state.honeypot:
        return redirect("questions:received")
    if filled_too_fast(state.started):
        form.add_error(
            None,
            gettext(
                "Please take a moment to check your question and details, then send them again."
            ),
        )
        return _render_details(request, form, draft, status=400)
    found = crisis.assess(state.question, state.detail)
    if found and _not_yet_shown(found, state.crisis_shown):
        shown = dataclasses.replace(state, crisis_shown=found.kind)
        return _render_interruption(request, shown, found, first_step=False)
    return _save(request, state, triage_flagged=bool(state.crisis_shown))


def _not_yet_shown(found, shown):
    """Shown once per question, and again only if the detail says someone is in danger now."""
    return not shown or (found.urgent and shown not in crisis.URGENT)


def _render_interruption(request, state, found, *, first_step):
    """The emergency page. From step 1 its buttons carry on to the details or back to the
    question; from step 2 they send the question or go back to the details."""
    context = {"crisis": found, "force": _chosen_in_form(state) or chosen_force(request)}
    if first_step:
        context |= {"draft_token": state.to_token(), "first_step": True}
    else:
        context["confirm_token"] = state.to_token(CONFIRM_SALT)
    return _render(request, "questions/check.html", context)


@sensitive
@never_cache
@require_POST
def confirm(request):
    """The emergency page's buttons: send anyway, or go back and change the details."""
    state = QuestionFormState.from_token(request.POST.get("confirm"), CONFIRM_SALT)
    if state is None:
        return _start_again(request)
    limited = _steps_limited(request, state.question, state.detail)
    if limited:
        return limited
    try:
        if "back" in request.POST:
            form = DetailsForm(initial=DetailsForm.initial_from(state))
            return _render_details(request, form, state)
        return _save(request, state, triage_flagged=True)
    except DatabaseError:
        log.exception("database unavailable: question not saved, form shown again")
        return _not_sent(request, {**DetailsForm.initial_from(state), "send": "1"})


def _chosen_in_form(state):
    if not state.force_id:
        return None
    return Force.objects.territorial().filter(pk=state.force_id).first()


def _save(request, state, *, triage_flagged):
    def over_the_limit():
        return is_limited(
            request, "question-submit", limit=SUBMIT_LIMIT, window=SUBMIT_WINDOW, fail_closed=True
        )

    try:
        submission, _created = moderation.receive(
            question=state.question,
            detail=state.detail,
            email=state.email,
            force=_chosen_in_form(state),
            name=state.name,
            consent=state.consent,
            client_hash=client_hash(request),
            triage_flagged=triage_flagged,
            is_limited=over_the_limit,
            language=translation.get_language(),
        )
    except moderation.TooManyQuestions:
        context = {"question": state.question, "detail": state.detail}
        return _render(request, "questions/limited.html", context, status=429)
    token = signing.dumps(submission.reference, salt=THANKS_SALT)
    return redirect("questions:thanks", token=token)


@sensitive
@never_cache
@require_safe
def thanks(request, token):
    try:
        reference = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
    except signing.BadSignature as exc:
        raise Http404("This page has expired") from exc
    submission = Submission.objects.filter(reference=reference).only("reference").first()
    if submission is None:
        raise Http404("No such question")
    return _render(request, "questions/thanks.html", {"submission": submission})


@sensitive
@never_cache
@require_safe
def received(request):
    return _render(request, "questions/received.html")


@sensitive
@never_cache
@require_safe
def status_lookup(request):
    form = StatusLookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        reference = normalise_reference(form.cleaned_data["reference"])
        if reference:
            return redirect("questions:status", reference=reference)
        form.add_error("reference", gettext("Enter the reference in the form Q-7KD3-9XFA"))
    context = {"form": form, "forms_with_errors": [form] if form.errors else []}
    return _render(
        request, "questions/status_lookup.html", context, status=400 if form.errors else 200
    )


@sensitive
@never_cache
@require_safe
def status(request, reference):
    """Only the status: nothing the person wrote, so the page is safe if someone else sees it."""
    canonical = normalise_reference(reference)
    if canonical and canonical != reference:
        return redirect("questions:status", reference=canonical)
    if is_limited(request, "question-status", limit=STATUS_LIMIT, window=STATUS_WINDOW):
        return render(request, "errors/429.html", {"sensitive": True}, status=429)
    submission = (
        Submission.objects.filter(reference=canonical)
        .select_related("answer", "duplicate_of")
        .first()
        if canonical
        else None
    )
    if submission is None:
        context = {"reference": reference, "lookup_url": reverse("questions:status_lookup")}
        return _render(request, "questions/status_not_found.html", context, status=404)
    return _render(request, "questions/status.html", {"submission": submission})
