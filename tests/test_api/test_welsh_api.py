"""The content API in Welsh: `?lang=cy` gives each answer and topic in Welsh where it has a Welsh
version, says each item's language, and keeps Welsh and English apart in the page cache."""

import pytest

from config.api import api
from faq import workflow
from faq.models import Answer, AnswerTranslation, RelatedLink, Status, TopicTranslation
from forces.models import Force, LocalNote, LocalNoteTranslation
from tests.factories import make_answer, make_topic, make_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    harassment = make_topic(name="Harassment")
    TopicTranslation.objects.create(
        topic=harassment, language="cy", name="Aflonyddu", description="Pan fydd rhywun..."
    )
    stalking = make_topic(name="Stalking", parent=harassment)  # no Welsh name yet
    stalked = make_answer(
        number=151,
        question="Am I being stalked?",
        summary="Signs of stalking.",
        body="<p>Stalking is a crime. See Q497.</p>",
        topics=[harassment],
    )
    make_translation(
        answer=stalked,
        language="cy",
        question="Ydw i'n cael fy stelcian?",
        summary="Arwyddion stelcian.",
        body="<p>Mae stelcian yn drosedd. Gweler Q497.</p>",
        also_asked="mae rhywun yn fy nilyn i",
    )
    RelatedLink.objects.create(
        answer=stalked,
        title="Paladin",
        title_cy="Paladin (yn Saesneg)",
        url="https://paladinservice.co.uk/",
    )
    english_only = make_answer(number=497, question="What counts as harassment?", topics=[stalking])
    return {"stalked": stalked, "english_only": english_only, "stalking": stalking}


def by_number(results):
    return {item["number"]: item for item in results}


def test_the_answer_list_in_welsh_says_each_answers_language(client, content):
    response = client.get("/api/v1/answers/", {"lang": "cy"})
    assert response.status_code == 200
    assert response["Content-Language"] == "cy"
    answers = by_number(response.json()["results"])
    welsh = answers[151]
    assert welsh["language"] == "cy"
    assert welsh["question"] == "Ydw i'n cael fy stelcian?"
    assert welsh["summary"] == "Arwyddion stelcian."
    assert welsh["url"] == "http://127.0.0.1:8000/cy/q/151/am-i-being-stalked/"
    assert welsh["api_url"] == "http://127.0.0.1:8000/api/v1/answers/151/?lang=cy"
    assert welsh["primary_topic"]["name"] == "Aflonyddu"
    assert welsh["primary_topic"]["language"] == "cy"
    english = answers[497]  # no Welsh version: the English text, saying so
    assert english["language"] == "en"
    assert english["question"] == "What counts as harassment?"
    assert english["primary_topic"] == {
        "name": "Stalking",
        "language": "en",
        "path": "harassment/stalking",
        "url": "http://127.0.0.1:8000/cy/topics/harassment/stalking/",
    }


def test_without_lang_the_api_is_english_as_before(client, content):
    for params in ({}, {"lang": "en"}):
        response = client.get("/api/v1/answers/", params)
        assert response["Content-Language"] == "en-gb"
        answers = by_number(response.json()["results"])
        assert answers[151]["question"] == "Am I being stalked?"
        assert answers[151]["language"] == "en"
        assert answers[151]["url"] == "http://127.0.0.1:8000/q/151/am-i-being-stalked/"
        assert answers[151]["api_url"] == "http://127.0.0.1:8000/api/v1/answers/151/"
        assert answers[151]["primary_topic"]["name"] == "Harassment"


def test_one_answer_in_welsh_with_its_local_note(client, content):
    force = Force.objects.get(slug="dyfed-powys")
    note = LocalNote.objects.create(
        force=force, answer=content["stalked"], body="<p>Call our team.</p>"
    )
    LocalNoteTranslation.objects.create(note=note, language="cy", body="<p>Ffoniwch ein tîm.</p>")
    response = client.get("/api/v1/answers/151/", {"lang": "cy", "force": "dyfed-powys"})
    assert response.status_code == 200
    assert response["Content-Language"] == "cy"
    data = response.json()
    assert data["language"] == "cy"
    assert data["question"] == "Ydw i'n cael fy stelcian?"
    assert data["body"].startswith("<p>Mae stelcian yn drosedd.")
    # The cross-reference leads to the Welsh page of an answer shown in English.
    assert 'href="http://127.0.0.1:8000/cy/q/497/what-counts-as-harassment/"' in data["body"]
    assert data["also_asked"] == ["mae rhywun yn fy nilyn i"]
    assert data["related_links"][0]["title"] == "Paladin (yn Saesneg)"
    assert data["related_links"][0]["language"] == "cy"
    assert data["related"][0]["number"] == 497 and data["related"][0]["language"] == "en"
    assert data["topics"][0]["name"] == "Aflonyddu"
    assert data["local"]["note"] == "<p>Ffoniwch ein tîm.</p>"
    assert data["local"]["note_language"] == "cy"
    english = client.get("/api/v1/answers/151/", {"force": "dyfed-powys"}).json()
    assert english["body"].startswith("<p>Stalking is a crime.")
    assert english["local"]["note"] == "<p>Call our team.</p>"
    assert english["local"]["note_language"] == "en"


def test_an_answer_without_a_welsh_version_falls_back_to_english_marked_en(client, content):
    data = client.get("/api/v1/answers/497/", {"lang": "cy"}).json()
    assert data["language"] == "en"
    assert data["question"] == "What counts as harassment?"
    assert data["topics"][0] == {
        "name": "Stalking",
        "language": "en",
        "path": "harassment/stalking",
        "url": "http://127.0.0.1:8000/cy/topics/harassment/stalking/",
    }
    assert data["related"][0]["question"] == "Ydw i'n cael fy stelcian?"


def test_the_topic_tree_in_welsh(client, content):
    response = client.get("/api/v1/topics/", {"lang": "cy"})
    assert response["Content-Language"] == "cy"
    root = response.json()["topics"][0]
    assert (root["name"], root["language"]) == ("Aflonyddu", "cy")
    assert root["description"] == "Pan fydd rhywun..."
    assert root["url"] == "http://127.0.0.1:8000/cy/topics/harassment/"
    assert root["api_answers_url"].endswith("/api/v1/answers/?topic=harassment&lang=cy")
    child = root["children"][0]
    assert (child["name"], child["language"]) == ("Stalking", "en")
    english = client.get("/api/v1/topics/").json()["topics"][0]
    assert (english["name"], english["language"]) == ("Harassment", "en")


def test_search_in_welsh_uses_the_welsh_index(client, content):
    response = client.get("/api/v1/search/", {"q": "stelcian", "lang": "cy"})
    assert response["Content-Language"] == "cy"
    data = response.json()
    first = data["results"][0]
    assert first["number"] == 151
    assert first["question"] == "Ydw i'n cael fy stelcian?"
    assert first["language"] == "cy"
    assert "<mark>stelcian</mark>" in first["snippet"]
    # The English search has no Welsh words to find.
    assert client.get("/api/v1/search/", {"q": "stelcian"}).json()["total"] == 0


def test_locate_explains_in_welsh(client):
    english = client.get("/api/v1/locate/", {"q": "!!!"}).json()
    welsh = client.get("/api/v1/locate/", {"q": "!!!", "lang": "cy"})
    assert welsh["Content-Language"] == "cy"
    assert welsh.json()["error"]["message"] != english["error"]["message"]
    assert welsh.json()["error"]["code"] == english["error"]["code"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/answers/",
        "/api/v1/answers/151/",
        "/api/v1/topics/",
        "/api/v1/search/?q=stelcian",
        "/api/v1/locate/?q=CF10",
    ],
)
def test_an_unknown_language_is_400_with_the_error_shape(client, content, path):
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}lang=fr")
    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "invalid_parameter", "message": "lang: Input should be 'en' or 'cy'"}
    }


def test_the_page_cache_keeps_each_language_apart(client, content, django_assert_num_queries):
    assert client.get("/api/v1/answers/151/").json()["language"] == "en"
    welsh = client.get("/api/v1/answers/151/?lang=cy")
    assert welsh.json()["language"] == "cy"
    with django_assert_num_queries(0):  # both stored, each under its own language
        again = client.get("/api/v1/answers/151/?lang=cy")
        assert client.get("/api/v1/answers/151/").json()["language"] == "en"
    assert again.content == welsh.content
    assert again["Content-Language"] == "cy"
    # Editing the Welsh version refreshes the stored Welsh copy.
    row = AnswerTranslation.objects.get(answer__number=151)
    row.question = "Ydy rhywun yn fy stelcian?"
    workflow.save_translation(row)
    assert client.get("/api/v1/answers/151/?lang=cy").json()["question"] == row.question


def test_a_merged_answer_leads_on_in_the_same_language(client, content):
    old = make_answer(number=88, question="Old", status=Status.ARCHIVED)
    old.replaced_by = content["stalked"]
    workflow.save_answer(old)
    moved = client.get("/api/v1/answers/88/?lang=cy")
    assert moved.status_code == 301
    assert moved["Location"] == "/api/v1/answers/151/?lang=cy"


def test_the_document_describes_lang_on_every_endpoint_with_welsh_text():
    schema = api.get_openapi_schema()
    for path in ("/answers/", "/answers/{number}/", "/topics/", "/search/", "/locate/"):
        parameters = schema["paths"][f"/api/v1{path}"]["get"]["parameters"]
        lang = next(p for p in parameters if p["name"] == "lang")
        assert lang["in"] == "query" and lang["required"] is False
        assert "Welsh" in lang["description"]
        assert '"cy"' in str(lang["schema"]).replace("'", '"')


def test_the_review_date_is_the_welsh_versions_own_and_says_whether_it_was_reviewed(
    client, content
):
    import datetime

    from django.core.cache import cache

    english_date, welsh_date = datetime.date(2026, 3, 1), datetime.date(2026, 9, 15)
    Answer.objects.filter(number__in=[151, 497]).update(last_reviewed=english_date)
    AnswerTranslation.objects.filter(answer__number=151).update(
        review="awaiting", last_reviewed=None
    )
    listed = by_number(client.get("/api/v1/answers/", {"lang": "cy"}).json()["results"])
    # Not reviewed in Welsh yet: no date of its own and "awaiting", as the Welsh page says;
    # never the English answer's review date.
    assert listed[151]["last_reviewed"] is None
    assert listed[151]["translation_review"] == "awaiting"
    AnswerTranslation.objects.filter(answer__number=151).update(last_reviewed=welsh_date)
    cache.clear()  # update() goes round the editors' path, which would bump the cached pages
    listed = by_number(client.get("/api/v1/answers/", {"lang": "cy"}).json()["results"])
    assert listed[151]["last_reviewed"] == "2026-09-15"
    assert listed[151]["translation_review"] == "awaiting"  # checked against the English only
    assert listed[497]["last_reviewed"] == "2026-03-01"  # English only
    assert listed[497]["translation_review"] is None
    AnswerTranslation.objects.filter(answer__number=151).update(review="reviewed")
    cache.clear()
    detail = client.get("/api/v1/answers/151/", {"lang": "cy"}).json()
    assert (detail["last_reviewed"], detail["translation_review"]) == ("2026-09-15", "reviewed")
    english = client.get("/api/v1/answers/151/").json()
    assert (english["last_reviewed"], english["translation_review"]) == ("2026-03-01", None)
