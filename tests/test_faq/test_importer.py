"""manage.py import_faq: CSV and JSON, good and bad rows, dry runs, idempotence, round trip."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from faq import backup
from faq.importer import REFUSED, import_faq, read_rows
from faq.models import Answer, CrossReference, RetiredNumber, Status, Topic
from faq.search import search
from faq.starter import load_starter_content
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "faq" / "data" / "import-examples"


def run(*args):
    out = StringIO()
    call_command("import_faq", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def starter():
    load_starter_content()


def test_the_example_csv_imports_and_a_second_run_changes_nothing(starter):
    output = run(EXAMPLES / "answers.csv")
    assert "row 1 Q2001: created" in output
    assert "2 created, 0 updated, 0 unchanged, 0 refused" in output
    pothole = Answer.objects.get(number=2001)
    assert pothole.status == Status.PUBLISHED
    assert pothole.jurisdiction == "uk"
    assert pothole.primary_topic.url_path == "reporting-crime/how-to-report"
    assert pothole.also_asked_list == ["who fixes potholes", "is a pothole a police matter"]
    assert [link.url for link in pothole.links.all()] == ["https://www.gov.uk/report-pothole"]
    assert str(pothole.last_reviewed) == "2026-11-01"
    drive = Answer.objects.get(number=2002)
    assert drive.status == Status.DRAFT
    assert drive.topics.count() == 2
    # Cross-references and search text are rebuilt as when staff save in the admin.
    assert set(
        CrossReference.objects.filter(source=pothole).values_list("target_number", flat=True)
    ) == {111}
    assert "council" in pothole.body_text
    assert any(hit.answer.number == 2001 for hit in search("pothole").hits)

    again = run(EXAMPLES / "answers.csv")
    assert "0 created, 0 updated, 2 unchanged, 0 refused" in again


def test_the_example_json_imports(starter):
    output = run(EXAMPLES / "answers.json")
    assert "1 created" in output
    assert Answer.objects.get(number=2003).links.get().title == "Lost property (GOV.UK)"


def test_dry_run_reports_and_saves_nothing(starter):
    before = Answer.objects.count()
    output = run(EXAMPLES / "answers.csv", "--dry-run")
    assert "Dry run, nothing saved: 2 created" in output
    assert Answer.objects.count() == before


def test_bad_rows_are_refused_with_reasons_and_good_rows_go_in(tmp_path):
    topic = make_topic(name="Scams")
    make_answer(number=5, question="Old")
    RetiredNumber.objects.create(number=77)
    rows = [
        {"number": "10", "question": "Good?", "summary": "Yes.", "body": "<p>Fine</p>"},
        {"number": "abc", "question": "", "summary": "x" * 301, "body": ""},
        {"question": "Where?", "summary": "S", "body": "<p>B</p>", "topics": "nowhere/at-all"},
        {"question": "Law?", "summary": "S", "body": "<p>B</p>", "jurisdiction": "mars"},
        {"question": "Link?", "summary": "S", "body": "<p>B</p>", "links": "Bad | javascript:x"},
        {"number": "77", "question": "Retired?", "summary": "S", "body": "<p>B</p>"},
        {"number": "10", "question": "Twice?", "summary": "S", "body": "<p>B</p>"},
        {"question": "Status?", "summary": "S", "body": "<p>B</p>", "status": "archived"},
        {
            "question": "Scripted?",
            "summary": "S",
            "body": '<p onclick="x()">Hi<script>alert(1)</script></p>',
            "topics": topic.url_path,
        },
    ]
    report = import_faq(rows)
    results = {r.row: r for r in report.rows}
    assert results[1].action == "created"
    assert results[2].action == REFUSED
    assert set(results[2].reasons) >= {
        "number 'abc' is not a whole number",
        "question is missing",
        "summary is longer than 300 characters",
        "body is missing",
    }
    assert results[3].reasons == ["unknown topic 'nowhere/at-all'"]
    assert results[4].reasons == ["unknown jurisdiction 'mars'"]
    assert "no valid http(s) address" in results[5].reasons[0]
    assert results[6].reasons == ["this number belonged to a deleted answer"]
    assert results[7].reasons == ["the same answer is earlier in the file"]
    assert "status must be draft or published" in results[8].reasons[0]
    assert results[9].action == "created"
    assert results[9].notes == ["body cleaned of markup answers do not allow"]
    scripted = Answer.objects.get(question="Scripted?")
    assert "script" not in scripted.body and "onclick" not in scripted.body
    assert scripted.number == 78  # the next free number: 77 is retired
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0, "refused": 7}


def test_a_changed_row_updates_the_answer_in_place(tmp_path):
    answer = make_answer(number=30, question="What is theft?", summary="Old summary.")
    path = tmp_path / "faq.json"
    path.write_text(
        json.dumps(
            [{"number": 30, "question": "What is theft?", "summary": "New.", "body": "<p>Q30</p>"}]
        )
    )
    assert "1 updated" in run(path)
    answer.refresh_from_db()
    assert answer.summary == "New."
    assert Answer.objects.count() == 1


def test_create_topics_makes_missing_paths(tmp_path):
    path = tmp_path / "faq.csv"
    path.write_text("question,summary,body,topics\nQ?,S,<p>B</p>,road-safety/speeding\n")
    assert "refused" in run(path).splitlines()[0]
    run(path, "--create-topics")
    speeding = Topic.objects.get(url_path="road-safety/speeding")
    assert speeding.name == "Speeding"
    assert not any(Topic.objects.find_problems())


def test_an_unreadable_file_is_an_error(tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "faq.csv"
    bad.write_text("title,text\nx,y\n")
    with pytest.raises(CommandError, match="lacks the columns"):
        run(bad)
    text = tmp_path / "faq.txt"
    text.write_text("question\n")
    with pytest.raises(CommandError, match=r"\.csv or a \.json"):
        run(text)


ROUND_TRIP_FIELDS = (
    "number",
    "question",
    "slug",
    "summary",
    "body",
    "keywords",
    "also_asked",
    "sources",
    "jurisdiction",
    "status",
    "last_reviewed",
    "primary_topic",
    "topics",
    "links",
)


def _answers(export):
    return [{k: row[k] for k in ROUND_TRIP_FIELDS} for row in export["answers"]]


def test_round_trip_with_export_content(tmp_path):
    load_starter_content()
    exported = backup.export_content()
    path = tmp_path / "content.json"
    path.write_text(backup.dumps(exported))
    # Into the same site: nothing to do.
    assert f"0 created, 0 updated, {len(exported['answers'])} unchanged" in run(path)
    # Into a site with the topics but no answers: the same answers come back.
    Answer.objects.all().delete()
    RetiredNumber.objects.all().delete()
    assert len(read_rows(path)) == len(exported["answers"])
    assert f"{len(exported['answers'])} created" in run(path)
    assert _answers(backup.export_content()) == _answers(exported)
