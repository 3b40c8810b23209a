import re

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from forces.models import Force
from questions import forms as question_forms
from tests.factories import make_user

QUESTION = "Is it a crime if my neighbour keeps filming my garden?"


class MailServerDown(BaseEmailBackend):
    """An email backend whose server never answers."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("Connection refused by the mail server")


@pytest.fixture(autouse=True)
def _no_minimum_time(monkeypatch):
    # The minimum time to fill in the form has its own test; elsewhere tests post at once.
    monkeypatch.setattr(question_forms, "MIN_SECONDS_TO_FILL", 0)


@pytest.fixture
def force(db):
    return Force.objects.create(
        name="Testshire Police",
        short_name="Testshire",
        slug="testshire",
        nation="england",
        report_online_url="https://www.testshire.police.example/report/",
        questions_email="questions@testshire.example",
    )


@pytest.fixture
def other_force(db):
    return Force.objects.create(
        name="Exampleton Police", short_name="Exampleton", slug="exampleton",
        nation="england",
    )  # fmt: skip


@pytest.fixture
def moderator(db):
    return make_user(role="moderator", username="mo")


@pytest.fixture
def colleague(db):
    return make_user(role="moderator", username="colin")


@pytest.fixture
def admin_user(db):
    return make_user(role="superuser", username="ada")


@pytest.fixture
def staff_without_rights(db):
    return make_user(role="staff", username="sam")


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def hidden(response, name):
    """The value of a hidden input on the page."""
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no hidden field {name!r} on the page"
    return match.group(1)


def ask(client, question):
    """Step 1: the page that follows typing the question and pressing Continue."""
    page = client.get("/ask/")
    return client.post("/ask/", {"question": question, "started": hidden(page, "started")})


def send_question(client, question=QUESTION, *, follow=False, **details):
    """Go through the form as a person would: step 1, (similar answers or the emergency page),
    step 2, send."""
    step1 = ask(client, question)
    assert step1.status_code == 200, step1.content.decode()
    data = {"draft": hidden(step1, "draft"), "send": "1", "detail": "", "name": "", "email": ""}
    data.update(details)
    return client.post("/ask/details/", data, follow=follow)
