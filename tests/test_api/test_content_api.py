"""The content API: answers, topics and search as a force's web team would use them."""

import datetime

import pytest
from django.utils import timezone

from faq import workflow
from faq.models import Answer, Status
from forces.lookup import force_slug
from forces.models import Force, LocalNote
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    crime = make_topic(name="Harassment")
    stalking = make_topic(name="Stalking", parent=crime)
    online = make_topic(name="Online", sensitive=True)
    harassment = make_answer(
        number=497,
        question="What counts as harassment?",
        summary="Repeated unwanted behaviour.",
        body='<p>See Q151 and Q999. Also <a href="/forces/find/">find your force</a>.</p>',
        topics=[crime],
        links=[
            ("Protection from Harassment Act 1997", "https://www.legislation.gov.uk/ukpga/1997/40")
        ],
    )
    harassment.also_asked = "someone keeps messaging me\nis pestering a crime"
    harassment.sources = "STAFF ONLY SOURCE"
    workflow.save_answer(harassment)
    stalked = make_answer(
        number=151, question="Am I being stalked?", topics=[stalking], jurisdiction="scotland"
    )
    trolls = make_answer(number=300, question="Online trolls", topics=[online])
    make_answer(number=20, question="A draft", status=Status.DRAFT, topics=[crime])
    return {"crime": crime, "stalking": stalking, "answers": [harassment, stalked, trolls]}


def test_answer_list_shapes_and_pagination(client, content):
    response = client.get("/api/v1/answers/", {"page_size": 2})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["count"] == 3  # drafts never appear
    assert [a["number"] for a in data["results"]] == [151, 300]
    assert data["pages"] == 2 and data["previous"] is None
    assert data["next"].endswith("/api/v1/answers/?page_size=2&page=2")
    first = data["results"][0]
    assert first["reference"] == "Q151"
    assert first["url"] == "http://127.0.0.1:8000/q/151/am-i-being-stalked/"
    assert first["api_url"] == "http://127.0.0.1:8000/api/v1/answers/151/"
    assert first["primary_topic"]["path"] == "harassment/stalking"
    assert data["results"][1]["sensitive"] is True
    second = client.get("/api/v1/answers/", {"page_size": 2, "page": 2}).json()
    assert [a["number"] for a in second["results"]] == [497]


def test_answer_list_filters(client, content):
    def numbers(**params):
        return [a["number"] for a in client.get("/api/v1/answers/", params).json()["results"]]

    assert numbers(topic="harassment") == [151, 497]  # the topic and its subtopics
    assert numbers(topic="harassment/stalking") == [151]
    assert numbers(jurisdiction="scotland") == [151]
    Answer.objects.filter(number=300).update(updated_at=timezone.now() + datetime.timedelta(days=2))
    since = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    assert numbers(updated_since=since) == [300]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"topic": "Not A Path!"}, "invalid_parameter"),
        ({"jurisdiction": "mars"}, "invalid_parameter"),
        ({"updated_since": "yesterday"}, "invalid_parameter"),
        ({"updated_since": "1700000000"}, "invalid_parameter"),  # not a Unix time
        ({"updated_since": "2026-13-01T00:00:00Z"}, "invalid_parameter"),
        ({"page": "0"}, "invalid_parameter"),
        ({"page_size": "1000"}, "invalid_parameter"),
    ],
)
def test_bad_filters_are_400_with_the_error_shape(client, content, params, code):
    response = client.get("/api/v1/answers/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert set(response.json()) == {"error"}


def test_an_unknown_topic_is_404(client, content):
    response = client.get("/api/v1/answers/", {"topic": "nowhere"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_topic"


def test_one_answer(client, content):
    response = client.get("/api/v1/answers/497/")
    assert response.status_code == 200
    data = response.json()
    assert data["question"] == "What counts as harassment?"
    assert data["jurisdiction"] == "england-wales"
    assert data["also_asked"] == ["someone keeps messaging me", "is pestering a crime"]
    assert data["topics"] == [
        {
            "name": "Harassment",
            "language": "en",
            "path": "harassment",
            "url": "http://127.0.0.1:8000/topics/harassment/",
        }
    ]
    assert data["related_links"][0]["url"] == "https://www.legislation.gov.uk/ukpga/1997/40"
    # Q151 is published: linked by absolute address. Q999 does not exist: plain text.
    assert 'href="http://127.0.0.1:8000/q/151/am-i-being-stalked/"' in data["body"]
    assert "Q999" in data["body"] and "/q/999/" not in data["body"]
    assert 'href="http://127.0.0.1:8000/forces/find/"' in data["body"]
    assert [a["number"] for a in data["cross_references"]] == [151]
    assert data["local"] is None
    assert data["last_reviewed"] is None or data["last_reviewed"]


def test_staff_only_fields_are_never_in_the_api(client, content):
    text = client.get("/api/v1/answers/497/").content.decode()
    assert "STAFF ONLY SOURCE" not in text
    for field in ("sources", "keywords", "owner", "view_count", "status"):
        assert f'"{field}"' not in text


def test_local_note_for_a_force(client, content):
    force = Force.objects.get(slug="police-scotland")
    LocalNote.objects.create(force=force, answer=content["answers"][0], body="<p>Call 101.</p>")
    data = client.get("/api/v1/answers/497/", {"force": "police-scotland"}).json()
    assert data["local"]["force"]["name"] == force.name
    assert data["local"]["note"] == "<p>Call 101.</p>"
    assert data["local"]["law_may_differ"] is True
    other = client.get("/api/v1/answers/497/", {"force": "kent"}).json()
    assert other["local"]["note"] is None and other["local"]["law_may_differ"] is False
    unknown = client.get("/api/v1/answers/497/", {"force": "atlantis"})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "unknown_force"


def test_editing_a_note_refreshes_the_cached_answer(client, content):
    force = Force.objects.get(slug="kent")
    note = LocalNote.objects.create(force=force, answer=content["answers"][0], body="<p>Old</p>")
    assert client.get("/api/v1/answers/497/?force=kent").json()["local"]["note"] == "<p>Old</p>"
    note.body = "<p>New</p>"
    note.save()
    assert client.get("/api/v1/answers/497/?force=kent").json()["local"]["note"] == "<p>New</p>"


def test_missing_draft_archived_and_merged_answers(client, content):
    assert client.get("/api/v1/answers/20/").json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/answers/12345/").status_code == 404
    old = make_answer(number=88, question="Old", status=Status.ARCHIVED)
    assert client.get("/api/v1/answers/88/").status_code == 410
    old.replaced_by = content["answers"][0]
    workflow.save_answer(old)
    moved = client.get("/api/v1/answers/88/?force=kent")
    assert moved.status_code == 301
    assert moved["Location"] == "/api/v1/answers/497/?force=kent"
    assert client.get("/api/v1/answers/99999999/").status_code == 400


def test_topic_tree(client, content):
    data = client.get("/api/v1/topics/").json()
    roots = {t["slug"]: t for t in data["topics"]}
    assert roots["harassment"]["answer_count"] == 1
    assert roots["harassment"]["total_count"] == 2
    child = roots["harassment"]["children"][0]
    assert child["path"] == "harassment/stalking"
    assert child["api_answers_url"].endswith("/api/v1/answers/?topic=harassment/stalking")
    assert roots["online"]["sensitive"] is True


def test_search(client, content):
    data = client.get("/api/v1/search/", {"q": "harassment"}).json()
    assert data["query"] == "harassment"
    assert data["total"] >= 1
    assert data["results"][0]["number"] == 497
    assert isinstance(data["results"][0]["snippet"], str)
    empty = client.get("/api/v1/search/", {"q": ""}).json()
    assert empty["total"] == 0 and empty["results"] == []


def test_conditional_get_gives_304(client, content):
    first = client.get("/api/v1/answers/497/")
    etag = first["ETag"]
    assert etag
    again = client.get("/api/v1/answers/497/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    modified = first["Last-Modified"]
    assert client.get("/api/v1/answers/497/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # Browsers a minute (nobody can purge them), shared caches an hour (purged on change).
    assert first["Cache-Control"].startswith("public, max-age=60, s-maxage=3600, ")
    assert "answer:497" in first["Surrogate-Key"].split()


def test_cors_for_any_origin_by_default(client, content):
    response = client.get("/api/v1/topics/", HTTP_ORIGIN="https://www.kent.police.uk")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/topics/",
        HTTP_ORIGIN="https://www.kent.police.uk",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_cors_for_configured_origins_only(client, content, settings):
    settings.API_CORS_ORIGINS = ["https://www.kent.police.uk"]
    allowed = client.get("/api/v1/topics/", HTTP_ORIGIN="https://www.kent.police.uk")
    assert allowed["Access-Control-Allow-Origin"] == "https://www.kent.police.uk"
    assert "Origin" in allowed["Vary"]
    other = client.get("/api/v1/topics/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    forces = client.get("/api/v1/forces/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in forces


def test_errors_are_json_everywhere(client):
    for url in ("/api/v1/nothing/", "/api/v1/forces/bad%20slug/", "/api/v1/q/497/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"
    not_a_number = client.get("/api/v1/answers/abc/")
    assert not_a_number.status_code == 400
    assert "number" in not_a_number.json()["error"]["message"]
    refused = client.post("/api/v1/answers/")
    assert refused.status_code == 405
    assert refused.json()["error"]["code"] == "method_not_allowed"


def test_reads_are_rate_limited(client, content, lower_rate_limit):
    lower_rate_limit("/api/v1/answers/497/", 2)
    assert client.get("/api/v1/answers/497/").status_code == 200
    assert client.get("/api/v1/answers/497/").status_code == 200  # from the page cache
    limited = client.get("/api/v1/answers/497/")
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert limited["Retry-After"]


def test_search_is_rate_limited(client, content, lower_rate_limit):
    lower_rate_limit("/api/v1/search/", 1)
    assert client.get("/api/v1/search/", {"q": "harassment"}).status_code == 200
    assert client.get("/api/v1/search/", {"q": "stalked"}).status_code == 429


def test_database_down_is_json_503(client, content, monkeypatch):
    from django.db.utils import OperationalError

    from faq import pages

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(pages, "topic_tree", down)
    response = client.get("/api/v1/topics/")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"
    assert response["Retry-After"]


def test_reads_take_a_fixed_number_of_queries(client, content, django_assert_max_num_queries):
    for n in range(10):
        make_answer(question=f"More {n}?", topics=[content["stalking"]])
    with django_assert_max_num_queries(4):
        assert len(client.get("/api/v1/answers/").json()["results"]) == 13
    # Each process keeps the force list for a minute (forces.lookup): read it first, so the count
    # is the request's own whichever test ran before (alone, this test once counted the list too).
    force_slug("kent")
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/answers/497/?force=kent").status_code == 200
    # The tree, and its answer counts made again after the change: a kept aggregate, counted
    # in a fixed number of queries however many answers and levels (faq.pages).
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/topics/").status_code == 200
