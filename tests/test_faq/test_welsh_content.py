"""Answers, topics and local notes in Welsh: loading, pages with and without a Welsh version,
and the admin that keeps both languages in step."""

import html
import json
import re

import pytest
from django.urls import reverse

from faq.models import AnswerTranslation, TopicTranslation, TranslationReview
from faq.starter import WELSH_DIR, load_starter_content, parse_welsh_file
from faq.translations import mark_in_step
from forces.choice import FORCE_COOKIE
from forces.models import Force, LocalNote, LocalNoteTranslation
from tests.factories import make_answer, make_topic, make_translation
from tests.test_admin.helpers import form_data, form_errors, login_as

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


def welsh(answer, **fields):
    values = {
        "question": "Beth yw aflonyddu?",
        "summary": "Crynodeb byr.",
        "body": "<p>Ateb yn Gymraeg. Gweler Q212.</p>",
        **fields,
    }
    return make_translation(answer, **values)


def test_the_starter_welsh_versions_load_once_awaiting_review():
    report = load_starter_content()
    files = sorted((WELSH_DIR / "answers").glob("*.txt"))
    assert len(files) >= 30
    assert report.welsh_created == len(files) and not report.problems
    q111 = AnswerTranslation.objects.get(answer__number=111, language="cy")
    assert q111.question == "Pryd dylwn i ffonio 999 a phryd dylwn i ffonio 101?"
    assert q111.review == TranslationReview.AWAITING
    assert q111.answer.links.exclude(title_cy="").count() == len(
        parse_welsh_file(WELSH_DIR / "answers" / "q0111.txt").link_titles
    )
    q111.summary = "Edited by staff."
    q111.save()
    again = load_starter_content()
    assert (again.welsh_created, again.welsh_existing) == (0, len(files))
    q111.refresh_from_db()
    assert q111.summary == "Edited by staff."  # what staff changed is kept


def test_a_welsh_answer_page_shows_the_welsh_text(client):
    target = make_answer(number=212, question="How do I report a crime online?")
    welsh(target, question="Sut mae riportio trosedd ar-lein?")
    # The Welsh text refers to the same Q-numbers as the English.
    answer = make_answer(number=497, question="What is harassment?", body="<p>See Q212.</p>")
    welsh(answer)
    response = client.get("/cy" + answer.get_absolute_url())
    page = text(response)
    assert response.status_code == 200
    assert '<h1 class="heading-xl" id="answer-title">Beth yw aflonyddu?</h1>' in page
    assert "What is harassment?" not in page
    # The cross-reference leads to the Welsh page of Q212, listed by its Welsh question.
    assert f'href="/cy{target.get_absolute_url()}"' in page
    assert "Sut mae riportio trosedd ar-lein?" in page
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["inLanguage"] == "cy"
    assert data["mainEntity"]["name"] == "Beth yw aflonyddu?"
    assert data["url"].endswith("/cy" + answer.get_absolute_url())
    assert "Ateb yn Gymraeg" in data["mainEntity"]["acceptedAnswer"]["text"]


def test_the_english_page_is_unchanged_by_a_welsh_version(client):
    answer = make_answer(number=497, question="What is harassment?")
    welsh(answer)
    page = text(client.get(answer.get_absolute_url()))
    assert "What is harassment?" in page
    assert "Beth yw aflonyddu?" not in page


def test_an_answer_without_a_welsh_version_says_so_and_shows_the_english(client):
    answer = make_answer(number=497, question="What is harassment?", body="<p>English body.</p>")
    response = client.get("/cy" + answer.get_absolute_url())
    page = text(response)
    assert response.status_code == 200
    assert "Nid yw'r ateb hwn ar gael yn Gymraeg eto" in page
    assert '<h1 class="heading-xl" id="answer-title" lang="en-GB">What is harassment?</h1>' in page
    assert '<div class="answer__body" lang="en-GB"><p>English body.</p></div>' in page
    assert '<html lang="cy">' in page


def test_welsh_topic_names_on_welsh_pages(client):
    topic = make_topic(name="Fraud")
    TopicTranslation.objects.create(topic=topic, language="cy", name="Twyll")
    answer = make_answer(number=497, question="Is this a scam?", topics=[topic])
    welsh(answer, question="Ai sgam yw hwn?")
    topic_page = text(client.get("/cy" + topic.get_absolute_url()))
    assert "<h1" in topic_page and "Twyll" in topic_page and "Ai sgam yw hwn?" in topic_page
    assert "Twyll" in text(client.get("/cy/topics/"))
    assert "Twyll" in text(client.get("/cy" + answer.get_absolute_url()))  # the breadcrumb
    assert "Twyll" not in text(client.get(topic.get_absolute_url()))


def test_a_forces_welsh_note_on_the_welsh_page(client):
    force = Force.objects.get(slug="dyfed-powys")
    answer = make_answer(number=497)
    note = LocalNote.objects.create(force=force, answer=answer, body="<p>English note.</p>")
    client.cookies[FORCE_COOKIE] = force.slug
    assert '<div class="local-info__note" lang="en-GB"><p>English note.</p>' in text(
        client.get("/cy" + answer.get_absolute_url())
    )
    LocalNoteTranslation.objects.create(note=note, language="cy", body="<p>Nodyn Cymraeg.</p>")
    page = text(client.get("/cy" + answer.get_absolute_url()))
    assert '<div class="local-info__note"><p>Nodyn Cymraeg.</p>' in page
    assert "English note." in text(client.get(answer.get_absolute_url()))


def changelist(client, **params):
    response = client.get(reverse("admin:faq_answer_changelist"), params)
    assert response.status_code == 200
    return {a.number for a in response.context["cl"].result_list}


def test_the_answer_list_filters_by_welsh_version(client):
    login_as(client, "editor")
    none = make_answer(number=1)
    current = make_answer(number=2)
    older = make_answer(number=3)
    for answer in (current, older):
        mark_in_step(welsh(answer))
    older.body = "<p>The English answer changed.</p>"
    older.save()
    assert changelist(client, welsh="none") == {none.number}
    assert changelist(client, welsh="older") == {older.number}
    assert changelist(client, welsh="awaiting") == {current.number, older.number}


def test_staff_edit_both_languages_on_one_page(client):
    login_as(client, "publisher")  # a published answer is changed by publishers only
    answer = make_answer(number=497, question="What is harassment?")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    page = client.get(url)
    assert "Cymraeg (Welsh)" in page.content.decode()
    # The blank Welsh version is on the page, beside the English (no script needed to add it).
    data = form_data(
        page,
        **{
            "translations-0-question": "Beth yw aflonyddu?",
            "translations-0-summary": "Crynodeb.",
            "translations-0-body": "<p>Ateb.</p>",
            "translations-0-review": TranslationReview.REVIEWED,
            "translations-0-last_reviewed": "2026-12-01",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response) or response.content[:300]
    row = AnswerTranslation.objects.get(answer=answer)
    assert row.review == TranslationReview.REVIEWED
    assert changelist(client, welsh="older") == set()  # saved next to the current English
    # Change the English only: the Welsh is now older.
    page = client.get(url)
    client.post(url, form_data(page, summary="A new English summary."))
    assert changelist(client, welsh="older") == {497}


@pytest.mark.parametrize("address", ["/cy/q/497/", "/embed/q/497/?lang=cy"])
def test_a_welsh_version_no_welsh_speaker_reviewed_says_so_with_its_own_date(client, address):
    import datetime

    from django.core.cache import cache

    answer = make_answer(number=497, question="What is harassment?")
    answer.last_reviewed = datetime.date(2026, 3, 1)
    answer.save()
    row = welsh(answer, last_reviewed=datetime.date(2026, 12, 1))
    page = text(client.get(address, follow=True))
    line = re.search(r'<p class="answer__reviewed">(.*?)</p>', page, re.S).group(1)
    assert "Nid yw siaradwr Cymraeg wedi adolygu'r fersiwn Gymraeg hon eto." in line
    assert '<span lang="en-GB">(A Welsh speaker has not reviewed this Welsh version yet.)' in line
    assert "1 Rhagfyr 2026" in line and "Adolygwyd ddiwethaf" not in line
    assert "Mawrth" not in line  # never the English answer's own review date

    row.review = TranslationReview.REVIEWED
    row.save()
    cache.clear()  # a save() outside the editors' path bumps nothing
    line = re.search(
        r'<p class="answer__reviewed">(.*?)</p>', text(client.get(address, follow=True)), re.S
    ).group(1)
    assert "siaradwr Cymraeg" not in line
    assert "Adolygwyd ddiwethaf:" in line and "1 Rhagfyr 2026" in line


def test_an_english_page_keeps_the_english_review_date(client):
    import datetime

    answer = make_answer(number=497, question="What is harassment?")
    answer.last_reviewed = datetime.date(2026, 3, 1)
    answer.save()
    welsh(answer, last_reviewed=datetime.date(2026, 12, 1))
    page = text(client.get("/q/497/", follow=True))
    line = re.search(r'<p class="answer__reviewed">(.*?)</p>', page, re.S).group(1)
    assert "Last reviewed:" in line and "1 March 2026" in line and "Welsh" not in line
