"""Atom feeds: site-wide and per topic, with a force's local notes on ?force=."""

import pytest

from forces.models import Force, LocalNote
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers():
    harassment = make_topic(name="Harassment")
    stalking = make_topic(name="Stalking", parent=harassment)
    fraud = make_topic(name="Fraud")
    return {
        "stalked": make_answer(number=151, question="Am I being stalked?", topics=[stalking]),
        "pestered": make_answer(number=497, question="What is harassment?", topics=[harassment]),
        "scam": make_answer(number=600, question="Is this a scam?", topics=[fraud]),
    }


def test_topic_feed_lists_the_topic_and_its_subtopics(client, answers):
    response = client.get("/feeds/topics/harassment/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "Police Advice: Harassment" in text
    assert "Q151: Am I being stalked?" in text and "Q497: What is harassment?" in text
    assert "Is this a scam?" not in text
    assert "Q497" not in client.get("/feeds/topics/harassment/stalking/").content.decode()
    assert client.get("/feeds/topics/nowhere/").status_code == 404


def test_topic_pages_link_their_feed(client, answers):
    html = client.get("/topics/harassment/").content.decode()
    assert 'href="/feeds/topics/harassment/"' in html


def test_force_notes_in_feeds(client, answers):
    kent = Force.objects.get(slug="kent")
    LocalNote.objects.create(force=kent, answer=answers["pestered"], body="<p>Call <b>101</b>.</p>")
    plain = client.get("/feeds/latest/").content.decode()
    assert "Call 101" not in plain
    for url in ("/feeds/latest/?force=kent", "/feeds/topics/harassment/?force=kent"):
        text = client.get(url).content.decode()
        assert f"{kent.name}: Call 101." in text
        assert "&lt;b&gt;" not in text and "<b>" not in text
    assert client.get("/feeds/latest/?force=nope").status_code == 200
