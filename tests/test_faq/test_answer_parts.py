"""The parts of an answer page kept per answer and language (faq/answer_parts.py) are never
shown stale: everything that changes what they show makes the page show the change.

Each page here is asked for by a visitor the page cache lets by (a session cookie whose staff
session is long gone), so it is built for them, from the kept parts whenever there are some.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from faq import topics, workflow
from faq.models import Answer, Status, Topic
from tests.factories import edit, make_answer, make_topic, make_translation

pytestmark = pytest.mark.django_db


def built(url):
    """The page at `url` as it is built now (never a copy from the page cache)."""
    visitor = Client()
    visitor.cookies["sessionid"] = "signed-out-long-ago"
    return visitor.get(url)


def page(url):
    response = built(url)
    assert response.status_code == 200, url
    return response.content.decode()


def xref(number, question):
    return f'class="xref">Q{number}<span class="xref__title">: {question}</span></a>'


@pytest.fixture
def linked():
    """Q20 refers to Q21 in its body: each lists the other under Related questions."""
    target = make_answer(number=21, question="What is the target?")
    source = make_answer(number=20, question="Where is the source?", body="<p>See Q21.</p>")
    return source, target


def test_parts_are_kept_and_an_edit_shows_at_once(linked):
    source, _ = linked
    url = source.get_absolute_url()
    assert "Where is the source?" in page(url)
    Answer.objects.filter(pk=source.pk).update(summary="Changed behind everything")
    assert "Changed behind everything" not in page(url)  # kept, not built again
    edit(source, summary="Edited through the workflow.")
    assert "Edited through the workflow." in page(url)


def test_a_page_built_from_kept_parts_reads_nothing_else(linked, django_assert_num_queries):
    url = linked[0].get_absolute_url()
    page(url)
    # Whether the visitor is signed in (their session): nothing about the answer. (The view
    # was counted on the first visit; a client counts once a day.)
    with django_assert_num_queries(1):
        assert "What is the target?" in page(url)


def test_a_linked_answer_renamed_unpublished_or_republished(linked):
    source, target = linked
    url = source.get_absolute_url()
    assert xref(21, "What is the target?") in page(url)
    target = edit(target, question="What is the renamed target?")
    text = page(url)
    assert xref(21, "What is the renamed target?") in text
    assert '>What is the renamed target?</a> <span class="qnum">Q21</span>' in text
    target = edit(target, status=Status.DRAFT)
    text = page(url)
    assert "<p>See Q21.</p>" in text and "renamed target" not in text
    edit(target, status=Status.PUBLISHED)
    assert xref(21, "What is the renamed target?") in page(url)


def test_a_linked_answer_given_another_number(linked):
    source, target = linked
    url = source.get_absolute_url()
    assert xref(21, "What is the target?") in page(url)
    edit(target, number=22)
    text = page(url)
    assert "<p>See Q21.</p>" in text  # nothing is Q21 now: plain text, no dead link
    assert "What is the target?" not in text


def test_an_answer_linking_here_renamed_unpublished_or_new(linked):
    source, target = linked
    url = target.get_absolute_url()
    assert "Where is the source?" in page(url)
    source = edit(source, question="Where is the renamed source?")
    assert "Where is the renamed source?" in page(url)
    edit(source, status=Status.DRAFT)
    assert "renamed source" not in page(url)
    make_answer(number=30, question="Who links here now?", body="<p>Read Q21 first.</p>")
    assert "Who links here now?" in page(url)


def test_a_topic_renamed_moved_or_made_sensitive():
    parent = make_topic(name="Crime")
    topic = make_topic(name="Harassment", parent=parent)
    answer = make_answer(number=40, question="What is harassment?", topics=[topic])
    url = answer.get_absolute_url()
    assert ">Harassment</a>" in page(url)
    topic = Topic.objects.get(pk=topic.pk)
    topic.name = "Harassment and stalking"
    topics.save_topic(topic, changed=["name"])
    assert ">Harassment and stalking</a>" in page(url)
    parent = Topic.objects.get(pk=parent.pk)
    parent.name = "Crimes against people"
    topics.save_topic(parent, changed=["name"])
    assert ">Crimes against people</a>" in page(url)
    # Every page has the quick exit now (issue 22): sensitivity shows in what may keep the page.
    assert "no-store" not in built(url).get("Cache-Control", "")
    parent.sensitive = True
    topics.save_topic(parent, changed=["sensitive"])
    response = built(url)
    assert response["Cache-Control"] == "no-store"


def test_welsh_parts_follow_their_translations(linked):
    source, target = linked
    welsh_url = "/cy" + source.get_absolute_url()
    english = page(source.get_absolute_url())
    assert 'id="answer-title" lang="en-GB">Where is the source?</h1>' in page(welsh_url)
    translation = make_translation(
        answer=source,
        question="Ble mae ffynhonnell?",
        summary="Crynodeb.",
        body="<p>Gweler Q21.</p>",
    )
    text = page(welsh_url)
    assert "Ble mae ffynhonnell?" in text and "Gweler" in text
    assert page(source.get_absolute_url()) == english  # the English parts are their own
    translation.question = "Ble mae ffynhonnell newydd?"
    workflow.save_translation(translation)
    assert "Ble mae ffynhonnell newydd?" in page(welsh_url)
    # An answer it links to, translated: its Welsh question in the link and the list.
    make_translation(
        answer=target, question="Beth yw targed?", summary="Crynodeb.", body="<p>Ateb.</p>"
    )
    assert xref(21, "Beth yw targed?") in page(welsh_url)
    workflow.delete_translation(translation)
    text = page(welsh_url)
    assert "ffynhonnell" not in text
    assert 'id="answer-title" lang="en-GB">Where is the source?</h1>' in text


def test_withdrawn_merged_and_deleted_answers_leave_their_parts_behind(linked):
    source, target = linked
    other = make_answer(number=50, question="Which one is gone?")
    for answer in (source, target, other):
        page(answer.get_absolute_url())
    edit(source, status=Status.ARCHIVED)
    assert built(source.get_absolute_url()).status_code == 410
    merged = Answer.objects.get(pk=other.pk)
    workflow.record_merge(merged, Answer.objects.get(pk=target.pk))
    workflow.save_answer(merged)
    response = built(other.get_absolute_url())
    assert response.status_code == 301 and response["Location"] == target.get_absolute_url()
    Answer.objects.get(pk=source.pk).delete()
    assert built(source.get_absolute_url()).status_code == 404


def test_an_old_address_redirects_from_kept_parts(linked):
    source, _ = linked
    page(source.get_absolute_url())
    response = built(f"/q/{source.number}/an-old-slug/")
    assert response.status_code == 301 and response["Location"] == source.get_absolute_url()


def test_parts_lost_from_the_cache_are_built_again(linked):
    source, _ = linked
    url = source.get_absolute_url()
    page(url)
    Answer.objects.filter(pk=source.pk).update(summary="Read again after the cache emptied")
    cache.clear()  # Redis restarted, evicted everything, or this is a new deploy's first page
    assert "Read again after the cache emptied" in page(url)
