"""A question asked in Welsh: the form in Welsh, marked Welsh in the moderation queue, the
acknowledgement email and the reply templates in Welsh."""

import html

import pytest
from django.core import mail
from django.urls import reverse

from questions.models import ReplyTemplate, Submission
from tests.test_questions.conftest import hidden

pytestmark = pytest.mark.django_db

QUESTION = "Ydy hi'n drosedd os yw fy nghymydog yn ffilmio fy ngardd o hyd?"


def text(response):
    return html.unescape(response.content.decode())


def send_in_welsh(client, **details):
    page = client.get("/cy/ask/")
    step1 = client.post("/cy/ask/", {"question": QUESTION, "started": hidden(page, "started")})
    assert step1.status_code == 200
    assert "Ychydig mwy o fanylion" in text(step1) or "Gallai'r atebion hyn helpu" in text(step1)
    data = {"draft": hidden(step1, "draft"), "send": "1", "detail": "", "name": "", "email": ""}
    data.update(details)
    return client.post("/cy/ask/details/", data, follow=True)


def test_the_question_form_is_in_welsh(client):
    page = text(client.get("/cy/ask/"))
    assert '<html lang="cy">' in page
    assert 'action="/cy/ask/"' in page
    assert "Gofyn cwestiwn" in page and "Nid ar gyfer argyfyngau na riportio trosedd" in page
    assert "Parhau" in page and "Ask a question" not in page and "Not for emergencies" not in page
    errors = text(client.post("/cy/ask/", {"question": "", "started": ""}))
    assert "Mae problem wedi codi" in errors and "Rhowch eich cwestiwn" in errors


def test_a_welsh_question_is_marked_welsh_in_the_queue(client, admin_client):
    thanks = send_in_welsh(client)
    assert thanks.status_code == 200
    assert "Cwestiwn wedi'i anfon" in text(thanks) and "Beth sy'n digwydd nesaf" in text(thanks)
    assert "Question sent" not in text(thanks) and "What happens next" not in text(thanks)
    submission = Submission.objects.get()
    assert submission.language == "cy"
    queue = admin_client.get(reverse("admin:questions_submission_changelist"), {"language": "cy"})
    assert [s.pk for s in queue.context["cl"].result_list] == [submission.pk]
    assert "Cymraeg (Welsh)" in text(queue)
    english = admin_client.get(
        reverse("admin:questions_submission_changelist"), {"language": "en-gb"}
    )
    assert list(english.context["cl"].result_list) == []


def test_the_acknowledgement_email_is_in_welsh(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_in_welsh(client, email="jo@example.com", consent="on")
    message = mail.outbox[-1]
    reference = Submission.objects.get().reference
    assert message.subject == f"Mae eich cwestiwn wedi dod i law ({reference})"
    assert f"Diolch am eich cwestiwn. Eich cyfeirnod yw {reference}." in message.body
    assert f"/cy/ask/status/{reference}/" in message.body
    assert "Thank you" not in message.body


def test_an_english_question_still_gets_english(client, django_capture_on_commit_callbacks):
    from tests.test_questions.conftest import send_question

    with django_capture_on_commit_callbacks(execute=True):
        send_question(client, email="jo@example.com", consent="on")
    assert Submission.objects.get().language == "en-gb"
    assert mail.outbox[-1].subject.startswith("We have your question")


def test_a_welsh_question_is_answered_from_the_welsh_templates(client, admin_client):
    send_in_welsh(client, email="jo@example.com", consent="on")
    item = Submission.objects.get()
    admin_client.post(reverse("admin:questions_submission_claim", args=[item.pk]), {})
    page = admin_client.get(reverse("admin:questions_submission_reply", args=[item.pk]))
    offered = set(page.context["chooser"].fields["template"].queryset)
    assert offered == set(ReplyTemplate.objects.filter(language="cy", active=True))
    assert len(offered) == 3
    welsh = next(iter(offered))
    filled = text(
        admin_client.get(
            reverse("admin:questions_submission_reply", args=[item.pk]), {"template": welsh.pk}
        )
    )
    assert f"Diolch am eich cwestiwn ({item.reference})" in filled
