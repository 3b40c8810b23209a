"""The topic tree in the admin: moving nodes keeps URLs right; topics with answers stay."""

import re

import pytest
from django.urls import reverse

from faq import workflow
from faq.models import Answer, Status, Topic
from tests.factories import make_answer, make_topic
from tests.test_admin.helpers import form_data, form_errors, login_as

pytestmark = pytest.mark.django_db


def test_tree_changelist_renders(client):
    root = make_topic(name="Harassment")
    make_topic(name="Online", parent=root)
    login_as(client, "editor")
    response = client.get(reverse("admin:faq_topic_changelist"))
    assert response.status_code == 200
    assert "Harassment" in response.content.decode()


def test_drag_and_drop_move_refreshes_url_paths(client):
    harassment = make_topic(name="Harassment")
    fraud = make_topic(name="Fraud")
    online = make_topic(name="Online", parent=fraud)
    make_topic(name="Cards", parent=online)
    login_as(client, "editor")
    response = client.post(
        reverse("admin:faq_topic_changelist") + "move/",
        {"node": online.pk, "target": harassment.pk, "relation": "child"},
    )
    assert response.status_code == 200
    paths = dict(Topic.objects.values_list("name", "url_path"))
    assert paths["Online"] == "harassment/online"
    assert paths["Cards"] == "harassment/online/cards"
    assert not any(Topic.objects.find_problems())
    assert client.get("/topics/harassment/online/cards/").status_code == 200


def test_reorder_siblings(client):
    first = make_topic(name="First")
    second = make_topic(name="Second")
    login_as(client, "editor")
    response = client.post(
        reverse("admin:faq_topic_changelist") + "move/",
        {"node": second.pk, "target": first.pk, "relation": "sibling"},
    )
    assert response.status_code == 200
    assert list(Topic.objects.get_root_nodes().values_list("name", flat=True)) == [
        "Second",
        "First",
    ]


def test_move_through_the_change_form_and_rename(client):
    parent = make_topic(name="Harassment")
    topic = make_topic(name="Stalking")
    login_as(client, "editor")
    url = reverse("admin:faq_topic_change", args=[topic.pk])
    data = form_data(
        client.get(url),
        slug="stalking-and-following",
        treebeard_ref_node=str(parent.pk),
        treebeard_position="first-child",
    )
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    topic.refresh_from_db()
    assert topic.url_path == "harassment/stalking-and-following"
    assert Topic.objects.get_parent(topic) == parent


def test_clashing_address_is_refused(client):
    parent = make_topic(name="Harassment")
    make_topic(name="Online", parent=parent)
    login_as(client, "editor")
    response = client.get(reverse("admin:faq_topic_add"))
    data = form_data(
        response,
        name="Online",
        slug="online",
        treebeard_ref_node=str(parent.pk),
        treebeard_position="first-child",
    )
    response = client.post(reverse("admin:faq_topic_add"), data)
    assert response.status_code == 200
    assert "already has the address" in response.content.decode()


@pytest.mark.parametrize("how", ["primary", "listed", "in_child"])
def test_topic_holding_answers_cannot_be_deleted(client, how):
    topic = make_topic(name="Harassment")
    child = make_topic(name="Online", parent=topic)
    held_in = child if how == "in_child" else topic
    answer = make_answer(question="Is it harassment?", topics=[held_in])
    if how == "listed":
        answer.primary_topic = None
        answer.save()
    login_as(client, "superuser")
    url = reverse("admin:faq_topic_delete", args=[topic.pk])
    page = client.get(url).content.decode()
    assert "still holds answers, so it cannot be deleted" in page
    assert "Is it harassment?" in page
    response = client.post(url, {"post": "yes"})
    assert "cannot be deleted" in response.content.decode()
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_bulk_delete_refused_for_topics_with_answers(client):
    topic = make_topic(name="Harassment")
    make_answer(topics=[topic])
    login_as(client, "superuser")
    response = client.post(
        reverse("admin:faq_topic_changelist"),
        {"action": "delete_selected", "_selected_action": [topic.pk], "post": "yes"},
    )
    assert "still hold answers, so they cannot be deleted" in response.content.decode()
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_empty_topic_and_its_empty_children_are_deleted(client):
    topic = make_topic(name="Old")
    make_topic(name="Older", parent=topic)
    login_as(client, "editor")
    url = reverse("admin:faq_topic_delete", args=[topic.pk])
    page = client.get(url).content.decode()
    assert "Older" in page  # the confirmation lists the child topic too
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Topic.objects.exists()


def test_topic_counts_agree_with_the_public_tree_and_count_each_answer_once(client):
    # An answer filed in two subtopics is one answer of their parent, on both sides.
    parent = make_topic(name="Crime")
    online, street = (
        make_topic(name="Online", parent=parent),
        make_topic(name="Street", parent=parent),
    )
    make_answer(number=301, question="Filed twice", topics=[online, street])
    make_answer(number=302, question="Filed once", topics=[street])
    public = client.get("/topics/").content.decode()
    assert re.search(r"Crime</a>\s*<span class=\"count\">\(2 answers\)", public)
    assert re.search(r"Street</a>\s*<span class=\"count\">\(2 answers\)", public)
    assert re.search(r"Online</a>\s*<span class=\"count\">\(1 answer\)", public)
    login_as(client, "editor")
    admin_page = client.get(reverse("admin:faq_topic_changelist")).content.decode()
    # The changelist lists the top of the tree: the parent's count is the one that differed.
    crime_row = re.search(r">Crime</a>.*?</tr>", admin_page, re.S).group(0)
    assert re.search(r'class="field-answer_count[^"]*">2<', crime_row), crime_row


def test_an_answer_filed_by_its_breadcrumb_alone_counts_where_it_is_listed(client):
    # Answer.objects.in_subtree is the one meaning of "the answers under a topic": its primary
    # topic files it too, so every count of a topic counts it where the API lists it.
    crime = make_topic(name="Crime")
    street = make_topic(name="Street", parent=crime)
    other = make_topic(name="Other")
    answer = Answer(number=303, question="Filed by its breadcrumb", summary="S.", body="<p>B.</p>")
    answer.primary_topic, answer.status = street, Status.PUBLISHED
    workflow.save_answer(answer, topics=[other])

    listed = client.get("/api/v1/answers/?topic=crime/street").json()["count"]
    tree = {t["slug"]: t for t in client.get("/api/v1/topics/").json()["topics"]}
    assert listed == 1
    assert tree["crime"]["children"][0]["total_count"] == listed
    assert tree["crime"]["total_count"] == listed
    public = client.get("/topics/").content.decode()
    assert re.search(r"Crime</a>\s*<span class=\"count\">\(1 answer\)", public)
    login_as(client, "editor")
    admin_page = client.get(reverse("admin:faq_topic_changelist")).content.decode()
    crime_row = re.search(r">Crime</a>.*?</tr>", admin_page, re.S).group(0)
    assert re.search(r'class="field-answer_count[^"]*">1<', crime_row), crime_row
