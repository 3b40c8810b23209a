import pytest
from django.contrib.auth.models import Group, Permission, User
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
        # Their notes in Welsh (issue 16).
        "view_localnotetranslation",
        "add_localnotetranslation",
        "change_localnotetranslation",
        "delete_localnotetranslation",
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


# A force editor with no membership: fail closed ----------------------------------------------


@pytest.fixture
def unattached_editor(client):
    """In "Force editors", but nobody has said which force: they may edit none."""
    user = User.objects.create_user("lost-editor", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name="Force editors"))
    client.force_login(user)
    return user


def test_force_editor_without_membership_sees_no_force(client, unattached_editor, kent):
    met = Force.objects.get(slug="metropolitan")
    response = client.get(reverse("admin:forces_force_changelist"))
    assert response.status_code == 403
    assert "Metropolitan Police" not in response.content.decode()
    assert client.get(change_url(met)).status_code in (403, 404)
    response = client.post(change_url(met), force_form(met, short_name="Renamed"))
    assert response.status_code in (403, 404)
    met.refresh_from_db()
    assert met.short_name != "Renamed"


def test_force_editor_without_membership_edits_no_note(client, unattached_editor, kent):
    answer = make_answer(question="Lost property?")
    note = LocalNote.objects.create(force=kent, answer=answer, body="<p>Kent note</p>")
    assert client.get(reverse("admin:forces_localnote_changelist")).status_code == 403
    assert client.get(change_url(note)).status_code in (403, 404)
    response = client.post(change_url(note), {"answer": answer.pk, "body": "<p>Changed</p>"})
    assert response.status_code in (403, 404)
    note.refresh_from_db()
    assert note.body == "<p>Kent note</p>"
    add = reverse("admin:forces_localnote_add")
    assert client.get(add).status_code == 403
    client.post(add, {"force": kent.pk, "answer": answer.pk, "body": "<p>Sneaky</p>"})
    assert LocalNote.objects.count() == 1


def test_membership_without_the_group_still_limits(client, kent, sussex):
    """A membership alone marks a force editor too: it never widens what they reach."""
    user = User.objects.create_superuser("x", "x@example.com", "x" * 16)
    user.is_superuser = False
    user.save()
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_force", "change_force"])
    )
    ForceMembership.objects.create(user=user, force=kent)
    client.force_login(user)
    text = client.get(reverse("admin:forces_force_changelist")).content.decode()
    assert "Kent Police" in text and "Sussex Police" not in text


def test_user_page_flags_a_missing_membership(client, unattached_editor, kent):
    admin = User.objects.create_superuser("root", "root@example.com", "x" * 16)
    client.force_login(admin)
    url = reverse("admin:auth_user_change", args=[unattached_editor.pk])
    html = client.get(url).content.decode()
    assert "has no force membership" in html
    ForceMembership.objects.create(user=unattached_editor, force=kent)
    html = client.get(url).content.decode()
    assert "has no force membership" not in html
    assert "Kent Police" in html  # the membership is shown (and edited) on the user page


@pytest.mark.parametrize("object_id", ["abc", "1%00", "%00", "-1", "1.5"])
def test_malformed_ids_are_not_found_for_force_editors(client, kent_editor, object_id):
    for name in ("forces_force", "forces_localnote"):
        base = reverse(f"admin:{name}_changelist")
        for suffix in ("change/", "delete/", "history/"):
            response = client.get(f"{base}{object_id}/{suffix}")
            assert response.status_code in (302, 404), (name, object_id, suffix)


# Only what the job needs: no answer admin, drafts, previews, history ------------------------


def test_force_editors_cannot_read_answers_drafts_previews_or_history(client, kent_editor, kent):
    from faq.models import Status

    draft = make_answer(question="Secret draft about stalking", status=Status.DRAFT)
    sussex = Force.objects.get(slug="sussex")
    published = make_answer(question="Published one")
    LocalNote.objects.create(force=sussex, answer=published, body="<p>Sussex draft note</p>")
    urls = [
        reverse("admin:faq_answer_changelist"),
        reverse("admin:faq_answer_change", args=[draft.pk]),
        reverse("admin:faq_answer_history", args=[draft.pk]),
        reverse("admin:faq_answer_compare", args=[published.pk]) + "?from=1&to=2",
        reverse("faq:answer_preview", kwargs={"number": draft.number}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (403, 404), url
        text = response.content.decode()
        assert "Secret draft" not in text and "Sussex draft note" not in text


def test_force_editor_picks_a_published_answer_for_a_note(client, kent_editor, kent):
    from faq.models import Status

    published = make_answer(question="Is noise a crime?")
    draft = make_answer(question="Unpublished idea", status=Status.DRAFT)
    form = client.get(reverse("admin:forces_localnote_add")).content.decode()
    assert "Is noise a crime?" in form and "Unpublished idea" not in form
    add = reverse("admin:forces_localnote_add")
    client.post(add, {"force": kent.pk, "answer": draft.pk, "body": "<p>On a draft</p>"})
    assert not LocalNote.objects.exists()
    response = client.post(add, {"force": kent.pk, "answer": published.pk, "body": "<p>Ours</p>"})
    assert response.status_code == 302
    assert LocalNote.objects.get().force == kent


def test_staff_keep_a_forces_welsh_text_in_the_admin(client):
    """Issue 29: the Welsh name and contact text are edited with the force; the Welsh page shows
    them, the English page never does."""
    from forces.models import Force
    from tests.test_admin.helpers import form_data, login_as

    login_as(client, "superuser")
    force = Force.objects.get(slug="kent")
    url = f"/staff/forces/force/{force.pk}/change/"
    page = client.get(url)
    assert "In Welsh" in page.content.decode()
    response = client.post(
        url, form_data(page, description_cy="Mae Heddlu Caint yn plismona Caint.")
    )
    assert response.status_code == 302
    force.refresh_from_db()
    assert force.description_cy == "Mae Heddlu Caint yn plismona Caint."
    assert "Mae Heddlu Caint" in client.get("/cy/forces/kent/").content.decode()
    assert "Mae Heddlu Caint" not in client.get("/forces/kent/").content.decode()
