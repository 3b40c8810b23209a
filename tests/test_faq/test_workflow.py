"""Publishing rules, broken references and merging, through the admin and on the public site."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from faq import workflow
from faq.models import Answer, Status
from tests.factories import make_answer, make_user
from tests.test_admin.helpers import form_data, form_errors, login_as

pytestmark = pytest.mark.django_db


def change(client, answer, **fields):
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    return client.post(url, form_data(client.get(url), **fields))


def test_publishing_refused_while_references_are_broken(client):
    make_answer(number=10, status=Status.DRAFT)
    answer = make_answer(body="<p>See Q10 and Q999 and Q5.</p>", status=Status.IN_REVIEW)
    make_answer(number=5, status=Status.PUBLISHED)
    login_as(client, "publisher")
    response = change(client, answer, status=Status.PUBLISHED)
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be published while it refers to answers that do not exist" in page
    assert "Q10, Q999" in page
    assert "Q5" not in page.split("not published:")[1].split(".")[0]
    answer.refresh_from_db()
    assert answer.status == Status.IN_REVIEW


def test_publishing_allowed_once_references_are_published(client):
    target = make_answer(number=10, status=Status.DRAFT)
    answer = make_answer(body="<p>See Q10.</p>", status=Status.IN_REVIEW)
    target.status = Status.PUBLISHED
    workflow.save_answer(target)
    login_as(client, "publisher")
    response = change(client, answer, status=Status.PUBLISHED)
    assert response.status_code == 302, form_errors(response)
    answer.refresh_from_db()
    assert answer.status == Status.PUBLISHED
    assert answer.published_at is not None


def test_published_answer_cannot_be_saved_with_a_new_broken_reference(client):
    answer = make_answer(status=Status.PUBLISHED)
    login_as(client, "publisher")
    response = change(client, answer, body="<p>See Q4040.</p>")
    assert response.status_code == 200
    assert "Q4040" in response.content.decode()
    answer.refresh_from_db()
    assert "Q4040" not in answer.body


def test_draft_may_hold_broken_references_with_a_warning(client):
    answer = make_answer(status=Status.DRAFT)
    login_as(client, "editor")
    response = change(client, answer, body="<p>See Q4040.</p>")
    assert response.status_code == 302, form_errors(response)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Q4040" in m and "cannot be published until" in m for m in messages)
    page = client.get(reverse("admin:faq_answer_change", args=[answer.pk])).content.decode()
    assert "Refers to answers that do not exist or are not published: Q4040" in page


def test_publish_action_reports_broken_references(client):
    answer = make_answer(body="<p>See Q4040.</p>", status=Status.IN_REVIEW)
    fine = make_answer(status=Status.IN_REVIEW)
    login_as(client, "publisher")
    response = client.post(
        reverse("admin:faq_answer_changelist"),
        {"action": "publish_selected", "_selected_action": [answer.pk, fine.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 published." in page
    assert f"Q{answer.number}:" in page and "Q4040" in page
    answer.refresh_from_db()
    fine.refresh_from_db()
    assert answer.status == Status.IN_REVIEW
    assert fine.status == Status.PUBLISHED


def test_broken_references_filter(client):
    broken = make_answer(question="Broken one", body="<p>See Q4040.</p>")
    make_answer(question="Fine one")
    login_as(client, "editor")
    page = client.get(
        reverse("admin:faq_answer_changelist"), {"references": "broken"}
    ).content.decode()
    assert broken.question in page
    assert "Fine one" not in page


def test_workflow_functions_refuse_editors():
    editor = make_user(role="editor")
    answer = make_answer(status=Status.IN_REVIEW)
    with pytest.raises(workflow.PermissionDenied):
        workflow.publish(answer, by=editor)
    assert workflow.can_publish(editor) is False


# Merging -----------------------------------------------------------------------------------


def merge_in_admin(client, old, new):
    login_as(client, "publisher")
    return change(client, old, replaced_by=str(new.pk))


def test_merged_number_redirects_permanently_to_the_other_answer(client):
    old = make_answer(number=151, question="Old question")
    new = make_answer(number=497, question="New question")
    response = merge_in_admin(client, old, new)
    assert response.status_code == 302, form_errors(response)
    old.refresh_from_db()
    assert old.status == Status.ARCHIVED and old.replaced_by == new
    client.logout()

    for url in ("/q/151/", f"/q/151/{old.slug}/", "/q151", "/Q151/", "/q/151/any-old-slug/"):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == new.get_absolute_url(), url


def test_merge_chain_redirects_to_the_last_answer(client):
    first = make_answer(number=1)
    second = make_answer(number=2)
    third = make_answer(number=3)
    publisher = make_user(role="publisher")
    workflow.merge(first, second, by=publisher)
    workflow.merge(second, third, by=publisher)
    response = client.get("/q/1/")
    assert response.status_code == 301
    assert response["Location"] == third.get_absolute_url()


def test_archived_and_replaced_redirects_not_gone(client):
    old = make_answer(number=20)
    new = make_answer(number=21)
    Answer.objects.filter(pk=old.pk).update(status=Status.ARCHIVED, replaced_by=new)
    response = client.get(f"/q/20/{old.slug}/")
    assert response.status_code == 301
    assert response["Location"] == new.get_absolute_url()


def test_archived_without_replacement_is_gone(client):
    old = make_answer(number=22, status=Status.ARCHIVED)
    assert client.get(f"/q/22/{old.slug}/").status_code == 410


@pytest.mark.parametrize("target_status", [Status.DRAFT, Status.ARCHIVED])
def test_merge_into_an_unpublished_answer_is_refused(client, target_status):
    old = make_answer()
    new = make_answer(status=target_status)
    response = merge_in_admin(client, old, new)
    assert response.status_code == 200
    assert "merge only into a published answer" in response.content.decode()


def test_merge_loop_is_refused(client):
    a = make_answer()
    b = make_answer()
    publisher = make_user(role="publisher")
    workflow.merge(a, b, by=publisher)
    b.refresh_from_db()
    with pytest.raises(workflow.WorkflowError, match="loop"):
        workflow.merge(b, Answer.objects.get(pk=a.pk), by=publisher)
