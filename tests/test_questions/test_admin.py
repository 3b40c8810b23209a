"""The moderation queue in the admin: who may do what, what it shows, and that it escapes."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from faq.models import Answer
from questions.models import Submission
from tests.factories import make_answer, make_submission, make_user

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script> Is this legal?"
QUEUE = "admin:questions_submission_changelist"


def change_url(item):
    return reverse("admin:questions_submission_change", args=[item.pk])


def test_anonymous_visitors_are_sent_to_log_in(client):
    item = make_submission()
    for url in (
        reverse(QUEUE),
        change_url(item),
        reverse("admin:questions_submission_claim", args=[item.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_staff_without_the_permission_are_refused(client, staff_without_rights):
    item = make_submission()
    client.force_login(staff_without_rights)
    assert client.get(reverse(QUEUE)).status_code == 403
    assert client.get(change_url(item)).status_code == 403
    response = client.post(reverse("admin:questions_submission_claim", args=[item.pk]))
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "new"


def test_moderators_see_the_queue_oldest_first(mod_client):
    newer = make_submission(question="The newer question here")
    older = make_submission(
        question="The older question here", created_at=timezone.now() - timedelta(days=3)
    )
    html = mod_client.get(reverse(QUEUE)).content.decode()
    assert html.index(older.reference) < html.index(newer.reference)


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("status__exact=closed", "closed one", "new one"),
        ("queue=waiting", "new one", "closed one"),
        ("age=older", "old one", "new one"),
        ("age=day", "new one", "old one"),
    ],
)
def test_queue_filters(mod_client, query, shown, hidden):
    make_submission(question="This is the new one")
    make_submission(question="This is the closed one", status="closed")
    make_submission(question="This is the old one", created_at=timezone.now() - timedelta(days=40))
    html = mod_client.get(reverse(QUEUE) + "?" + query).content.decode()
    assert shown in html and hidden not in html


def test_filters_by_force_topic_and_assignee(mod_client, moderator, force):
    from tests.factories import make_topic

    topic = make_topic(name="Harassment")
    make_submission(question="Local force question", force=force)
    make_submission(question="Topic question", topic=topic)
    make_submission(question="Mine question", assigned_to=moderator, status="in_progress")
    base = reverse(QUEUE)
    assert "Local force" in mod_client.get(f"{base}?force__id__exact={force.pk}").content.decode()
    by_topic = mod_client.get(f"{base}?topic__id__exact={topic.pk}").content.decode()
    assert "Topic question" in by_topic and "Local force" not in by_topic
    by_assignee = mod_client.get(f"{base}?assigned_to__id__exact={moderator.pk}").content.decode()
    assert "Mine question" in by_assignee and "Topic question" not in by_assignee
    mine = mod_client.get(f"{base}?queue=mine").content.decode()
    assert "Mine question" in mine and "Topic question" not in mine


def test_the_admin_index_counts_waiting_questions(mod_client):
    make_submission()
    make_submission()
    make_submission(status="closed")
    html = mod_client.get(reverse("admin:index")).content.decode()
    assert "questions waiting (2 not yet claimed)" in html


def test_what_the_public_typed_is_escaped_in_the_admin(mod_client):
    item = make_submission(question=SCRIPT, name="<b>Jo</b>", detail="<img src=x onerror=alert(1)>")
    for url in (change_url(item), reverse(QUEUE)):
        html = mod_client.get(url).content.decode()
        assert "<script>alert('x')</script>" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    html = mod_client.get(change_url(item)).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>Jo</b>" not in html and "&lt;b&gt;Jo&lt;/b&gt;" in html
    claim = mod_client.get(reverse("admin:questions_submission_claim", args=[item.pk]))
    assert "<script>alert" not in claim.content.decode()


def test_moderators_cannot_delete(mod_client):
    item = make_submission()
    assert (
        mod_client.get(reverse("admin:questions_submission_delete", args=[item.pk])).status_code
        == 403
    )
    html = mod_client.get(reverse(QUEUE)).content.decode()
    assert "delete_selected" not in html
    assert Submission.objects.filter(pk=item.pk).exists()


def test_admins_can_delete(client, admin_user):
    item = make_submission()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:questions_submission_delete", args=[item.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Submission.objects.filter(pk=item.pk).exists()


def test_the_public_form_never_deletes(client):
    from .conftest import send_question

    send_question(client)
    send_question(client)  # a duplicate collapses; it does not replace
    assert Submission.objects.count() == 1


def test_questions_cannot_be_added_or_rewritten_by_staff(mod_client):
    item = make_submission(question="What the person wrote, word for word")
    assert mod_client.get(reverse("admin:questions_submission_add")).status_code == 403
    html = mod_client.get(change_url(item)).content.decode()
    assert 'name="question"' not in html  # shown read-only


def test_audit_rows_cannot_be_edited(mod_client, moderator):
    from questions import moderation

    item = make_submission()
    moderation.claim(item, by=moderator)
    row = item.changes.last()
    response = mod_client.post(
        reverse("admin:questions_statuschange_change", args=[row.pk]), {"note": "rewritten"}
    )
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.note == ""


def test_moderators_can_view_but_not_edit_answers(mod_client, moderator):
    answer = make_answer(question="An answer moderators may read")
    assert moderator.has_perm("faq.view_answer")
    assert not moderator.has_perm("faq.change_answer")
    assert not moderator.has_perm("faq.add_answer")
    assert not moderator.has_perm("faq.delete_answer")
    assert admin.site.is_registered(Answer)
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    assert mod_client.get(url).status_code == 200
    response = mod_client.post(url, {"question": "Changed by a moderator"})
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.question == "An answer moderators may read"


def test_a_moderator_who_is_also_an_editor_can_edit_answers(moderator):
    from django.contrib.auth.models import Group

    moderator.groups.add(Group.objects.get(name="Editors"))
    moderator = type(moderator).objects.get(pk=moderator.pk)  # fresh permission cache
    assert moderator.has_perm("faq.change_answer")


def test_editors_without_the_moderator_role_cannot_see_the_queue(client):
    editor = make_user(role="editor")
    client.force_login(editor)
    assert client.get(reverse(QUEUE)).status_code == 403


def test_questions_that_read_as_a_crisis_come_first_and_say_why(mod_client):
    """Issue 22: such items were neither marked nor sorted in the queue."""
    plain = make_submission(
        question="Can my neighbour film my garden?", created_at=timezone.now() - timedelta(days=9)
    )
    burgled = make_submission(
        question="I have been burgled, what now?", created_at=timezone.now() - timedelta(days=5)
    )
    knife = make_submission(question="there is a man with a knife outside my flat")
    followed = make_submission(question="im being followed home every night")
    html = mod_client.get(reverse(QUEUE)).content.decode()
    # Danger now first (oldest first among them), then the crime just reported, then the rest.
    assert (
        html.index(knife.reference)
        < html.index(followed.reference)
        < html.index(burgled.reference)
        < html.index(plain.reference)
    )
    assert "Danger now: “with a knife”" in html
    assert "A crime just happened: “" in html
    page = mod_client.get(change_url(knife)).content.decode()
    assert "Danger now: “with a knife”" in page
    assert (
        mod_client.get(reverse(QUEUE) + "?crisis_kind__exact=danger")
        .content.decode()
        .count("Danger now: “")
        == 2
    )
