"""The content report: the command and the admin page read the same figures."""

import pytest
from django.core.management import call_command

from faq import workflow
from faq.models import Answer
from tests.factories import make_answer, make_topic, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    roads = make_topic(name="Roads")
    speeding = make_topic(name="Speeding", parent=roads)
    stalking = make_topic(name="Stalking")
    ew = make_answer(
        number=151,
        question="What is stalking?",
        body="<p>In Scotland, see Q158.</p>",
        topics=[stalking],
        links=[("Police.uk", "https://www.police.uk/")],
    )
    scotland = make_answer(
        number=158, question="Stalking in Scotland?", jurisdiction="scotland", topics=[stalking]
    )
    lonely = make_answer(number=920, question="Caught speeding?", topics=[speeding])
    uk = make_answer(number=111, question="999 or 101?", jurisdiction="uk", topics=[roads])
    Answer.objects.filter(pk=lonely.pk).update(review_due="2020-01-01")
    return {"ew": ew, "scotland": scotland, "lonely": lonely, "uk": uk}


def _report(capsys):
    call_command("content_report")
    return capsys.readouterr().out


def test_counts_per_topic_include_subtopics_and_per_jurisdiction(capsys, content):
    out = _report(capsys)
    assert "Published answers: 4" in out
    assert "  Roads: 2" in out  # its own answer and the one in Speeding
    assert "    Speeding: 1" in out
    assert "  England and Wales: 2" in out and "  Scotland: 1" in out and "  UK-wide: 1" in out


def test_answers_without_a_linked_counterpart_for_another_nation(capsys, content):
    out = _report(capsys).split("No counterpart linked", 1)[1].split("Due for review", 1)[0]
    assert "Q151 What is stalking?: no Northern Ireland answer linked" in out  # Scotland linked
    assert "Q920 Caught speeding?: no Scotland or Northern Ireland answer linked" in out
    assert "Q158" not in out  # linked from Q151: the England and Wales counterpart exists
    assert "Q111" not in out  # UK-wide needs no counterpart


def test_a_uk_wide_answer_counts_as_every_nation_s_counterpart(capsys, content):
    content["lonely"].body = "<p>See Q111.</p>"
    workflow.save_answer(content["lonely"])
    out = _report(capsys).split("No counterpart linked", 1)[1].split("Due for review", 1)[0]
    assert "Q920" not in out


def test_reviews_due_and_home_page_links(capsys, content):
    out = _report(capsys)
    assert "Q920 Caught speeding? (due 01 January 2020)" in out.split("Due for review", 1)[1]
    assert "Q151: Police.uk <https://www.police.uk/>" in out


def test_admin_page_shows_the_report_to_editors_only(client, content):
    url = "/staff/faq/answer/content-report/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_user(role="staff"))
    assert client.get(url).status_code == 403
    client.force_login(make_user(role="editor"))
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Content report" in body and "Caught speeding?" in body
    index = client.get("/staff/").content.decode()
    assert "content report items to look at" in index and url in index


def test_welsh_coverage_of_the_answers_that_apply_in_wales(capsys, content):
    """Issue 29: how many England-and-Wales and UK-wide answers have a Welsh version."""
    from faq.models import AnswerTranslation

    AnswerTranslation.objects.create(
        answer=content["ew"], language="cy", question="Beth yw stelcian?", summary="S", body="B"
    )
    AnswerTranslation.objects.create(  # Scotland's answers do not apply in Wales: not counted
        answer=content["scotland"], language="cy", question="Stelcian?", summary="S", body="B"
    )
    out = _report(capsys)
    assert "In Welsh: 1 of the 3 published answers that apply in Wales" in out
