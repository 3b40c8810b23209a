"""The editors' loop: searches people struggled with, and the actions on each row."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from faq.models import Answer, SearchOutcome, SearchQueryDay
from tests.factories import make_answer
from tests.test_admin.helpers import is_login_redirect, login_as

pytestmark = pytest.mark.django_db

ADMIN = "/" + settings.ADMIN_URL
REPORT = f"{ADMIN}faq/searchqueryday/"
ALSO_ASKED = f"{REPORT}also-asked/"


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def searches(client):
    client.get("/search/", {"q": "parking tickets"})
    client.get("/search/", {"q": "Parking Tickets"})
    SearchQueryDay.objects.create(
        query="parking tickets", day=days_ago(3), outcome=SearchOutcome.NO_RESULTS, count=4
    )
    SearchQueryDay.objects.create(
        query="old thing", day=days_ago(60), outcome=SearchOutcome.NO_RESULTS, count=50
    )
    SearchQueryDay.objects.create(
        query="stalkng", day=days_ago(1), outcome=SearchOutcome.CORRECTED, corrected_to="stalking"
    )


@pytest.mark.parametrize("role", ["anonymous", "public"])
def test_the_report_is_for_staff_only(client, role, searches):
    login_as(client, role)
    assert is_login_redirect(client.get(REPORT))
    assert is_login_redirect(client.get(ALSO_ASKED))


@pytest.mark.parametrize("role", ["staff", "moderator"])
def test_staff_without_the_permission_are_refused(client, role, searches):
    login_as(client, role)
    assert client.get(REPORT).status_code == 403
    assert client.post(ALSO_ASKED, {"phrasing": "x", "number": 1}).status_code == 403


def test_editors_see_queries_grouped_by_frequency_over_the_period(client, searches):
    login_as(client, "editor")
    body = client.get(REPORT).content.decode()
    assert body.index("parking tickets") < body.index("stalkng")
    assert "<td>6</td>" in body  # 2 today + 4 three days ago, one row
    assert "corrected to “stalking”" in body
    assert "old thing" not in body
    assert f'href="{ADMIN}faq/synonym/add/?term=parking%20tickets"' in body
    assert f'href="{ALSO_ASKED}?q=parking%20tickets"' in body
    year = client.get(REPORT, {"days": "365"}).content.decode()
    assert body.count("<tr>") < year.count("<tr>") and "old thing" in year
    corrected = client.get(REPORT, {"outcome": "corrected"}).content.decode()
    assert "stalkng" in corrected and "parking tickets" not in corrected


def test_the_report_shows_query_text_escaped(client):
    SearchQueryDay.objects.create(query="<script>x</script>", outcome=SearchOutcome.NO_RESULTS)
    login_as(client, "editor")
    body = client.get(REPORT).content.decode()
    assert "<script>x</script>" not in body and "&lt;script&gt;x&lt;/script&gt;" in body


def test_add_a_synonym_from_a_row_prefills_the_form(client, searches):
    login_as(client, "editor")
    response = client.get(f"{ADMIN}faq/synonym/add/", {"term": "parking tickets"})
    assert response.status_code == 200
    assert 'value="parking tickets"' in response.content.decode()


def test_add_as_also_asked_from_a_row(client, searches):
    make_answer(number=920, question="I have been caught speeding: what happens next?")
    login_as(client, "publisher")  # the answer is published: editors may not change it
    form = client.get(ALSO_ASKED, {"q": "parking tickets"})
    assert 'value="parking tickets"' in form.content.decode()
    response = client.post(ALSO_ASKED, {"phrasing": "parking tickets", "number": "920"})
    assert response.status_code == 302 and response["Location"] == REPORT
    assert Answer.objects.get(number=920).also_asked_list == ["parking tickets"]
    client.post(ALSO_ASKED, {"phrasing": "Parking  tickets", "number": "920"})
    assert Answer.objects.get(number=920).also_asked_list == ["parking tickets"]  # no repeat
    client.logout()
    body = client.get("/search/", {"q": "parking tickets"}).content.decode()
    assert "I have been caught speeding" in body


def test_add_as_also_asked_to_a_missing_answer_says_so(client, searches):
    login_as(client, "editor")
    response = client.post(ALSO_ASKED, {"phrasing": "parking tickets", "number": "4040"})
    assert response.status_code == 200
    assert "There is no answer Q4040." in response.content.decode()


def test_an_editor_cannot_change_a_published_answer_through_the_report(client, searches):
    """Issue 23, finding 5: the report's action asks the same rule as the answer's own form."""
    from faq.models import Status

    make_answer(number=921, question="Can I be fined for parking?")
    make_answer(number=922, question="A draft about parking", status=Status.DRAFT)
    login_as(client, "editor")
    response = client.post(ALSO_ASKED, {"phrasing": "parking tickets", "number": "921"})
    assert response.status_code == 403
    assert "Q921 is published: only a publisher can change it." in response.content.decode()
    assert 'value="parking tickets"' in response.content.decode()  # what they typed is kept
    assert Answer.objects.get(number=921).also_asked_list == []
    # A draft is theirs to change.
    response = client.post(ALSO_ASKED, {"phrasing": "parking tickets", "number": "922"})
    assert response.status_code == 302
    assert Answer.objects.get(number=922).also_asked_list == ["parking tickets"]
