"""export_content → empty database → import_content gives back exactly the same content."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from faq.models import (
    Answer,
    CrossReference,
    RelatedLink,
    RetiredNumber,
    Status,
    Topic,
    TopicTranslation,
    TranslationReview,
)
from faq.starter import load_starter_content
from forces.models import Force, LocalNote

pytestmark = pytest.mark.django_db


def export(tmp_path, name):
    path = tmp_path / name
    call_command("export_content", str(path), stderr=io.StringIO())
    return path.read_text(encoding="utf-8")


def empty_the_content():
    LocalNote.objects.all().delete()
    Answer.objects.update(replaced_by=None)
    Answer.objects.all().delete()
    RetiredNumber.objects.all().delete()  # deleting answers retires their numbers
    Topic.objects.all().delete()
    Force.objects.all().delete()


@pytest.fixture
def content():
    report = load_starter_content()
    assert report.answers_created > 50 and not report.problems
    # What staff add on top of the starter content: a local note, a merge, a retired number.
    first, second = Answer.objects.order_by("number")[:2]
    LocalNote.objects.create(
        force=Force.objects.get(slug="kent"), answer=first, body="<p>Kent runs a clinic.</p>"
    )
    Answer.objects.filter(pk=second.pk).update(status=Status.ARCHIVED, replaced_by=first)
    RetiredNumber.objects.create(number=9999)
    return first


def test_the_starter_content_round_trips_exactly(tmp_path, content):
    before = export(tmp_path, "before.json")
    references_before = sorted(
        CrossReference.objects.values_list("source__number", "target_number")
    )
    data = json.loads(before)
    assert len(data["forces"]) == Force.objects.count() >= 51
    assert len(data["answers"]) == Answer.objects.count()
    assert data["local_notes"] == [
        {"answer": content.number, "body": "<p>Kent runs a clinic.</p>", "force": "kent"}
    ]

    empty_the_content()
    assert not Answer.objects.exists() and not Force.objects.exists()
    out = io.StringIO()
    call_command("import_content", str(tmp_path / "before.json"), stdout=out)
    assert "Imported" in out.getvalue()

    assert export(tmp_path, "after.json") == before
    # Derived data is rebuilt too: cross-references, search text, the topic tree.
    assert sorted(CrossReference.objects.values_list("source__number", "target_number")) == (
        references_before
    )
    assert all(Answer.objects.values_list("body_text", flat=True))
    assert not any(Topic.objects.find_problems())
    assert RelatedLink.objects.exists()
    # Every starter topic's Welsh name comes back, still awaiting review.
    assert all(row["translations"] for row in data["topics"])
    assert TopicTranslation.objects.count() == Topic.objects.count()
    assert set(TopicTranslation.objects.values_list("review", flat=True)) == {
        TranslationReview.AWAITING
    }


def test_restored_content_is_served(client, tmp_path, content):
    export(tmp_path, "backup.json")
    empty_the_content()
    call_command("import_content", str(tmp_path / "backup.json"), stdout=io.StringIO())
    answer = Answer.objects.get(number=content.number)
    response = client.get(answer.get_absolute_url())
    assert response.status_code == 200
    assert answer.question in response.content.decode()
    assert client.get(f"/search/?q={answer.question.split()[-1]}").status_code == 200


def test_import_refuses_a_database_that_already_has_content(tmp_path, content):
    path = tmp_path / "backup.json"
    export(tmp_path, "backup.json")
    count = Answer.objects.count()
    with pytest.raises(CommandError, match="already has topics or answers"):
        call_command("import_content", str(path), stdout=io.StringIO())
    assert Answer.objects.count() == count


def test_import_refuses_a_file_that_is_not_an_export(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"hello": "world"}')
    with pytest.raises(CommandError, match="Not a police-advice-content"):
        call_command("import_content", str(path), stdout=io.StringIO())
    path.write_text("not json at all")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_content", str(path), stdout=io.StringIO())


def test_export_to_standard_output(content):
    out = io.StringIO()
    call_command("export_content", stdout=out)
    assert json.loads(out.getvalue())["format"] == "police-advice-content"
