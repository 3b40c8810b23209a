"""The embeddable answer in Welsh: /embed/q/<number>/?lang=cy (one address for every language,
outside the /cy/ prefix, as the API)."""

import html as html_module

import pytest
from django.conf import settings

from faq import workflow
from faq.models import AnswerTranslation, RelatedLink, Status
from forces.models import Force, LocalNote, LocalNoteTranslation
from tests.factories import make_answer, make_topic, make_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers():
    topic = make_topic(name="Harassment")
    stalking = make_answer(
        number=151,
        question="What is stalking?",
        summary="Repeated, unwanted attention.",
        body="<p>Stalking is a crime.</p>",
        topics=[topic],
    )
    make_translation(
        answer=stalking,
        language="cy",
        question="Beth yw stelcian?",
        summary="Sylw digroeso ac ailadroddus.",
        body="<p>Mae stelcian yn drosedd.</p>",
    )
    RelatedLink.objects.create(
        answer=stalking, title="Paladin", url="https://paladinservice.co.uk/"
    )
    harassment = make_answer(
        number=497,
        question="What counts as harassment?",
        summary="Behaviour that alarms you.",
        body="<p>Harassment is repeated behaviour.</p>",
        topics=[topic],
    )
    return stalking, harassment


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, html_module.unescape(response.content.decode())


def test_the_welsh_embed_shows_the_welsh_answer_in_a_welsh_page(client, answers):
    response, html = page(client, "/embed/q/151/?lang=cy")
    assert '<html lang="cy">' in html
    assert response["Content-Language"] == "cy"
    assert '<h1 class="heading-l" id="answer-title">Beth yw stelcian?</h1>' in html
    assert "Mae stelcian yn drosedd." in html and "Stalking is a crime." not in html
    assert "Mewn argyfwng, ffoniwch" in html  # the interface in Welsh
    assert "Gwybodaeth gysylltiedig" in html
    assert 'href="/cy/q/151/what-is-stalking/">Darllenwch Q151 ar' in html
    # From SITE_URL, never the Host header (issue 23, finding 9).
    assert f'rel="canonical" href="{settings.SITE_URL}/cy/q/151/what-is-stalking/"' in html
    assert "Nid yw'r ateb hwn ar gael yn Gymraeg eto" not in html
    # The link has no Welsh title: its English one is marked as English.
    assert '<li lang="en-GB"><a href="https://paladinservice.co.uk/"' in html


def test_an_answer_without_a_welsh_version_says_so_and_marks_its_english(client, answers):
    _, html = page(client, "/embed/q/497/?lang=cy")
    assert '<html lang="cy">' in html
    assert "Nid yw'r ateb hwn ar gael yn Gymraeg eto" in html
    assert 'id="answer-title" lang="en-GB">What counts as harassment?</h1>' in html
    assert '<p class="lead" lang="en-GB">Behaviour that alarms you.</p>' in html
    assert '<div class="answer__body" lang="en-GB"><p>Harassment is repeated' in html
    assert "Mewn argyfwng, ffoniwch" in html


def test_the_english_embed_is_unchanged(client, answers):
    response, html = page(client, "/embed/q/151/")
    assert '<html lang="en-GB">' in html
    assert response["Content-Language"] == "en-gb"
    assert "What is stalking?" in html and "Beth yw stelcian?" not in html
    assert "In an emergency, call" in html
    assert 'lang="en-GB">' not in html.split("<body", 1)[1]  # nothing marked: all English


def test_the_force_note_in_welsh_where_it_has_one(client, answers):
    stalking, harassment = answers
    force = Force.objects.get(slug="north-wales")
    note = LocalNote.objects.create(force=force, answer=stalking, body="<p>Call our team.</p>")
    LocalNoteTranslation.objects.create(note=note, language="cy", body="<p>Ffoniwch ein tîm.</p>")
    LocalNote.objects.create(force=force, answer=harassment, body="<p>English only note.</p>")
    _, html = page(client, "/embed/q/151/?lang=cy&force=north-wales")
    assert '<div class="local-info__note"><p>Ffoniwch ein tîm.</p></div>' in html
    assert "Gan Heddlu Gogledd Cymru" in html  # the force's own Welsh name (issue 29)
    _, html = page(client, "/embed/q/497/?lang=cy&force=north-wales")
    assert '<div class="local-info__note" lang="en-GB"><p>English only note.</p></div>' in html
    _, html = page(client, "/embed/q/151/?force=north-wales")
    assert "Call our team." in html and "Ffoniwch" not in html


def test_each_language_is_stored_apart(client, answers, django_assert_num_queries):
    page(client, "/embed/q/151/")
    page(client, "/embed/q/151/?lang=cy")
    with django_assert_num_queries(0):
        _, welsh = page(client, "/embed/q/151/?lang=cy")
        _, english = page(client, "/embed/q/151/")
    assert "Beth yw stelcian?" in welsh and "Beth yw stelcian?" not in english
    row = AnswerTranslation.objects.get(answer__number=151)
    row.question = "Beth yw stelcio?"
    workflow.save_translation(row)
    assert "Beth yw stelcio?" in page(client, "/embed/q/151/?lang=cy")[1]


def test_a_merged_answer_redirects_in_the_same_language(client, answers):
    old = make_answer(number=88, question="Old", status=Status.ARCHIVED)
    old.replaced_by = answers[0]
    workflow.save_answer(old)
    response = client.get("/embed/q/88/?lang=cy&force=north-wales")
    assert response.status_code == 301
    assert response["Location"] == "/embed/q/151/?lang=cy&force=north-wales"
    _, html = page(client, response["Location"])
    assert "Beth yw stelcian?" in html
