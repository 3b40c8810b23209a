import pytest
from django.core.management import call_command

from faq import workflow
from faq.models import Answer, CrossReference, RetiredNumber, Topic
from faq.search import search
from faq.topics import refresh_url_paths
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


def test_blank_number_takes_next_free_number():
    make_answer(number=120)
    assert make_answer().number == 121


def test_numbers_of_deleted_answers_are_never_reused():
    make_answer(number=40)
    doomed = make_answer(number=41)
    doomed.delete()
    assert RetiredNumber.objects.filter(number=41).exists()
    assert make_answer().number == 42


def test_references_are_stored_and_refreshed_on_save():
    answer = make_answer(body="<p>See Q10, q20 and Q10 again.</p>")
    assert set(answer.references_out.values_list("target_number", flat=True)) == {10, 20}
    answer.body = f"<p>Only Q30 now, and a self-reference Q{answer.number}.</p>"
    workflow.save_answer(answer)
    assert set(answer.references_out.values_list("target_number", flat=True)) == {30}


def test_refers_here_and_broken_references_are_queries():
    target = make_answer(number=10)
    make_answer(number=11, body="<p>See Q10 and Q99.</p>")
    referring = Answer.objects.filter(references_out__target_number=target.number)
    assert [a.number for a in referring] == [11]
    published = Answer.objects.published().values("number")
    broken = CrossReference.objects.exclude(target_number__in=published)
    assert [r.target_number for r in broken] == [99]


def test_body_is_sanitised_on_save():
    answer = make_answer(
        body='<p onclick="x()" style="color:red">Hi<script>alert(1)</script>'
        '<a href="javascript:alert(1)">bad</a><a href="https://ok.example/">ok</a></p>'
    )
    assert "script" not in answer.body
    assert "onclick" not in answer.body and "style" not in answer.body
    assert "javascript:" not in answer.body
    assert 'href="https://ok.example/"' in answer.body


def test_slug_from_question():
    assert make_answer(question="Is it a crime to film me?").slug == "is-it-a-crime-to-film-me"


def test_topic_url_paths_follow_the_tree():
    root = make_topic(name="Online safety")
    child = make_topic(name="Video calls", parent=root)
    assert child.url_path == "online-safety/video-calls"
    other = make_topic(name="Children")
    Topic.objects.move(Topic.objects.get(pk=child.pk), other, "last-child")
    refresh_url_paths()
    assert Topic.objects.get(pk=child.pk).url_path == "children/video-calls"
    assert not any(Topic.objects.find_problems())


def test_topic_names_are_searchable_and_follow_topic_changes():
    topic = make_topic(name="Cybercrime")
    answer = make_answer(question="Is my phone hacked?")
    assert search("cybercrime").total == 0
    workflow.save_answer(answer, topics=[topic])
    assert [h.answer.number for h in search("cybercrime").hits] == [answer.number]


def test_generate_demo_content_builds_a_searchable_corpus():
    call_command("generate_demo_content", answers=40, topics=10, stdout=open("/dev/null", "w"))
    assert Answer.objects.published().count() == 40
    assert Topic.objects.count() == 10
    assert CrossReference.objects.count() >= 40
    assert search("police").total > 0
    assert not any(Topic.objects.find_problems())


def test_starter_loader_reports_duplicate_numbers_and_reads_windows_line_endings(tmp_path):
    from faq.starter import load_starter_content

    (tmp_path / "answers").mkdir()
    (tmp_path / "topics.json").write_text('[{"name": "Fraud", "slug": "fraud"}]')
    text = (
        "Number: 7\r\nQuestion: Is it a scam?\r\nSummary: Maybe.\r\n"
        "Topics: fraud\r\n\r\n<p>Body</p>"
    )
    (tmp_path / "answers" / "a.txt").write_text(text, newline="")
    (tmp_path / "answers" / "b.txt").write_text(text.replace("scam", "trick"), newline="")
    report = load_starter_content(tmp_path)
    assert report.answers_created == 1
    assert report.problems == ["Q7: two files use this number; the second is skipped"]
    assert Answer.objects.get(number=7).body == "<p>Body</p>"
