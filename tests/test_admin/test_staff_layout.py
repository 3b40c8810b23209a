"""The staff admin as staff meet it: branded, the question queue first, counts that agree with
the public site, note headings that read right."""

import re

import pytest
from django.urls import reverse

from faq.models import Status
from tests.factories import make_answer, make_submission, make_topic
from tests.test_admin.helpers import login_as

pytestmark = pytest.mark.django_db


def test_admin_is_branded_with_the_site_name(client, settings):
    settings.SITE_NAME = "Kent Advice"
    login_as(client, "superuser")
    html = client.get(reverse("admin:index")).content.decode()
    assert "<title>What needs doing | Kent Advice — staff</title>" in html
    assert "Kent Advice — staff</a>" in html
    assert "Django administration" not in html


def test_question_queue_first_and_login_lockouts_last(client):
    login_as(client, "superuser")
    apps = client.get(reverse("admin:index")).context["app_list"]
    labels = [app["app_label"] for app in apps]
    assert labels[0] == "questions"
    assert labels[-1] == "axes"


def test_topic_counts_include_subtopics_as_on_the_public_site(client):
    parent = make_topic(name="Harassment and stalking")
    child = make_topic(name="Stalking", parent=parent)
    make_answer(question="What is stalking?", topics=[child])
    make_answer(question="What is harassment?", topics=[parent, child])
    make_answer(question="A draft", topics=[child], status=Status.DRAFT)
    login_as(client, "editor")
    url = reverse("admin:faq_topic_changelist")
    counts = {}
    for shown in (client.get(url), client.get(url, {"q": "Stalking"})):
        column = shown.context["cl"].model_admin.answer_count  # the count staff see
        counts.update({topic.name: column(topic) for topic in shown.context["cl"].result_list})
    assert counts == {"Harassment and stalking": 2, "Stalking": 2}


def test_answer_list_columns_wrap_to_fit_the_window(client):
    login_as(client, "editor")
    html = client.get(reverse("admin:faq_answer_changelist")).content.decode()
    assert 'href="/static/css/admin.css"' in html


def test_question_and_summary_inputs_are_wide(client):
    answer = make_answer(question="Can my neighbour's CCTV camera point at my garden?")
    login_as(client, "superuser")
    html = client.get(reverse("admin:faq_answer_change", args=[answer.pk])).content.decode()
    assert 'class="vLargeTextField" size="80"' in html
    assert '<textarea name="summary" cols="40" rows="3" class="vLargeTextField"' in html


def test_submission_notes_heading_and_no_time_on_the_blank_row(client):
    submission = make_submission(question="Is it legal for my neighbour to film my garden?")
    login_as(client, "superuser")
    response = client.get(reverse("admin:questions_submission_change", args=[submission.pk]))
    html = response.content.decode()
    assert re.search(
        r'<h2 id="notes-heading"[^>]*>\s*Internal notes \(never shown to the person\)\s*</h2>', html
    )
    assert "person)s" not in html
    notes = next(
        f
        for f in response.context["inline_admin_formsets"]
        if f.opts.verbose_name == "internal note"
    )
    blank = list(notes)[-1]
    assert notes.opts.written(blank.form.instance) == ""
