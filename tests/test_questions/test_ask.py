"""The public form: warning, steps, errors, similar answers and triage."""

import pytest

from forces.choice import FORCE_COOKIE
from questions.models import Submission
from tests.factories import make_answer

from .conftest import QUESTION, ask, hidden, send_question

pytestmark = pytest.mark.django_db


def test_start_page_warns_and_offers_quick_exit(client):
    page = client.get("/ask/").content.decode()
    assert "Not for emergencies or reporting a crime" in page
    assert 'href="tel:999"' in page
    assert 'href="tel:101"' in page
    assert "Exit this page" in page  # the quick exit: /ask/ is a sensitive path
    assert "choose one that only you can read" in page
    assert 'name="question"' in page
    assert 'content="noindex, nofollow"' in page


def test_start_page_links_to_the_chosen_forces_online_reporting(client, force):
    client.cookies[FORCE_COOKIE] = force.slug
    page = client.get("/ask/").content.decode()
    assert 'href="https://www.testshire.police.example/report/"' in page
    assert "report it online to Testshire Police" in page


def test_links_in_the_site_lead_to_the_form(client):
    assert 'href="/ask/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "Enter your question"),
        ("Too short", "Your question must be at least 10 characters"),
        ("x" * 2001, "Your question must be 2,000 characters or fewer"),
        (
            "See http://a.example/1 and https://b.example/2 and www.c.example please",
            "Your question can include up to 2 web links",
        ),
    ],
)
def test_question_errors_are_summarised_and_the_text_is_kept(client, question, message):
    page = client.get("/ask/")
    response = client.post("/ask/", {"question": question, "started": hidden(page, "started")})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Ask a question" in html
    assert "There is a problem" in html
    assert f'<a href="#id_question">{message}' in html
    assert 'id="id_question_error"' in html  # the message beside the field too
    assert f">\n{question}</textarea>" in html or f">{question}</textarea>" in html


def test_no_maxlength_so_pasted_text_is_never_cut_off(client):
    assert "maxlength" not in client.get("/ask/").content.decode()


def test_similar_answers_are_offered_before_the_details(client):
    make_answer(question="Is filming my garden a crime?", keywords="neighbour, filming, camera")
    make_answer(question="Something unrelated about parking", status="published")
    make_answer(question="Draft about filming neighbour", status="draft")
    page = client.get("/ask/")
    response = client.post("/ask/", {"question": QUESTION, "started": hidden(page, "started")})
    html = response.content.decode()
    assert "These answers may help" in html
    assert "Is filming my garden a crime?" in html
    assert "Draft about filming" not in html
    assert "parking" not in html
    assert "None of these answer my question — continue" in html
    # Continuing shows step 2, with the question carried along.
    step2 = client.post("/ask/details/", {"draft": hidden(response, "draft")})
    assert step2.status_code == 200
    assert "A few more details" in step2.content.decode()
    assert QUESTION in step2.content.decode()


def test_at_most_five_similar_answers(client):
    for n in range(7):
        make_answer(question=f"Neighbour filming question {n}", keywords="neighbour filming")
    page = client.get("/ask/")
    response = client.post(
        "/ask/", {"question": "neighbour filming garden", "started": hidden(page, "started")}
    )
    assert response.content.decode().count("Neighbour filming question") == 5


def test_without_similar_answers_the_details_come_next(client):
    page = client.get("/ask/")
    response = client.post("/ask/", {"question": QUESTION, "started": hidden(page, "started")})
    html = response.content.decode()
    assert "A few more details" in html
    assert "These answers may help" not in html


def test_details_prefill_the_remembered_force(client, force, other_force):
    client.cookies[FORCE_COOKIE] = force.slug
    page = client.get("/ask/")
    response = client.post("/ask/", {"question": QUESTION, "started": hidden(page, "started")})
    html = response.content.decode()
    assert f'<option value="{force.pk}" selected>Testshire Police</option>' in html
    assert f'<option value="{other_force.pk}">Exampleton Police</option>' in html


def test_a_question_is_saved_with_a_reference_and_the_thanks_page_shows_it(client, force):
    response = send_question(
        client,
        detail="It started in May.",
        force=str(force.pk),
        name="Alex",
        email="alex@example.com",
        consent="on",
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.question == QUESTION
    assert submission.detail == "It started in May."
    assert submission.force == force
    assert (submission.name, submission.email) == ("Alex", "alex@example.com")
    assert submission.consent_at is not None
    assert submission.status == "new"
    assert submission.changes.get().action == "submitted"
    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    assert submission.reference in html
    assert "What happens next" in html
    assert f'href="/ask/status/{submission.reference}/"' in html
    assert QUESTION not in html and "May" not in html and "Alex" not in html


def test_the_thanks_page_needs_its_signed_token(client):
    send_question(client)
    reference = Submission.objects.get().reference
    assert client.get(f"/ask/thanks/{reference}/").status_code == 404
    assert client.get("/ask/thanks/nonsense/").status_code == 404


def test_details_errors_are_summarised_and_everything_typed_is_kept(client):
    response = send_question(
        client,
        detail="d" * 5001,
        name="Sam Smith",
        email="not-an-email",
        force="99999",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: A few more details" in html
    assert "There is a problem" in html
    assert '<a href="#id_detail">More detail must be 5,000 characters or fewer' in html
    assert '<a href="#id_email">Enter an email address in the correct format' in html
    assert '<a href="#id_force">Select a police force from the list' in html
    assert "d" * 5001 in html
    assert 'value="Sam Smith"' in html
    assert 'value="not-an-email"' in html
    assert QUESTION in html  # the question is still carried
    assert not Submission.objects.exists()


def test_consent_is_needed_only_when_an_email_is_given(client):
    response = send_question(client, email="alex@example.com")
    assert response.status_code == 400
    assert "Select the box to agree to the privacy notice" in response.content.decode()
    assert 'value="alex@example.com"' in response.content.decode()
    assert send_question(client).status_code == 302


def test_change_your_question_from_step_two_keeps_it(client):
    page = client.get("/ask/")
    step1 = client.post("/ask/", {"question": QUESTION, "started": hidden(page, "started")})
    back = client.post("/ask/", {"draft": hidden(step1, "draft"), "change": "1"})
    assert back.status_code == 200
    assert QUESTION in back.content.decode()
    assert "Ask a question" in back.content.decode()


@pytest.mark.parametrize(
    "text",
    [
        "He is outside now and banging on the door, what do I do",
        "I am in danger from my ex, can the police help",
        "I want to report my neighbour for damaging my car",
        # Issue 22: each went through with no emergency page, or only after step 2.
        "there is a man with a knife outside my flat",
        "my son has been stabbed",
        "my daughter has been raped",
        "he hit me and I do not know what to do",
        "im being followed",
    ],
)
def test_text_that_reads_like_an_emergency_is_interrupted_at_step_one(client, text, force):
    make_answer(question="Is it legal to carry a knife?", keywords="knife, outside, followed")
    client.cookies[FORCE_COOKIE] = force.slug
    response = ask(client, text)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Do you need the police now?" in html
    assert "These answers may help" not in html  # before any suggestion
    assert "Is it legal to carry a knife?" not in html
    assert 'href="tel:999"' in html and 'href="tel:101"' in html
    assert "report it online to Testshire Police" in html
    assert not Submission.objects.exists()
    # It can still be sent, and is not interrupted a second time.
    details = client.post("/ask/details/", {"draft": hidden(response, "draft")})
    assert "A few more details" in details.content.decode()
    data = {"draft": hidden(details, "draft"), "send": "1", "detail": "", "name": ""}
    sent = client.post("/ask/details/", {**data, "email": "", "force": str(force.pk)})
    assert sent.status_code == 302
    submission = Submission.objects.get()
    assert sent["Location"].startswith("/ask/thanks/")
    thanks = client.get(sent["Location"]).content.decode()
    assert submission.reference in thanks  # the usual thanks page, with its reference
    assert 'href="tel:999"' in thanks  # and still the way to the police now
    assert "Do you need the police now?" not in thanks  # not interrupted a third time
    assert submission.question == text
    assert submission.triage_flagged
    assert submission.crisis_kind in ("danger", "crime_now")
    assert submission.crisis_words


def test_going_back_from_the_emergency_page_at_step_one_keeps_the_question(client):
    text = "there is a man with a knife outside my flat"
    back = client.post("/ask/", {"draft": hidden(ask(client, text), "draft"), "change": "1"})
    html = back.content.decode()
    assert "Ask a question" in html
    assert text in html


def test_detail_that_reads_like_an_emergency_is_interrupted_at_step_two(client):
    response = send_question(
        client, question=QUESTION, name="Robin", detail="he is outside with a knife right now"
    )
    html = response.content.decode()
    assert "Do you need the police now?" in html
    assert not Submission.objects.exists()
    back = client.post("/ask/check/", {"confirm": hidden(response, "confirm"), "back": "1"})
    html = back.content.decode()
    assert back.status_code == 200
    assert 'value="Robin"' in html and "he is outside with a knife right now" in html
    assert QUESTION in html
    sent = client.post("/ask/check/", {"confirm": hidden(response, "confirm"), "send": "1"})
    assert sent.status_code == 302
    assert Submission.objects.get().crisis_kind == "danger"


@pytest.mark.parametrize(
    "text",
    [
        "What happens if I call 999 by mistake?",
        "Is it illegal to carry a pocket knife?",
        "How do I report a crime that happened last year?",
        "What is the law on suicide pacts?",
    ],
)
def test_questions_about_the_law_are_not_interrupted(client, text):
    assert "Do you need the police now?" not in ask(client, text).content.decode()
    assert send_question(client, question=text).status_code == 302
    submission = Submission.objects.get()
    assert not submission.triage_flagged
    assert submission.crisis_kind == ""


def test_ordinary_questions_are_not_interrupted(client):
    assert (
        send_question(client, question="Is it legal to fly a drone over a park?").status_code == 302
    )


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/ask/", {"question": QUESTION, "started": "tampered"}),
        ("/ask/", {"draft": "tampered", "change": "1"}),
        ("/ask/details/", {"draft": "tampered", "send": "1"}),
        ("/ask/details/", {}),
        ("/ask/check/", {"confirm": "tampered", "send": "1"}),
        ("/ask/check/", {}),
    ],
)
def test_tampered_or_missing_hidden_fields_never_cause_a_server_error(client, url, data):
    response = client.post(url, data)
    assert response.status_code in (200, 400)


def test_a_tampered_draft_asks_kindly_to_start_again(client):
    html = client.post("/ask/details/", {"draft": "x", "send": "1"}).content.decode()
    assert "Sorry, we could not read your question. Please type it again." in html


def test_a_mistyped_email_and_an_unticked_box_are_both_reported_at_once(client):
    """Issue 28, item 3: not the email error now and the consent error after fixing it."""
    html = send_question(client, email="me@@example").content.decode()
    assert '<a href="#id_email">Enter an email address in the correct format' in html
    assert '<a href="#id_consent">Select the box to agree to the privacy notice' in html
    assert 'value="me@@example"' in html


def test_a_crisis_too_short_to_send_still_gets_who_to_call(client):
    """'he hit me' is nine characters: the form asks for ten, and says who to call first."""
    page = client.get("/ask/")
    response = client.post("/ask/", {"question": "he hit me", "started": hidden(page, "started")})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your question must be at least 10 characters" in html
    assert "Do you need the police now?" in html
    assert html.index('class="button button--emergency" href="tel:999"') < html.index(
        'name="question"'
    )
    assert ">he hit me</textarea>" in html or ">\nhe hit me</textarea>" in html


def test_an_ordinary_question_too_short_has_no_emergency_panel(client):
    page = client.get("/ask/")
    response = client.post("/ask/", {"question": "Fireworks", "started": hidden(page, "started")})
    assert "Do you need the police now?" not in response.content.decode()
