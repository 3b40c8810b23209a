"""Every save is a revision: who and when, a readable difference, and restoring an old one."""

import pytest
from django.urls import reverse
from reversion.models import Version

from faq.models import RelatedLink, Status
from tests.factories import make_answer, make_topic
from tests.test_admin.helpers import add_inline_form, form_data, form_errors, login_as

pytestmark = pytest.mark.django_db


def save(client, answer, **fields):
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    data = form_data(client.get(url), **fields)
    return client.post(url, data)


def versions(answer):
    return list(Version.objects.get_for_object(answer).order_by("pk"))


def test_each_save_is_a_revision_with_links_and_notes(client):
    answer = make_answer(status=Status.DRAFT)
    user = login_as(client, "editor")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    data = form_data(client.get(url), body="<p>Version one.</p>")
    add_inline_form(
        data, "links", title="Citizens Advice", url="https://www.citizensadvice.org.uk/", order="0"
    )
    assert client.post(url, data).status_code == 302
    save(client, answer, body="<p>Version two.</p>")

    saved = versions(answer)
    assert len(saved) == 2
    assert saved[0].revision.user == user
    assert saved[0].field_dict["body"] == "<p>Version one.</p>"
    link_versions = saved[0].revision.version_set.filter(object_repr="Citizens Advice")
    assert link_versions.count() == 1


def test_history_page_shows_who_and_when_and_links_to_changes(client):
    answer = make_answer(status=Status.DRAFT)
    user = login_as(client, "editor")
    save(client, answer, body="<p>One.</p>")
    save(client, answer, body="<p>Two.</p>")
    page = client.get(reverse("admin:faq_answer_history", args=[answer.pk])).content.decode()
    assert user.get_username() in page
    assert page.count(">Changes</a>") == 1
    assert "First version" in page
    assert "Changed Body." in page


def test_compare_view_shows_a_readable_escaped_difference(client):
    old_topic = make_topic(name="Old topic")
    new_topic = make_topic(name="New topic")
    answer = make_answer(status=Status.DRAFT, topics=[old_topic])
    login_as(client, "editor")
    save(client, answer, body="<p>Keep this.</p><p>Call 101 &lt;script&gt; now.</p>")
    save(
        client,
        answer,
        body="<p>Keep this.</p><p>Call 999 now.</p>",
        topics=[str(new_topic.pk)],
        primary_topic=str(new_topic.pk),
        question="A better question?",
    )
    older, newer = versions(answer)
    history = client.get(reverse("admin:faq_answer_history", args=[answer.pk])).content.decode()
    compare_url = reverse("admin:faq_answer_compare", args=[answer.pk])
    assert f"{compare_url}?from={older.pk}&amp;to={newer.pk}" in history

    response = client.get(compare_url, {"from": older.pk, "to": newer.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        '<li class="removed">&lt;p&gt;Call 101 &amp;lt;script&amp;gt; now.&lt;/p&gt;</li>' in page
    )
    assert '<li class="added">&lt;p&gt;Call 999 now.&lt;/p&gt;</li>' in page
    assert '<li class="added">New topic</li>' in page
    assert '<li class="removed">Old topic</li>' in page
    assert '<li class="added">A better question?</li>' in page
    assert "<script>" not in page.split('id="content-main"')[1]


def test_compare_view_refuses_versions_of_another_answer(client):
    answer = make_answer(status=Status.DRAFT)
    other = make_answer(status=Status.DRAFT)
    login_as(client, "editor")
    save(client, answer, body="<p>A.</p>")
    save(client, other, body="<p>B.</p>")
    url = reverse("admin:faq_answer_compare", args=[answer.pk])
    response = client.get(url, {"from": versions(answer)[0].pk, "to": versions(other)[0].pk})
    assert response.status_code == 404


def test_restore_an_earlier_revision_with_its_links(client):
    answer = make_answer(status=Status.DRAFT)
    login_as(client, "editor")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    data = form_data(client.get(url), body="<p>Good text.</p>")
    add_inline_form(data, "links", title="Gov.uk", url="https://www.gov.uk/", order="0")
    client.post(url, data)
    data = form_data(client.get(url), body="<p>Mistake.</p>")
    data["links-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    assert not RelatedLink.objects.filter(answer=answer).exists()
    answer.refresh_from_db()
    answer.view_count = 40
    answer.save()

    good = versions(answer)[0]
    revision_url = reverse("admin:faq_answer_revision", args=[answer.pk, good.pk])
    page = client.get(revision_url)
    assert page.status_code == 200
    answer.refresh_from_db()
    assert answer.body == "<p>Mistake.</p>"  # looking at a revision changes nothing
    response = client.post(revision_url, form_data(page))
    assert response.status_code == 302, form_errors(response)

    answer.refresh_from_db()
    assert answer.body == "<p>Good text.</p>"
    assert list(answer.links.values_list("title", flat=True)) == ["Gov.uk"]
    assert answer.view_count == 40
    assert "Reverted to previous version" in versions(answer)[-1].revision.get_comment()


def test_restore_cannot_unpublish_for_an_editor(client):
    """An old draft revision of a now-published answer: restoring it would take the answer off
    the site, which only publishers may do."""
    answer = make_answer(status=Status.DRAFT, body="<p>Draft.</p>")
    login_as(client, "publisher")
    save(client, answer, body="<p>Draft text.</p>")
    save(client, answer, status=Status.PUBLISHED)
    client.logout()

    login_as(client, "superuser")
    draft = versions(answer)[0]
    revision_url = reverse("admin:faq_answer_revision", args=[answer.pk, draft.pk])
    data = form_data(client.get(revision_url))
    client.logout()
    login_as(client, "editor")
    response = client.post(revision_url, data)
    assert response.status_code == 403  # a published answer is read-only to editors
    answer.refresh_from_db()
    assert answer.status == Status.PUBLISHED


# Recovering a deleted answer ----------------------------------------------------------------


def deleted_answer(number=151):
    """A published answer with a revision, deleted by a superuser: its number is retired."""
    import reversion

    from faq.models import Answer, RetiredNumber

    with reversion.create_revision():
        answer = make_answer(number=number, question="Recovered question?")
    answer.delete()
    assert RetiredNumber.objects.filter(number=number).exists()
    assert not Answer.objects.filter(number=number).exists()
    return Version.objects.get_deleted(Answer).get()


@pytest.mark.parametrize("role", ["editor", "publisher", "moderator", "force_editor"])
def test_only_superusers_recover_deleted_answers(client, role):
    from faq.models import Answer

    version = deleted_answer()
    login_as(client, "superuser")
    recover_url = reverse("admin:faq_answer_recover", args=[version.pk])
    data = form_data(client.get(recover_url))
    client.logout()
    login_as(client, role)
    assert client.get(reverse("admin:faq_answer_recoverlist")).status_code == 403
    assert client.get(recover_url).status_code == 403
    assert client.post(recover_url, data).status_code == 403
    assert not Answer.objects.filter(number=151).exists()


def test_a_recovered_answer_comes_back_as_a_draft_and_leaves_the_retired_list(client):
    from faq.models import Answer, RetiredNumber

    version = deleted_answer()
    login_as(client, "superuser")
    recover_url = reverse("admin:faq_answer_recover", args=[version.pk])
    data = form_data(client.get(recover_url), status=Status.PUBLISHED)  # a forged status too
    response = client.post(recover_url, data)
    assert response.status_code == 302, form_errors(response)
    answer = Answer.objects.get(number=151)
    assert answer.status == Status.DRAFT
    assert not RetiredNumber.objects.filter(number=151).exists()
    client.logout()
    assert client.get("/q/151/").status_code == 404  # not on the site until published


def test_recovery_is_refused_when_the_number_is_taken(client):
    from faq.models import Answer

    version = deleted_answer()
    Answer.objects.filter(pk=make_answer(question="Other").pk).update(number=151)
    login_as(client, "superuser")
    recover_url = reverse("admin:faq_answer_recover", args=[version.pk])
    response = client.post(recover_url, {})
    assert response.status_code == 302
    assert Answer.objects.filter(number=151).count() == 1
    assert Answer.objects.get(number=151).question == "Other"
