"""What a Q-number leads to is decided once (`Answer.objects.resolve`), and every surface agrees:
the page, its short address, the API, the embed, the kept answer parts and the feed (issue 26).
"""

import pytest
from django.urls import reverse

from faq import answer_parts
from faq.models import Answer, Live, Missing, Moved, Status, Withdrawn
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db

NUMBER = 640
FINAL = 641


def _state(name):
    """An answer numbered NUMBER in the state `name`; returns the number the surfaces ask for."""
    if name == "never":
        return NUMBER
    status = {"draft": Status.DRAFT, "in review": Status.IN_REVIEW}.get(name, Status.PUBLISHED)
    answer = make_answer(number=NUMBER, question="Can I keep a found wallet?", status=status)
    if name == "withdrawn":
        answer.status = Status.ARCHIVED
        answer.save()
    if name == "moved":
        final = make_answer(number=FINAL, question="What do I do with lost property?")
        middle = make_answer(number=642, question="Lost things?")
        middle.replaced_by, middle.status = final, Status.ARCHIVED
        middle.save()
        answer.replaced_by, answer.status = middle, Status.ARCHIVED
        answer.save()
    return NUMBER


# state → (status code every surface answers, where a redirect leads, in the kept parts and feed)
EXPECTED = {
    "live": (200, None, True),
    "moved": (301, FINAL, False),
    "withdrawn": (410, None, False),
    "draft": (404, None, False),
    "in review": (404, None, False),
    "never": (404, None, False),
}


def _page(client, number):
    answer = Answer.objects.filter(number=number).first()
    slug = answer.slug if answer else "never-written"
    return client.get(reverse("faq:answer_detail", kwargs={"number": number, "slug": slug}))


def _short(client, number):
    return client.get(f"/q/{number}/", follow=True)


def _api(client, number):
    return client.get(f"/api/v1/answers/{number}/")


def _embed(client, number):
    return client.get(reverse("embed:answer", kwargs={"number": number}))


@pytest.mark.parametrize("state", list(EXPECTED))
def test_every_surface_agrees_on_what_a_number_leads_to(client, state):
    number = _state(state)
    status, final, shown = EXPECTED[state]

    page, api, embed = _page(client, number), _api(client, number), _embed(client, number)

    assert (page.status_code, api.status_code, embed.status_code) == (status, status, status)
    if final is not None:
        assert page["Location"] == Answer.objects.get(number=final).get_absolute_url()
        assert api["Location"] == f"/api/v1/answers/{final}/"
        assert embed["Location"] == reverse("embed:answer", kwargs={"number": final})
    short = _short(client, number)
    assert short.status_code == (200 if final else status)
    if status == 200:
        assert "Can I keep a found wallet?" in page.content.decode()
        assert "Can I keep a found wallet?" in embed.content.decode()
        assert api.json()["number"] == NUMBER
    if status == 410:
        assert "This answer has been withdrawn" in page.content.decode()
        assert "This answer has been withdrawn" in embed.content.decode()
        assert api.json()["error"]["code"] == "archived"
    assert (answer_parts.current(number) is not None) is shown
    feed = client.get(reverse("faq:feed_latest")).content.decode()
    assert ("Can I keep a found wallet?" in feed) is shown


@pytest.mark.parametrize(
    ("state", "kind"),
    [
        ("live", Live),
        ("moved", Moved),
        ("withdrawn", Withdrawn),
        ("draft", Missing),
        ("never", Missing),
    ],
)
def test_resolve_names_the_state(state, kind):
    found = Answer.objects.resolve(_state(state))
    assert type(found) is kind
    if kind is Moved:
        assert found.to.number == FINAL  # the end of the chain, not the next link


def test_answers_under_a_topic_include_subtopics_and_the_primary_topic():
    crime = make_topic(name="Crime")
    theft = make_topic(name="Theft", parent=crime)
    fraud = make_topic(name="Fraud")
    filed_below = make_answer(number=700, topics=[theft])
    breadcrumb_only = make_answer(number=701)
    breadcrumb_only.primary_topic = theft
    breadcrumb_only.save()
    make_answer(number=702, topics=[fraud])

    under = Answer.objects.in_subtree(crime).order_by("number")

    assert list(under) == [filed_below, breadcrumb_only]
    assert list(Answer.objects.in_subtree()) == []
    assert Answer.objects.in_subtree(crime, fraud).count() == 3
