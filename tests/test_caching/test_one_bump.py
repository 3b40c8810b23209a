"""One change, one bump (issue 26): every bump a transaction makes (the answer, its Welsh
version, its topics) is collected and sent once when it commits, as one set of queue rows."""

import pytest
from django.db import transaction
from django.urls import reverse

from caching import purge, queue
from caching.bump import bump
from caching.models import Invalidation
from faq import tags
from faq.models import TranslationReview
from tests.factories import make_answer, make_topic, make_translation
from tests.test_admin.helpers import form_data, form_errors, login_as

pytestmark = pytest.mark.django_db

VARNISH = "http://varnish.invalid/"


@pytest.fixture
def deliveries(settings, monkeypatch):
    """Each (cache, tags) the queue delivers, in order; our page cache and one shared cache."""
    settings.HTTP_CACHE_PURGE_URLS = [VARNISH]
    sent = []
    monkeypatch.setattr(purge, "deliver", lambda target, tags_: sent.append((target, set(tags_))))
    return sent


@pytest.fixture
def answer(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # its own bumps sent and done with
        topic = make_topic(name="Harassment")
        answer = make_answer(number=497, question="What is harassment?", topics=[topic])
        make_translation(answer, review=TranslationReview.REVIEWED)
    return answer


def test_one_admin_save_with_its_welsh_edited_is_one_bump_of_what_changed(
    client, answer, deliveries, django_capture_on_commit_callbacks
):
    login_as(client, "publisher")
    url = reverse("admin:faq_answer_change", args=[answer.pk])
    data = form_data(
        client.get(url),
        summary="Behaviour that happens again and again.",
        **{"translations-0-summary": "Ymddygiad sy'n digwydd dro ar ôl tro."},
    )
    deliveries.clear()
    rows_before = Invalidation.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)

    topic = answer.primary_topic_id or answer.topics.get().pk
    # Search result pages carry the "answers" tag too, so they go with it; nothing else changed.
    changed = {"answers", "answer:497", f"topic-answers:{topic}"}
    assert deliveries == [(queue.PAGE_CACHE, changed), (VARNISH, changed)]
    assert Invalidation.objects.count() - rows_before == 2  # one row per cache


def test_bumps_in_one_transaction_are_sent_once_when_it_commits(
    deliveries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            bump(tags.answer(1))
            with transaction.atomic():  # a nested step of the same change
                bump(tags.answer(2), tags.answer(1))
            assert deliveries == []  # nothing before the commit
    assert deliveries == [
        (queue.PAGE_CACHE, {"answer:1", "answer:2"}),
        (VARNISH, {"answer:1", "answer:2"}),
    ]


def test_a_transaction_rolled_back_sends_nothing_and_the_next_sends_only_its_own(
    deliveries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            bump(tags.answer(3))
            raise RuntimeError("the change failed")
        assert deliveries == []
        with transaction.atomic():
            bump(tags.answer(4))
    assert deliveries == [(queue.PAGE_CACHE, {"answer:4"}), (VARNISH, {"answer:4"})]
