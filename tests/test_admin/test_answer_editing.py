"""Editing an answer: the rich-text body is cleaned, numbers are never reused, links validated."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from faq.models import Answer, RetiredNumber, Status
from forces.models import Force, LocalNote
from tests.factories import make_answer, make_topic
from tests.test_admin.helpers import add_inline_form, form_data, form_errors, login_as

pytestmark = pytest.mark.django_db


def add_page(client):
    login_as(client, "editor")
    return client.get(reverse("admin:faq_answer_add"))


def post_new_answer(client, **fields):
    values = {
        "question": "Is this a crime?",
        "summary": "It may be.",
        "body": "<p>It may be.</p>",
        "status": Status.DRAFT,
        **fields,
    }
    return client.post(reverse("admin:faq_answer_add"), form_data(add_page(client), **values))


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>Hi</p><script>alert(1)</script>", "<script"),
        ('<p><img src="x" onerror="alert(1)">Hi</p>', "onerror"),
        ('<p><a href="javascript:alert(1)">Hi</a></p>', "javascript:"),
        ('<p style="color:red" onclick="steal()">Hi</p>', "style="),
        ('<p onmouseover="steal()">Hi</p>', "onmouseover"),
        ('<iframe src="https://evil.example"></iframe><p>Hi</p>', "<iframe"),
    ],
)
def test_body_is_sanitised_whatever_the_editor_sends(client, dirty, forbidden):
    response = post_new_answer(client, body=dirty)
    assert response.status_code == 302, form_errors(response)
    body = Answer.objects.get().body
    assert forbidden not in body.lower()
    assert "Hi" in body


def test_allowed_formatting_survives(client):
    body = (
        "<h2>What to do</h2><p><strong>Call 999</strong> or <em>report</em> "
        '<a href="https://www.gov.uk/">online</a>.</p><ul><li>one</li></ul><ol><li>two</li></ol>'
    )
    response = post_new_answer(client, body=body)
    assert response.status_code == 302, form_errors(response)
    saved = Answer.objects.get().body
    for tag in ("<h2>", "<strong>", "<em>", "<ul>", "<ol>", '<a href="https://www.gov.uk/"'):
        assert tag in saved


def test_empty_body_is_refused(client):
    response = post_new_answer(client, body="<p></p>")
    assert response.status_code == 200
    assert "Write the answer." in response.content.decode()


def test_editor_is_configured_for_answers_only(client):
    page = add_page(client).content.decode()
    config = re.search(r"data-django-prose-editor-configurable=\"([^\"]+)\"", page).group(1)
    for extension in ("Heading", "Bold", "Italic", "BulletList", "OrderedList", "Link"):
        assert extension in config
    for extension in ("Image", "Table", "TextAlign", "Color", "Highlight"):
        assert extension not in config


def test_editor_loads_nothing_from_other_sites(client):
    """Every script and stylesheet on the edit page is served by the site itself."""
    page = add_page(client).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|woff2))"', page)
    assert any("django_prose_editor/" in s for s in sources)
    for source in sources:
        assert source.startswith(settings.STATIC_URL), source
        path = source.removeprefix(settings.STATIC_URL)
        assert finders.find(path), f"{path} is not shipped"
    for path in ("django_prose_editor/editor.js", "django_prose_editor/configurable.js"):
        text = open(finders.find(path), encoding="utf-8").read()
        assert not re.search(r"""(?:import|from)\s*\(?\s*["']https?://""", text)
        assert "cdn." not in text


def test_editor_import_map_is_allowed_by_the_content_security_policy(client):
    response = add_page(client)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]


def test_blank_number_takes_the_next_free_one(client):
    make_answer(number=41)
    RetiredNumber.objects.create(number=57)
    response = post_new_answer(client, number="")
    assert response.status_code == 302, form_errors(response)
    assert Answer.objects.get(question="Is this a crime?").number == 58


def test_number_in_use_is_refused_with_a_clear_message(client):
    make_answer(number=497, question="Is it harassment?")
    response = post_new_answer(client, number="497")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Q497 is already used by “Is it harassment?”" in page
    assert "Leave the number blank to take the next free one (Q498)" in page


def test_number_of_a_deleted_answer_is_refused(client):
    make_answer(number=12).delete()
    response = post_new_answer(client, number="12")
    assert response.status_code == 200
    assert "Q12 belonged to an answer that was deleted" in response.content.decode()
    assert not Answer.objects.filter(number=12).exists()


def test_chosen_free_number_is_kept(client):
    response = post_new_answer(client, number="700")
    assert response.status_code == 302, form_errors(response)
    assert Answer.objects.get().number == 700


def test_number_cannot_be_changed_once_given(client):
    answer = make_answer(number=151, status=Status.DRAFT)
    login_as(client, "editor")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    response = client.post(url, form_data(client.get(url), number="999"))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.number == 151


def test_related_links_inline_with_url_validation(client):
    answer = make_answer(status=Status.DRAFT)
    login_as(client, "editor")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    data = form_data(client.get(url))
    add_inline_form(data, "links", title="Victim Support", url="javascript:alert(1)", order="0")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert not answer.links.exists()

    data = form_data(client.get(url))
    add_inline_form(
        data, "links", title="Victim Support", url="https://www.victimsupport.org.uk/", order="0"
    )
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    assert answer.links.get().title == "Victim Support"


def test_local_note_per_force_inline(client):
    force = Force.objects.create(
        name="Testshire Constabulary", short_name="Testshire", slug="testshire", nation="england"
    )
    answer = make_answer(status=Status.DRAFT)
    login_as(client, "editor")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    data = form_data(client.get(url))
    add_inline_form(data, "local_notes", force=str(force.pk), body='<p onclick="x()">Ring 101.</p>')
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    note = LocalNote.objects.get(answer=answer, force=force)
    assert note.body == "<p>Ring 101.</p>"


def test_list_columns_search_and_filters(client):
    topic = make_topic(name="Harassment")
    make_answer(number=497, question="Is it harassment?", topics=[topic])
    make_answer(number=12, question="Someone took my bike", status=Status.DRAFT)
    login_as(client, "editor")
    url = reverse("admin:faq_answer_changelist")

    page = client.get(url).content.decode()
    for column in ("Number", "Question", "Status", "Primary topic", "Jurisdiction"):
        assert column in page
    for column in ("Last reviewed", "Review due", "Updated at"):
        assert column.lower() in page.lower()

    for term in ("Q497", "497", "harassment"):
        page = client.get(url, {"q": term}).content.decode()
        assert "Is it harassment?" in page
        assert "Someone took my bike" not in page

    page = client.get(url, {"status__exact": "draft"}).content.decode()
    assert "Someone took my bike" in page
    assert "Is it harassment?" not in page

    page = client.get(url, {"topics__id__exact": topic.pk}).content.decode()
    assert "Is it harassment?" in page
    assert "Someone took my bike" not in page

    page = client.get(url, {"jurisdiction__exact": "scotland"}).content.decode()
    assert "Is it harassment?" not in page
