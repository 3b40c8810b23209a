import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from forces.models import Force, ForceMembership, LocalNote
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def kent():
    return Force.objects.get(slug="kent")


@pytest.fixture
def sussex():
    return Force.objects.get(slug="sussex")


@pytest.fixture
def kent_editor(client, kent):
    user = User.objects.create_user("kent-editor", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name="Force editors"))
    ForceMembership.objects.create(user=user, force=kent)
    client.force_login(user)
    return user


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def force_form(force, **changes):
    data = {
        field: getattr(force, field)
        for field in (
            "short_name",
            "website",
            "non_emergency_number",
            "non_emergency_outside_area",
            "report_online_url",
            "contact_url",
            "textphone",
            "questions_email",
            "description",
        )
    }
    data["social_accounts"] = "[]"
    data.update(changes)
    return data


def test_the_group_has_the_permissions():
    codenames = set(
        Group.objects.get(name="Force editors").permissions.values_list("codename", flat=True)
    )
    assert codenames == {
        "view_force",
        "change_force",
        "view_localnote",
        "add_localnote",
        "change_localnote",
        "delete_localnote",
        "view_answer",
    }


def test_force_editor_edits_their_own_force(client, kent_editor, kent):
    response = client.post(change_url(kent), force_form(kent, non_emergency_number="01622 690690"))
    assert response.status_code == 302, response.content.decode()[:2000]
    kent.refresh_from_db()
    assert kent.non_emergency_number == "01622 690690"
    assert kent.slug == "kent"


def test_force_editor_cannot_change_identity_fields(client, kent_editor, kent):
    client.post(change_url(kent), force_form(kent, slug="hacked", name="Hacked", kind="special"))
    kent.refresh_from_db()
    assert (kent.slug, kent.name, kent.kind) == ("kent", "Kent Police", "territorial")


def test_force_editor_sees_only_their_force(client, kent_editor):
    text = client.get(reverse("admin:forces_force_changelist")).content.decode()
    assert "Kent Police" in text
    assert "Sussex Police" not in text


def test_another_forces_change_url_is_refused(client, kent_editor, sussex):
    assert client.get(change_url(sussex)).status_code == 404
    response = client.post(change_url(sussex), force_form(sussex, non_emergency_number="999999"))
    assert response.status_code == 404
    sussex.refresh_from_db()
    assert sussex.non_emergency_number == "101"


def test_local_notes_are_scoped_to_the_editors_force(client, kent_editor, kent, sussex):
    answer = make_answer(question="Lost property?")
    own = LocalNote.objects.create(force=kent, answer=answer, body="<p>Kent note</p>")
    other = LocalNote.objects.create(force=sussex, answer=answer, body="<p>Sussex note</p>")
    listing = client.get(reverse("admin:forces_localnote_changelist")).content.decode()
    assert change_url(own) in listing
    assert change_url(other) not in listing
    assert client.get(change_url(own)).status_code == 200
    assert client.get(change_url(other)).status_code == 404
    delete = reverse("admin:forces_localnote_delete", args=[other.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 404
    assert LocalNote.objects.filter(pk=other.pk).exists()


def test_force_editor_adds_a_note_only_for_their_force(client, kent_editor, kent, sussex):
    answer = make_answer(question="Noise?")
    response = client.post(
        reverse("admin:forces_localnote_add"),
        {"force": sussex.pk, "answer": answer.pk, "body": "<p>Sneaky</p>"},
    )
    # Sussex is not a choice for a Kent editor: the form refuses it.
    assert response.status_code == 200
    assert not LocalNote.objects.filter(force=sussex).exists()
    response = client.post(
        reverse("admin:forces_localnote_add"),
        {"force": kent.pk, "answer": answer.pk, "body": "<p>Ours</p>"},
    )
    assert response.status_code == 302
    assert LocalNote.objects.get(answer=answer).force == kent


def test_anonymous_users_are_sent_to_login(client, kent):
    for url in (change_url(kent), reverse("admin:forces_localnote_changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_staff_without_permission_are_refused(client, kent):
    user = User.objects.create_user("nobody", password="x" * 16, is_staff=True)
    client.force_login(user)
    assert client.get(change_url(kent)).status_code == 403


def test_superuser_sees_every_force(client, kent, sussex):
    admin = User.objects.create_superuser("root", "root@example.com", "x" * 16)
    client.force_login(admin)
    text = client.get(reverse("admin:forces_force_changelist")).content.decode()
    assert "Kent Police" in text and "Sussex Police" in text
    assert client.get(change_url(sussex)).status_code == 200
