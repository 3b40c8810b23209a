"""The staff admin in plain words (issue 28, item 10): no library names or jargon on the
dashboard, no typos, a Q-number search that lists that answer first, and a history that names
only the fields that changed."""

import pytest
from django.urls import reverse

from faq.models import AnswerTranslation, Status
from tests.factories import make_answer, make_topic
from tests.test_admin.helpers import form_data, login_as

pytestmark = pytest.mark.django_db


def test_the_dashboard_uses_plain_words(client):
    login_as(client, "superuser")
    page = client.get(reverse("admin:index")).content.decode()
    assert "Sign-in lockouts" in page
    assert "Page refreshes" in page
    for jargon in (">Axes<", "Cache invalidation", "searchs"):
        assert jargon not in page, jargon
    assert "Unanswered searches" in page


def test_a_lockouts_page_says_sign_in_lockouts_in_its_breadcrumbs(client):
    login_as(client, "superuser")
    page = client.get(reverse("admin:app_list", args=["axes"])).content.decode()
    assert "Sign-in lockouts" in page and ">Axes<" not in page


@pytest.mark.parametrize("typed", ["Q905", "q905", "905", "Q 905"])
def test_searching_for_a_q_number_lists_that_answer_first(client, typed):
    for n in range(3):
        make_answer(question=f"Other question {n}?", body="<p>See Q905 for more.</p>")
    make_answer(number=905, question="What is harassment?")
    make_answer(number=9050, question="Another answer?")
    login_as(client, "publisher")
    page = client.get(reverse("admin:faq_answer_changelist"), {"q": typed}).content.decode()
    first_row = page.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert "What is harassment?" in first_row, typed


def test_history_names_only_the_fields_that_changed(client):
    topic = make_topic(name="Harassment")
    answer = make_answer(
        status=Status.PUBLISHED,
        body="<p>One.</p><ul><li>Two</li></ul>",
        keywords="a, b",
        also_asked="first\nsecond",
        topics=[topic],
        links=[("Citizens Advice", "https://www.citizensadvice.org.uk/")],
    )
    AnswerTranslation.objects.create(
        answer=answer, language="cy", question="Beth?", summary="Crynodeb.", body="<p>Un.</p>"
    )
    login_as(client, "publisher")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    data = form_data(client.get(url), summary="A new summary.")
    # As a browser sends them: every line of a text box ends in CR LF.
    data = {
        key: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for key, value in data.items()
    }
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("admin:faq_answer_history", args=[answer.pk])).content.decode()
    comment = page.split("Changed ", 1)[1].split("</", 1)[0]
    assert comment == "Summary.", comment
