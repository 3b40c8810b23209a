"""Welsh versions are edited beside the English in the admin: an answer's text, a topic's name
and description, a force's note. Each Welsh field is next to its English one, labelled, with
the Welsh version's review state; saving changes both; the permissions are those of before."""

import datetime
import re

import pytest
from django.urls import reverse

from faq.models import AnswerTranslation, Status, TopicTranslation, TranslationReview
from forces.models import Force, ForceMembership, LocalNote, LocalNoteTranslation
from tests.factories import make_answer, make_topic, make_translation, make_user
from tests.test_admin.helpers import form_data, form_errors, is_login_redirect, login_as

pytestmark = pytest.mark.django_db


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def rows(response):
    """The side-by-side rows of the page: each (English column, Welsh column) as HTML."""
    html = response.content.decode()
    found = re.findall(
        r'<div class="side-by-side__row">\s*<div class="side-by-side__column" lang="en-GB">(.*?)'
        r'</div>\s*<div class="side-by-side__column" lang="cy">(.*?)</div>\s*</div>\s*(?=<div class'
        r'="side-by-side__row"|<div class="side-by-side__row">|</fieldset>)',
        html,
        re.S,
    )
    return found


def row_for(response, english_name):
    for english, welsh in rows(response):
        if f'name="{english_name}"' in english:
            return english, welsh
    raise AssertionError(f"no side-by-side row for {english_name}")


@pytest.fixture
def answer():
    answer = make_answer(
        number=497,
        question="What is harassment?",
        summary="Repeated behaviour.",
        status=Status.DRAFT,
    )
    make_translation(
        answer,
        question="Beth yw aflonyddu?",
        summary="Ymddygiad dro ar ôl tro.",
        body="<p>Ateb.</p>",
        review=TranslationReview.REVIEWED,
        last_reviewed=datetime.date(2026, 11, 3),
    )
    return answer


def test_each_welsh_field_of_an_answer_is_beside_its_english_one(client, answer):
    login_as(client, "editor")
    page = client.get(change_url(answer))
    assert page.status_code == 200
    for name in ("question", "summary", "body", "also_asked", "keywords"):
        english, welsh = row_for(page, name)
        assert f'name="translations-0-{name}"' in welsh, name
        assert "(English)</label>" in english and "(Welsh)</label>" in welsh
    english, welsh = row_for(page, "question")
    assert '<label for="id_question" class="required">Question (English)</label>' in english
    assert 'for="id_translations-0-question" class="required">Question (Welsh)</label>' in welsh
    assert 'value="Beth yw aflonyddu?"' in welsh
    html = page.content.decode()
    assert "Reviewed by a Welsh speaker. Last reviewed" in html
    assert '<time datetime="2026-11-03">3 November 2026</time>' in html
    assert 'name="translations-0-review"' in html and 'name="translations-0-last_reviewed"' in html
    assert html.count('name="translations-0-question"') == 1  # not also in a stacked inline


def test_an_answer_without_a_welsh_version_offers_a_blank_one_beside_the_english(client):
    login_as(client, "editor")
    answer = make_answer(number=12, question="Is it a crime?", status=Status.DRAFT)
    page = client.get(change_url(answer))
    assert "No Welsh version yet: fill in the Welsh column to add one." in page.content.decode()
    _, welsh = row_for(page, "question")
    assert 'name="translations-0-question"' in welsh
    # Saving the English alone adds no Welsh version.
    response = client.post(change_url(answer), form_data(page, summary="It may be."))
    assert response.status_code == 302, form_errors(response)
    assert not AnswerTranslation.objects.filter(answer=answer).exists()
    page = client.get(change_url(answer))
    data = form_data(
        page,
        question="Is it a crime here?",
        **{
            "translations-0-question": "Ydy e'n drosedd?",
            "translations-0-summary": "Efallai.",
            "translations-0-body": "<p>Efallai.</p>",
        },
    )
    response = client.post(change_url(answer), data)
    assert response.status_code == 302, form_errors(response)
    answer.refresh_from_db()
    assert answer.question == "Is it a crime here?"
    welsh = AnswerTranslation.objects.get(answer=answer)
    assert (welsh.question, welsh.review) == ("Ydy e'n drosedd?", TranslationReview.AWAITING)


def test_saving_changes_both_languages_at_once(client, answer):
    login_as(client, "editor")
    page = client.get(change_url(answer))
    data = form_data(
        page,
        summary="Behaviour that happens again and again.",
        **{
            "translations-0-summary": "Ymddygiad sy'n digwydd dro ar ôl tro.",
            "translations-0-review": TranslationReview.AWAITING,
        },
    )
    response = client.post(change_url(answer), data)
    assert response.status_code == 302, form_errors(response)
    answer.refresh_from_db()
    welsh = AnswerTranslation.objects.get(answer=answer)
    assert answer.summary == "Behaviour that happens again and again."
    assert welsh.summary == "Ymddygiad sy'n digwydd dro ar ôl tro."
    assert welsh.review == TranslationReview.AWAITING


def test_errors_in_the_welsh_column_are_shown_there(client, answer):
    login_as(client, "editor")
    page = client.get(change_url(answer))
    response = client.post(change_url(answer), form_data(page, **{"translations-0-question": ""}))
    assert response.status_code == 200
    _, welsh = row_for(response, "question")
    assert "This field is required." in welsh
    assert AnswerTranslation.objects.get(answer=answer).question == "Beth yw aflonyddu?"


def test_readers_who_may_only_view_see_both_columns_read_only(client, answer):
    from django.contrib.auth.models import Permission

    user = make_user(role="public")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_answer", "view_answertranslation"])
    )
    client.force_login(user)
    page = client.get(change_url(answer))
    assert page.status_code == 200
    html = page.content.decode()
    block = html[html.index('class="module aligned side-by-side"') :]
    block = block[: block.index("</fieldset>")]
    assert '<div class="readonly">What is harassment?</div>' in block
    assert '<div class="readonly">Beth yw aflonyddu?</div>' in block
    assert block.index("What is harassment?") < block.index("Beth yw aflonyddu?")
    assert "<input" not in block and "<textarea" not in block


def test_staff_who_may_not_see_welsh_versions_get_the_plain_page(client, answer):
    client.force_login(make_user(role="moderator"))
    page = client.get(change_url(answer))
    assert page.status_code == 200
    html = page.content.decode()
    assert "What is harassment?" in html
    assert "Beth yw aflonyddu?" not in html and "side-by-side__row" not in html


@pytest.mark.parametrize("role", ["anonymous", "public"])
def test_the_change_page_is_refused_as_before(client, answer, role):
    login_as(client, role)
    response = client.get(change_url(answer))
    assert is_login_redirect(response)


def test_a_topic_name_and_description_beside_their_welsh(client):
    login_as(client, "editor")
    topic = make_topic(name="Harassment", description="When someone keeps on.")
    TopicTranslation.objects.create(topic=topic, language="cy", name="Aflonyddu")
    page = client.get(change_url(topic))
    assert page.status_code == 200
    for name in ("name", "description"):
        _, welsh = row_for(page, name)
        assert f'name="translations-0-{name}"' in welsh
    assert "Awaiting review by a Welsh speaker. Not reviewed yet." in page.content.decode()
    data = form_data(
        page,
        description="When someone keeps on at you.",
        **{"translations-0-description": "Pan fydd rhywun yn dal ati."},
    )
    response = client.post(change_url(topic), data)
    assert response.status_code == 302, form_errors(response)
    topic.refresh_from_db()
    assert topic.description == "When someone keeps on at you."
    assert TopicTranslation.objects.get(topic=topic).description == "Pan fydd rhywun yn dal ati."


def test_a_force_editor_writes_their_note_beside_its_welsh(client):
    kent = Force.objects.get(slug="kent")
    user = make_user(role="force_editor")
    ForceMembership.objects.create(user=user, force=kent)
    client.force_login(user)
    answer = make_answer(number=30, question="Who do I call?")
    note = LocalNote.objects.create(force=kent, answer=answer, body="<p>Call us.</p>")
    page = client.get(change_url(note))
    assert page.status_code == 200
    english, welsh = row_for(page, "body")
    assert "Call us." in english and 'name="translations-0-body"' in welsh
    data = form_data(
        page, body="<p>Call us today.</p>", **{"translations-0-body": "<p>Ffoniwch ni.</p>"}
    )
    response = client.post(change_url(note), data)
    assert response.status_code == 302, form_errors(response)
    note.refresh_from_db()
    assert note.body == "<p>Call us today.</p>"
    assert LocalNoteTranslation.objects.get(note=note).body == "<p>Ffoniwch ni.</p>"
    # Another force's note stays out of reach, Welsh version or not.
    sussex_note = LocalNote.objects.create(
        force=Force.objects.get(slug="sussex"), answer=answer, body="<p>Sussex.</p>"
    )
    assert client.get(change_url(sussex_note)).status_code in (302, 403, 404)


def test_adding_a_note_is_unchanged(client):
    login_as(client, "superuser")
    page = client.get(reverse("admin:forces_localnote_add"))
    assert page.status_code == 200
    assert "side-by-side__row" not in page.content.decode()  # the Welsh version comes after
    assert 'name="body"' in page.content.decode()
