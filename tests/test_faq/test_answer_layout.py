"""An answer page: contents on long answers, a print button, the helpful question once."""

import pytest

from faq.contents import with_contents
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db

LONG_BODY = (
    "<p>Intro.</p><h2>What it is</h2><p>A.</p><h2>The law</h2><p>B.</p>"
    "<h2>What you can do</h2><p>C.</p><h2>The law</h2><p>D.</p>"
)


def test_long_answers_get_a_contents_list_linking_each_section(client):
    answer = make_answer(number=12, body=LONG_BODY, topics=[make_topic(name="Law")])
    html = client.get(answer.get_absolute_url()).content.decode()
    assert '<nav class="contents no-print" aria-labelledby="contents-title">' in html
    for anchor in ("section-what-it-is", "section-the-law", "section-the-law-2"):
        assert f'<a href="#{anchor}">' in html and f'id="{anchor}"' in html


def test_short_answers_have_no_contents_list(client):
    answer = make_answer(number=13, body="<h2>One</h2><p>x</p><h2>Two</h2>")
    assert 'class="contents' not in client.get(answer.get_absolute_url()).content.decode()


def test_headings_keep_their_inline_markup_and_an_id_they_already_have():
    html, entries = with_contents(
        '<h2 id="own">Own</h2><h2><strong>Bold</strong> part</h2><h2>Three</h2><h2>Four</h2>'
    )
    assert '<h2 id="own">Own</h2>' in html
    assert '<h2 id="section-bold-part"><strong>Bold</strong> part</h2>' in html
    assert entries[0] == ("section-bold-part", "Bold part")


def test_helpful_is_asked_once_and_print_needs_javascript(client):
    answer = make_answer(number=14)
    html = client.get(answer.get_absolute_url()).content.decode()
    assert html.count("Was this answer helpful?") == 1
    assert '<h2 class="heading-m fieldset__heading" id="feedback-title">' in html
    assert '<button type="button" class="link-button" data-print hidden>' in html


def test_no_empty_force_box_on_paper(client):
    answer = make_answer(number=15)
    html = client.get(answer.get_absolute_url()).content.decode()
    assert '<section class="panel local-info no-print"' in html
