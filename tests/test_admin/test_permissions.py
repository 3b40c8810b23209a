"""Every role against every staff action: what is allowed and what is refused.

Roles: anonymous visitor, a logged-in member of the public (not staff), staff with no
permissions, Moderators, Force editors, Editors, Publishers and a superuser.
"""

import pytest
from django.urls import reverse

from faq.models import Answer, Status, Topic
from tests.factories import make_answer, make_topic
from tests.test_admin.helpers import form_data, form_errors, is_login_redirect, login_as

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "public",
    "staff",
    "moderator",
    "force_editor",
    "editor",
    "publisher",
    "superuser",
]
WRITERS = {"editor", "publisher", "superuser"}
PUBLISHERS = {"publisher", "superuser"}
READERS = WRITERS | {"moderator"}


def expect_refused(response, role):
    """Outsiders are sent to the login page; staff without the right get 403."""
    if role in ("anonymous", "public"):
        assert is_login_redirect(response), response.status_code
    else:
        assert response.status_code == 403


def change_page_as_superuser(client, answer):
    """The form as someone allowed to see it: the data a refused user would have to forge."""
    login_as(client, "superuser")
    response = client.get(reverse("admin:faq_answer_change", args=[answer.pk]))
    client.logout()
    return response


@pytest.mark.parametrize("role", ROLES)
def test_answer_list(client, role):
    make_answer(question="Is it harassment?")
    login_as(client, role)
    response = client.get(reverse("admin:faq_answer_changelist"))
    if role in READERS:
        assert response.status_code == 200
        assert "Is it harassment?" in response.content.decode()
    elif role == "force_editor":
        assert response.status_code in (200, 403)  # the forces app decides what they may view
    else:
        expect_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_add_answer(client, role):
    topic = make_topic()
    login_as(client, role)
    response = client.get(reverse("admin:faq_answer_add"))
    if role not in WRITERS:
        expect_refused(response, role)
        return
    assert response.status_code == 200
    data = form_data(
        response,
        question="Can I record my neighbour?",
        summary="Usually, yes.",
        body="<p>Usually, yes.</p>",
        primary_topic=str(topic.pk),
        status=Status.DRAFT,
    )
    response = client.post(reverse("admin:faq_answer_add"), data)
    assert response.status_code == 302, form_errors(response)
    assert Answer.objects.filter(question="Can I record my neighbour?").exists()


@pytest.mark.parametrize("role", ROLES)
def test_edit_answer(client, role):
    answer = make_answer(body="<p>Old text.</p>", status=Status.DRAFT)
    data = form_data(change_page_as_superuser(client, answer), body="<p>New text.</p>")
    login_as(client, role)
    response = client.post(reverse("admin:faq_answer_change", args=[answer.pk]), data)
    answer.refresh_from_db()
    if role in WRITERS:
        assert response.status_code == 302
        assert answer.body == "<p>New text.</p>"
    else:
        expect_refused(response, role)
        assert answer.body == "<p>Old text.</p>"


@pytest.mark.parametrize("role", ROLES)
def test_edit_published_answer_needs_the_publish_permission(client, role):
    """A published answer is live: changing it is publishing (docs/staff.md)."""
    answer = make_answer(body="<p>Old text.</p>", status=Status.PUBLISHED)
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    data = form_data(change_page_as_superuser(client, answer), body="<p>New text.</p>")
    login_as(client, role)
    if role == "editor":
        page = client.get(url)
        assert page.status_code == 200  # they may read it: the page has no form to save
        assert 'name="_save"' not in page.content.decode()
    response = client.post(url, data)
    answer.refresh_from_db()
    if role in PUBLISHERS:
        assert response.status_code == 302
        assert answer.body == "<p>New text.</p>"
    else:
        expect_refused(response, role)
        assert answer.body == "<p>Old text.</p>"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.IN_REVIEW, Status.PUBLISHED),
        (Status.PUBLISHED, Status.ARCHIVED),
        (Status.PUBLISHED, Status.DRAFT),
        (Status.ARCHIVED, Status.PUBLISHED),
    ],
)
def test_publish_and_archive_through_the_form(client, role, start, target):
    answer = make_answer(status=start)
    data = form_data(change_page_as_superuser(client, answer), status=target)
    login_as(client, role)
    response = client.post(reverse("admin:faq_answer_change", args=[answer.pk]), data)
    answer.refresh_from_db()
    if role in PUBLISHERS:
        assert response.status_code == 302
        assert answer.status == target
    elif role == "editor" and start != Status.PUBLISHED:
        assert response.status_code == 200
        assert "Only publishers can publish, archive" in response.content.decode()
        assert answer.status == start
    else:  # a published answer is read-only to editors
        expect_refused(response, role)
        assert answer.status == start


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_editors_move_between_draft_and_review(client, role):
    answer = make_answer(status=Status.DRAFT)
    data = form_data(change_page_as_superuser(client, answer), status=Status.IN_REVIEW)
    login_as(client, role)
    response = client.post(reverse("admin:faq_answer_change", args=[answer.pk]), data)
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == Status.IN_REVIEW


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["publish_selected", "archive_selected"])
def test_publish_and_archive_actions(client, role, action):
    start = Status.IN_REVIEW if action == "publish_selected" else Status.PUBLISHED
    answer = make_answer(status=start)
    login_as(client, role)
    response = client.post(
        reverse("admin:faq_answer_changelist"),
        {"action": action, "_selected_action": [answer.pk]},
    )
    answer.refresh_from_db()
    if role in PUBLISHERS:
        assert response.status_code == 302
        assert answer.status != start
    else:
        assert answer.status == start
        if role in READERS:
            # The action is not offered to them: Django answers "no action selected".
            assert response.status_code in (200, 302)
        elif role != "force_editor":
            expect_refused(response, role)


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_publish_action_not_offered_without_permission(client, role):
    make_answer()
    login_as(client, role)
    page = client.get(reverse("admin:faq_answer_changelist")).content.decode()
    assert "Publish selected answers" not in page
    assert "Archive selected answers" not in page


def test_publish_action_offered_to_publishers(client):
    make_answer()
    login_as(client, "publisher")
    page = client.get(reverse("admin:faq_answer_changelist")).content.decode()
    assert "Publish selected answers" in page
    assert "Archive selected answers" in page


@pytest.mark.parametrize("role", ROLES)
def test_merge(client, role):
    old = make_answer(status=Status.PUBLISHED)
    new = make_answer(status=Status.PUBLISHED)
    data = form_data(change_page_as_superuser(client, old), replaced_by=str(new.pk))
    login_as(client, role)
    response = client.post(reverse("admin:faq_answer_change", args=[old.pk]), data)
    old.refresh_from_db()
    if role in PUBLISHERS:
        assert response.status_code == 302
        assert old.replaced_by == new
        assert old.status == Status.ARCHIVED
    elif role == "editor":  # a published answer is read-only to editors
        assert response.status_code == 403
        assert old.replaced_by is None
    else:
        expect_refused(response, role)
        assert old.replaced_by is None


@pytest.mark.parametrize("role", ROLES)
def test_mark_reviewed(client, role):
    answer = make_answer(status=Status.DRAFT)
    data = form_data(change_page_as_superuser(client, answer), mark_reviewed=True)
    login_as(client, role)
    response = client.post(reverse("admin:faq_answer_change", args=[answer.pk]), data)
    answer.refresh_from_db()
    if role in WRITERS:
        assert response.status_code == 302
        assert answer.last_reviewed is not None
    else:
        expect_refused(response, role)
        assert answer.last_reviewed is None


@pytest.mark.parametrize("role", ROLES)
def test_history_and_restore(client, role):
    answer = make_answer(body="<p>First.</p>", status=Status.DRAFT)
    login_as(client, "superuser")
    change_url = reverse("admin:faq_answer_change", args=[answer.pk])
    client.post(change_url, form_data(client.get(change_url), body="<p>Second.</p>"))
    client.post(change_url, form_data(client.get(change_url), body="<p>Third.</p>"))
    versions = list(answer_versions(answer))
    revision_url = reverse("admin:faq_answer_revision", args=[answer.pk, versions[0].pk])
    restore_data = form_data(client.get(revision_url))
    client.logout()

    login_as(client, role)
    history = client.get(reverse("admin:faq_answer_history", args=[answer.pk]))
    response = client.post(revision_url, restore_data)
    answer.refresh_from_db()
    if role in READERS:
        assert history.status_code == 200
    elif role != "force_editor":
        expect_refused(history, role)
    if role in WRITERS:
        assert response.status_code == 302
        assert answer.body == "<p>Second.</p>"
    else:
        assert response.status_code in (302, 403)
        assert not response.status_code == 302 or is_login_redirect(response)
        assert answer.body == "<p>Third.</p>"


def answer_versions(answer):
    from reversion.models import Version

    return Version.objects.get_for_object(answer).order_by("pk")


@pytest.mark.parametrize("role", ROLES)
def test_preview(client, role):
    answer = make_answer(question="Draft about stalking", status=Status.DRAFT)
    login_as(client, role)
    response = client.get(reverse("faq:answer_preview", kwargs={"number": answer.number}))
    if role == "anonymous":
        assert is_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        assert "Draft about stalking" in response.content.decode()
    elif role == "force_editor":
        assert response.status_code in (200, 404)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_add_topic(client, role):
    login_as(client, role)
    response = client.get(reverse("admin:faq_topic_add"))
    if role not in WRITERS:
        expect_refused(response, role)
        return
    data = form_data(
        response, name="Online crime", slug="online-crime", treebeard_position="first-child"
    )
    assert client.post(reverse("admin:faq_topic_add"), data).status_code == 302
    assert Topic.objects.get(slug="online-crime").url_path == "online-crime"


@pytest.mark.parametrize("role", ROLES)
def test_move_topic(client, role):
    parent = make_topic(name="Harassment")
    other = make_topic(name="Fraud")
    login_as(client, role)
    response = client.post(
        reverse("admin:faq_topic_changelist") + "move/",
        {"node": other.pk, "target": parent.pk, "relation": "child"},
    )
    other.refresh_from_db()
    if role in WRITERS:
        assert response.status_code == 200
        assert other.url_path == "harassment/fraud"
    else:
        if role != "force_editor":
            expect_refused(response, role)
        assert other.url_path == "fraud"


@pytest.mark.parametrize("role", ROLES)
def test_delete_empty_topic(client, role):
    topic = make_topic(name="Empty")
    login_as(client, role)
    response = client.post(reverse("admin:faq_topic_delete", args=[topic.pk]), {"post": "yes"})
    if role in WRITERS:
        assert response.status_code == 302
        assert not Topic.objects.filter(pk=topic.pk).exists()
    else:
        expect_refused(response, role)
        assert Topic.objects.filter(pk=topic.pk).exists()


@pytest.mark.parametrize(
    "role", ["editor", "publisher", "superuser", "moderator", "force_editor", "staff"]
)
def test_local_notes_inline_only_for_answer_editors(client, role):
    """Force editors keep to their own force's notes in the forces admin: the answer page never
    shows them every force's notes."""
    answer = make_answer()
    login_as(client, role)
    response = client.get(reverse("admin:faq_answer_change", args=[answer.pk]))
    if role in WRITERS:
        assert "local_notes-TOTAL_FORMS" in response.content.decode()
    elif role == "staff":
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 403)
        assert "local_notes-TOTAL_FORMS" not in response.content.decode()


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_nobody_but_superusers_deletes_answers(client, role):
    answer = make_answer()
    login_as(client, role)
    response = client.post(reverse("admin:faq_answer_delete", args=[answer.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Answer.objects.filter(pk=answer.pk).exists()
