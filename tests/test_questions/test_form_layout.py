"""The question form as a person in a hurry meets it: Back on each step, the form early on
the page, a big Call 999 button when it sounds urgent, a reference easy to copy."""

import re

import pytest

from .conftest import QUESTION, ask, hidden, send_question

pytestmark = pytest.mark.django_db
BACK = re.compile(
    r'<button type="submit" name="(change|back)" value="1" class="back-link">Back</button>'
)


def test_the_form_comes_before_the_long_safety_note(client):
    html = client.get("/ask/").content.decode()
    assert html.index('name="question"') < html.index("Keeping safe while you ask")
    assert html.index("Not for emergencies or reporting a crime") < html.index('name="question"')


def test_back_from_the_details_step_keeps_the_question(client):
    page = client.get("/ask/")
    step2 = client.post("/ask/", {"question": QUESTION, "started": hidden(page, "started")})
    html = step2.content.decode()
    assert BACK.search(html).group(1) == "change"
    back = client.post("/ask/", {"draft": hidden(step2, "draft"), "change": "1"})
    assert QUESTION in back.content.decode()


def test_the_triage_page_has_a_call_999_button_and_a_back_link(client, force):
    response = ask(client, "He is outside now and banging on the door")
    html = response.content.decode()
    assert '<a class="button button--emergency" href="tel:999">Call 999</a>' in html
    assert BACK.search(html).group(1) == "change"  # back to the question
    assert html.index("Call 999</a>") < html.index("Carry on with my question")
    later = send_question(client, detail="He is outside now and banging on the door")
    html = later.content.decode()
    assert BACK.search(html).group(1) == "back"  # back to the details
    assert html.index("Call 999</a>") < html.index("Send my question anyway")


def test_the_reference_is_large_and_selectable_on_its_own(client, force):
    thanks = send_question(client, follow=True)
    html = thanks.content.decode()
    assert re.search(r'<strong class="reference-number">Q-[A-Z0-9]{4}-[A-Z0-9]{4}</strong>', html)
