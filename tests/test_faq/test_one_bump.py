"""One change, one bump, with exactly the tags of what changed (issue 26).

An answer saved in the admin with its Welsh version edited makes one bump and refreshes the
Welsh row once; a topic's description edit bumps that topic alone, not the whole tree.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from faq import tags
from faq.models import AnswerTranslation, Topic, TopicTranslation
from faq.search import welsh
from tests.factories import make_answer, make_topic, make_translation
from tests.test_admin.helpers import form_data, form_errors, login_as

pytestmark = pytest.mark.django_db


def settle(bumps):
    """Run what the setting up left for its commit (its own batch of bumps), as a commit would;
    then watch from here."""
    connection = transaction.get_connection()
    pending = list(connection.run_on_commit)
    connection.run_on_commit[:] = []
    for _, callback, _ in pending:
        callback()
    bumps.clear()


def names(*tag_list):
    return {str(tag) for tag in tag_list}


def test_an_answer_saved_with_its_welsh_edited_makes_one_bump(
    client, bumps, monkeypatch, django_capture_on_commit_callbacks
):
    theft = make_topic(name="Theft")
    other = make_topic(name="Fraud")
    linked = make_answer(number=301, topics=[other])
    answer = make_answer(number=302, topics=[theft], body="<p>See Q301.</p>")
    make_translation(answer, body="<p>Gweler Q301.</p>")
    refreshed = []
    refresh = welsh.refresh_welsh_document

    def counting(row):
        refreshed.append(row.pk)
        refresh(row)

    monkeypatch.setattr(welsh, "refresh_welsh_document", counting)
    settle(bumps)
    login_as(client, "publisher")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    data = form_data(client.get(url), **{"translations-0-body": "<p>Gweler Q301 heddiw.</p>"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    row = AnswerTranslation.objects.get(answer=answer)
    assert "heddiw" in row.body_text  # the Welsh search text follows the saved row
    assert refreshed == [row.pk]
    assert bumps == [
        names(
            tags.all_answers(),
            tags.answer(answer.number),
            tags.answer(linked.number),
            tags.topic_answers(theft.pk),
        )
    ]


def edit_topic(client, topic, **changes):
    from django.test import TestCase

    login_as(client, "editor")
    url = reverse("admin:faq_topic_change", args=[topic.pk])
    data = form_data(client.get(url), **changes)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)


def test_a_topic_description_edit_bumps_only_that_topic(client, bumps):
    crime = make_topic(name="Crime")
    theft = make_topic(name="Theft", parent=crime, description="Things taken.")
    make_topic(name="Bikes", parent=theft)
    make_topic(name="Fraud")
    settle(bumps)

    edit_topic(client, theft, description="Things taken from you.")

    assert bumps == [names(tags.topic(theft.pk))]
    assert Topic.objects.get(pk=theft.pk).description == "Things taken from you."


def test_a_topic_rename_bumps_the_tree_and_that_topic_not_every_topic(client, bumps):
    crime = make_topic(name="Crime")
    theft = make_topic(name="Theft", parent=crime)
    make_topic(name="Bikes", parent=theft)
    make_topic(name="Fraud")
    settle(bumps)

    edit_topic(client, theft, name="Theft and robbery")

    assert bumps == [names(tags.all_topics(), tags.topic(theft.pk))]


@pytest.fixture
def welsh_theft():
    crime = make_topic(name="Crime")
    theft = make_topic(name="Theft", parent=crime, description="Things taken.")
    make_topic(name="Bikes", parent=theft)
    TopicTranslation.objects.create(
        topic=theft, language="cy", name="Lladrad", description="Pethau a gymerwyd."
    )
    return theft


def test_a_welsh_topic_description_edit_bumps_only_that_topic(client, bumps, welsh_theft):
    settle(bumps)

    edit_topic(
        client, welsh_theft, **{"translations-0-description": "Pethau a gymerwyd oddi arnoch."}
    )

    assert bumps == [names(tags.topic(welsh_theft.pk))]
    assert welsh_theft.translations.get().description == "Pethau a gymerwyd oddi arnoch."


def test_a_welsh_topic_rename_bumps_the_tree_and_that_topic(client, bumps, welsh_theft):
    settle(bumps)

    edit_topic(client, welsh_theft, **{"translations-0-name": "Lladrata"})

    assert bumps == [names(tags.all_topics(), tags.topic(welsh_theft.pk))]
    assert welsh_theft.translations.get().name == "Lladrata"


def test_a_new_address_bumps_every_topic_whose_address_moved(client, bumps):
    crime = make_topic(name="Crime")
    theft = make_topic(name="Theft", parent=crime)
    bikes = make_topic(name="Bikes", parent=theft)
    make_topic(name="Fraud")
    settle(bumps)

    edit_topic(client, theft, slug="stealing")

    assert bumps == [names(tags.all_topics(), tags.topic(theft.pk), tags.topic(bikes.pk))]
    assert Topic.objects.get(pk=bikes.pk).url_path == "crime/stealing/bikes"


def test_the_home_page_shows_a_top_level_topics_new_description(client):
    crime = make_topic(name="Crime", description="Old words.")
    make_answer(topics=[crime])
    assert "Old words." in client.get("/").content.decode()

    edit_topic(client, crime, description="New words.")
    client.logout()

    assert "New words." in client.get("/").content.decode()


def test_restoring_a_revision_makes_one_bump_for_the_topics_it_leaves(
    client, bumps, django_capture_on_commit_callbacks
):
    from reversion.models import Version

    before, after = make_topic(name="Theft"), make_topic(name="Fraud")
    answer = make_answer(number=303, topics=[before], status="draft")
    login_as(client, "editor")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    moved = form_data(client.get(url), topics=[str(after.pk)], primary_topic=str(after.pk))
    assert client.post(url, moved).status_code == 302
    first = Version.objects.get_for_object(answer).order_by("pk").first()
    revision_url = reverse("admin:faq_answer_revision", args=[answer.pk, first.pk])
    page = client.get(revision_url)
    settle(bumps)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(revision_url, form_data(page))

    assert response.status_code == 302, form_errors(response)
    assert list(answer.topics.all()) == [before]
    assert bumps == [
        names(
            tags.all_answers(),
            tags.answer(303),
            tags.topic_answers(before.pk),
            tags.topic_answers(after.pk),  # it was listed there until the restore
        )
    ]
