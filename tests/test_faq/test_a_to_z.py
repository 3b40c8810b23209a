"""The A to Z: every published question by its first letter, reachable from the topics."""

import pytest

from faq.models import Status
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers():
    topic = make_topic(name="Reporting")
    return [
        make_answer(number=1, question="What is stalking?", topics=[topic]),
        make_answer(number=2, question="can I report online?", topics=[topic]),
        make_answer(number=3, question="“Cuckooing”: what is it?", topics=[topic]),
        make_answer(number=4, question="999 or 101?", topics=[topic]),
        make_answer(number=5, question="Zebra crossings", topics=[topic], status=Status.DRAFT),
    ]


def test_questions_grouped_by_first_letter(client, answers):
    html = client.get("/a-z/").content.decode()
    assert '<h1 class="heading-xl">A to Z of questions</h1>' in html
    c_group = html[html.index('id="letter-C"') : html.index('id="letter-W"')]
    assert c_group.index("can I report online?") < c_group.index("Cuckooing")
    assert "What is stalking?" in html[html.index('id="letter-W"') :]
    assert "999 or 101?" in html[html.index('id="letter-other"') :]


def test_letters_link_only_where_there_are_questions(client, answers):
    html = client.get("/a-z/").content.decode()
    assert '<a href="#letter-C">C</a>' in html and '<a href="#letter-W">W</a>' in html
    assert '<a href="#letter-B">' not in html and '<span class="a-to-z__empty">B</span>' in html


def test_drafts_are_not_listed(client, answers):
    assert "Zebra crossings" not in client.get("/a-z/").content.decode()


@pytest.mark.parametrize("url", ["/topics/", "/topics/reporting/"])
def test_reachable_from_the_topics(client, answers, url):
    assert 'href="/a-z/"' in client.get(url).content.decode()


def test_linked_from_every_page_footer(client, answers):
    assert 'href="/a-z/"' in client.get("/").content.decode()
