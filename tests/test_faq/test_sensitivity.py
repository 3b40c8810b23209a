"""One rule for what is sensitive, asked by every surface that shows an answer or a topic.

An answer is sensitive when any topic it is filed under, or any topic above one of those, has
its "sensitive" box ticked (`Answer.objects.with_sensitivity()`). The page (built, and built
again from its kept parts), the embed, the feeds and the API's list and item must all say the
same for every way an answer can be filed.
"""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from faq import answer_parts
from faq import topics as faq_topics
from faq.models import Answer, Topic
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
NUMBER = 70


@pytest.fixture
def tree():
    abuse = make_topic(name="Domestic abuse", sensitive=True)
    # A new subtopic's own box is unticked by default: it is sensitive all the same.
    tracking = make_topic(name="Tracking and monitoring", parent=abuse)
    online = make_topic(name="Online crime")
    phones = make_topic(name="Phones", parent=online)
    return {"abuse": abuse, "tracking": tracking, "online": online, "phones": phones}


# Each way an answer can be filed (its topics, the first being its primary topic, the one its
# breadcrumb shows) and whether it is sensitive.
FILINGS = {
    "directly under a sensitive topic": (["abuse"], True),
    "under an unticked subtopic of a sensitive topic": (["tracking"], True),
    "under non-sensitive topics only": (["online", "phones"], False),
    "under both, the sensitive one first": (["abuse", "online"], True),
    "under both, the sensitive one second": (["online", "abuse"], True),
    "under both, the second an unticked subtopic of a sensitive one": (
        ["phones", "tracking"],
        True,
    ),
}


def page(number, cookies=None):
    client = Client()
    if cookies:
        client.cookies.load(cookies)
    response = client.get(f"/q{number}", follow=True)
    assert response.status_code == 200
    return _no_store(response)


def page_from_kept_parts(number):
    page(number)  # builds and keeps the parts
    # Another visitor's page (a force chosen) is built around the kept parts.
    assert answer_parts.current(number) is not None
    return page(number, cookies={"force": "kent"})


def embed(number):
    response = Client().get(f"/embed/q/{number}/")
    assert response.status_code == 200
    return _no_store(response) and "quick-exit" in response.content.decode()


def feed_entry(number, url="/feeds/latest/"):
    response = Client().get(url)
    root = ET.fromstring(response.content)
    for entry in root.iter(f"{ATOM}entry"):
        if entry.findtext(f"{ATOM}title").startswith(f"Q{number}:"):
            terms = {c.get("term") for c in entry.findall(f"{ATOM}category")}
            return "sensitive" in terms and _no_store(response)
    raise AssertionError(f"Q{number} is not in {url}")


def api_list(number):
    results = Client().get("/api/v1/answers/?page_size=100").json()["results"]
    return next(r["sensitive"] for r in results if r["number"] == number)


def api_item(number):
    return Client().get(f"/api/v1/answers/{number}/").json()["sensitive"]


def _no_store(response):
    return response.get("Cache-Control") == "no-store"


SURFACES = {
    "page": page,
    "page from kept parts": page_from_kept_parts,
    "embed": embed,
    "feed": feed_entry,
    "API list": api_list,
    "API item": api_item,
}


@pytest.mark.parametrize("filing", FILINGS)
def test_every_surface_agrees_whether_an_answer_is_sensitive(tree, filing):
    names, sensitive = FILINGS[filing]
    make_answer(number=NUMBER, question="Can he track my phone?", topics=[tree[n] for n in names])
    make_answer(number=NUMBER + 1, question="What is a scam?", topics=[tree["online"]])

    said = {name: surface(NUMBER) for name, surface in SURFACES.items()}

    assert said == dict.fromkeys(SURFACES, sensitive)
    assert Answer.objects.is_sensitive(Answer.objects.get(number=NUMBER)) is sensitive
    # The plain answer beside it stays plain on every surface.
    assert {name: surface(NUMBER + 1) for name, surface in SURFACES.items()} == dict.fromkeys(
        SURFACES, False
    )


@pytest.mark.parametrize(
    ("topic", "sensitive"),
    [("abuse", True), ("tracking", True), ("online", False), ("phones", False)],
)
def test_topic_pages_and_the_api_tree_agree(client, tree, topic, sensitive):
    make_answer(question="Filed here?", topics=[tree[topic]])
    response = client.get(tree[topic].get_absolute_url())
    assert _no_store(response) is sensitive

    nodes = {}

    def walk(items):
        for item in items:
            nodes[item["path"]] = item
            walk(item["children"])

    walk(client.get("/api/v1/topics/").json()["topics"])
    assert nodes[tree[topic].url_path]["sensitive"] is sensitive
    assert Topic.objects.with_sensitivity().get(pk=tree[topic].pk).is_sensitive is sensitive


def test_a_topic_feed_of_a_sensitive_subtopic_is_kept_by_no_browser(client, tree):
    make_answer(number=NUMBER, question="Can he track my phone?", topics=[tree["tracking"]])
    assert feed_entry(NUMBER, "/feeds/topics/domestic-abuse/tracking-and-monitoring/")
    plain = client.get("/feeds/topics/online-crime/")
    assert "sensitive" not in plain.content.decode()
    assert not _no_store(plain)


def test_ticking_sensitive_on_a_topic_reaches_every_answer_filed_below_it(tree):
    # Its breadcrumb shows Online crime > Phones; it is also filed under a subtopic of another
    # tree, whose top is ticked later.
    harassment = make_topic(name="Harassment")
    spyware = make_topic(name="Spyware", parent=harassment)
    topics = [tree["phones"], spyware]
    make_answer(number=NUMBER, question="Is there spyware on my phone?", topics=topics)
    assert {name: surface(NUMBER) for name, surface in SURFACES.items()} == dict.fromkeys(
        SURFACES, False
    )

    harassment.refresh_from_db()
    harassment.sensitive = True
    faq_topics.save_topic(harassment, changed=["sensitive"])  # as the admin's save does

    # Every kept page and part made from the old rule is stale at once.
    assert {name: surface(NUMBER) for name, surface in SURFACES.items()} == dict.fromkeys(
        SURFACES, True
    )
