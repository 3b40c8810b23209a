import json
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from faq.models import Answer, Feedback, Status, Topic
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    crime = make_topic(
        name="Harassment and stalking", sensitive=True, description="Unwanted contact"
    )
    harassment = make_topic(name="Harassment", parent=crime)
    motoring = make_topic(name="Motoring", description="Roads and vehicles")
    q497 = make_answer(
        number=497,
        question="What is harassment?",
        summary="Harassment is repeated behaviour that causes alarm or distress.",
        body="<p>Harassment is a crime. See Q151 about stalking, and Q999 too.</p>",
        topics=[harassment],
        keywords="bullying, pestering",
        links=[("Protection from Harassment Act 1997", "https://www.legislation.gov.uk/")],
    )
    q151 = make_answer(
        number=151,
        question="What is stalking?",
        summary="Stalking is a pattern of fixated, obsessive behaviour.",
        body="<p>Stalking is a form of harassment: see Q497.</p>",
        topics=[harassment],
    )
    q200 = make_answer(
        number=200,
        question="What should I do after a road collision?",
        summary="Stop, exchange details and report it within 24 hours if needed.",
        topics=[motoring],
    )
    return {
        "crime": crime,
        "harassment": harassment,
        "motoring": motoring,
        "q497": q497,
        "q151": q151,
        "q200": q200,
    }


def text(response):
    return response.content.decode()


def test_home_shows_search_force_finder_topics_and_emergency_numbers(client, site):
    response = client.get("/")
    assert response.status_code == 200
    body = text(response)
    assert 'action="/search/"' in body
    assert "Find your local force" in body
    assert "Harassment and stalking" in body and "Motoring" in body
    assert "Question of the day" in body
    assert 'href="tel:999"' in body and 'href="tel:101"' in body
    assert 'href="#main-content"' in body
    assert "Submit a question".lower() in body.lower()


def test_every_page_has_footer_links(client, site):
    body = text(client.get("/topics/"))
    for label in ("Accessibility statement", "Privacy notice", "Cookies"):
        assert label in body


@pytest.mark.parametrize("url", ["/accessibility/", "/privacy/", "/cookies/"])
def test_information_pages(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1" in text(response)


def test_topic_index_shows_tree_with_counts(client, site):
    body = text(client.get("/topics/"))
    assert "Harassment and stalking" in body
    assert re.search(r"Harassment</a>\s*<span class=\"count\">\(2 answers\)", body)
    assert re.search(r"Motoring</a>\s*<span class=\"count\">\(1 answer\)", body)


def test_topic_page_has_breadcrumb_subtopics_and_answers(client, site):
    body = text(client.get("/topics/harassment-and-stalking/"))
    assert '<a href="/topics/harassment-and-stalking/harassment/">Harassment</a>' in body
    body = text(client.get("/topics/harassment-and-stalking/harassment/"))
    assert 'aria-current="page">Harassment</li>' in body
    assert "What is harassment?" in body and "What is stalking?" in body
    assert "Harassment is repeated behaviour" in body


def test_top_level_topic_lists_the_answers_of_its_subtopics_grouped(client, site):
    body = text(client.get("/topics/harassment-and-stalking/"))
    group = body.split('id="harassment"', 1)[1]
    assert "What is harassment?" in group and "What is stalking?" in group
    assert 'href="#harassment"' in body  # the in-page list of subtopics


def test_publishing_in_a_grandchild_refreshes_the_cached_top_level_page(client, site):
    top = Topic.objects.get(name="Harassment and stalking")
    child = Topic.objects.get(name="Harassment")
    grandchild = make_topic(name="Online harassment", parent=child)
    client.get("/topics/harassment-and-stalking/")  # cached now
    make_answer(question="Is trolling a crime?", topics=[grandchild])
    body = text(client.get(top.get_absolute_url()))
    assert "Is trolling a crime?" in body.split('id="harassment"', 1)[1]


@pytest.mark.parametrize(
    "url", ["/topics/nope/", "/topics/harassment/", "/topics/harassment-and-stalking/nope/"]
)
def test_unknown_topic_paths_404(client, site, url):
    assert client.get(url).status_code == 404


def test_every_public_page_shows_the_quick_exit(client, site):
    # Not only where abuse is the subject: a person looking for help starts anywhere.
    for url in (
        "/",
        "/cy/",
        "/topics/",
        "/topics/harassment-and-stalking/harassment/",
        "/topics/motoring/",
        site["q497"].get_absolute_url(),
        site["q200"].get_absolute_url(),
        "/cy" + site["q200"].get_absolute_url(),
        "/a-z/",
        "/search/?q=harassment",
        "/search/?q=xylophone",
        "/forces/",
        "/forces/find/",
        "/forces/find/?q=SW1A+2AA",
        "/forces/kent/",
        "/ask/",
        "/accessibility/",
        "/privacy/",
        "/no-such-page/",
    ):
        page = text(client.get(url))
        assert page.count("data-quick-exit") == 1, url
        welsh = url.startswith("/cy/")
        assert ("Gadael y dudalen hon" if welsh else "Exit this page") in page, url
        # And it says what it does not do.
        history = "yn clirio hanes eich porwr" if welsh else "does not clear your browsing history"
        assert history in page, url


def test_the_quick_exit_stays_out_of_the_staff_pages_and_plain_embeds(client, site, settings):
    assert "quick-exit" not in text(client.get(f"/{settings.ADMIN_URL}login/"))
    # An embed is part of a force's page: only a sensitive answer has its own way out.
    plain = text(client.get(f"/embed/q/{site['q200'].number}/"))
    assert "quick-exit" not in plain and "<h1" in plain
    sensitive = text(client.get(f"/embed/q/{site['q497'].number}/"))
    assert sensitive.count("quick-exit__button") == 1 and "Leave this site" in sensitive


def test_answer_page(client, site):
    response = client.get("/q/497/what-is-harassment/")
    assert response.status_code == 200
    body = text(response)
    assert '<h1 class="heading-xl" id="answer-title">What is harassment?</h1>' in body
    assert "Q497" in body and "England and Wales" in body
    # Cross-references: a published target is a link, a missing one stays plain text.
    # The link says where it goes: the number and the question.
    hint = '<span class="xref__title">: What is stalking?</span>'
    assert f'<a href="/q/151/what-is-stalking/" class="xref">Q151{hint}</a>' in body
    assert "Q999 too" in body and "/q/999/" not in body
    assert "Related information" in body and "https://www.legislation.gov.uk/" in body
    assert "Related questions" in body
    canonical = f"{settings.SITE_URL}/q/497/what-is-harassment/"  # never from the Host header
    assert f'<link rel="canonical" href="{canonical}">' in body
    assert '<meta name="description" content="Harassment is repeated behaviour' in body
    assert "Was this answer helpful?" in body
    assert 'media="print"' in body
    assert 'aria-label="Breadcrumb"' in body and "/topics/harassment-and-stalking/" in body


def test_related_questions_work_in_both_directions(client, site):
    make_answer(number=300, question="Who refers here?", body="<p>Read Q200 first.</p>")
    body = text(client.get(site["q200"].get_absolute_url()))
    assert "Who refers here?" in body  # refers to Q200: listed on Q200


def test_answer_json_ld_is_valid_qapage(client, site):
    body = text(client.get(site["q497"].get_absolute_url()))
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["name"] == "What is harassment?"
    assert data["mainEntity"]["acceptedAnswer"]["@type"] == "Answer"


def test_json_ld_cannot_break_out_of_its_script(client):
    answer = make_answer(question="What about </script><script>alert(1)</script>?")
    body = text(client.get(answer.get_absolute_url()))
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["mainEntity"]["name"].startswith("What about </script>")


@pytest.mark.parametrize("url", ["/q/497/", "/q497", "/Q497", "/q497/", "/q/497/old-slug/"])
def test_short_and_stale_answer_urls_redirect_permanently(client, site, url):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == "/q/497/what-is-harassment/"


def test_unknown_answer_number_404_with_search_box(client, site):
    response = client.get("/q/12345/")
    assert response.status_code == 404
    assert 'name="q"' in text(response)
    assert client.get("/q/12345/anything/").status_code == 404


def test_draft_answers_are_not_public(client):
    draft = make_answer(question="A draft?", status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/q/{draft.number}/").status_code == 404


def test_archived_answer_is_gone_with_pointer_to_search(client, site):
    Answer.objects.filter(number=200).update(status=Status.ARCHIVED)
    response = client.get(site["q200"].get_absolute_url())
    assert response.status_code == 410
    assert "withdrawn" in text(response) and 'action="/search/"' in text(response)


def test_replaced_answer_redirects_to_replacement(client, site):
    Answer.objects.filter(number=151).update(replaced_by=site["q497"])
    for url in ("/q/151/what-is-stalking/", "/q/151/", "/Q151"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == "/q/497/what-is-harassment/"


def test_reference_to_unpublished_answer_is_plain_text(client, site):
    Answer.objects.filter(number=151).update(status=Status.DRAFT)
    body = text(client.get(site["q497"].get_absolute_url()))
    assert "/q/151/" not in body
    assert "See Q151 about stalking" in body


def test_feedback_is_stored_and_thanks_shown(client, site):
    response = client.post("/q/497/feedback/", {"helpful": "no", "comment": "More on online abuse"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    feedback = Feedback.objects.get()
    assert feedback.answer == site["q497"] and feedback.helpful is False
    assert feedback.comment == "More on online abuse"


def test_feedback_without_choice_shows_error_summary_and_keeps_comment(client, site):
    response = client.post("/q/497/feedback/", {"comment": "<b>kept</b>"})
    assert response.status_code == 400
    body = text(response)
    assert "There is a problem" in body
    assert 'href="#id_helpful_0"' in body or 'href="#id_helpful"' in body
    assert "&lt;b&gt;kept&lt;/b&gt;" in body
    assert "<title>Error:" in body
    assert not Feedback.objects.exists()


def test_feedback_is_rate_limited(client, site):
    for _ in range(10):
        assert client.post("/q/497/feedback/", {"helpful": "yes"}).status_code == 302
    response = client.post("/q/497/feedback/", {"helpful": "yes"})
    assert response.status_code == 429
    assert "try again later" in text(response)
    assert Feedback.objects.count() == 10


def test_feedback_needs_csrf_token(site):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/q/497/feedback/", {"helpful": "yes"}).status_code == 403


def test_view_count_drives_most_read(client, settings, site):
    settings.VIEW_COUNT_FLUSH_SECONDS = 0  # write every view at once (production: every 30 s)
    settings.MOST_READ_MIN_READERS, settings.MOST_READ_MIN_ANSWERS = 1, 2
    for n in range(3):  # three people: one person reloading counts once (test_most_read.py)
        client.get(site["q200"].get_absolute_url(), REMOTE_ADDR=f"192.0.2.{n}")
    client.get(site["q497"].get_absolute_url())
    body = text(client.get("/"))
    most_read = body.split("Most read", 1)[1]
    assert most_read.index("road collision") < most_read.index("What is harassment?")


def _queries(client, url):
    cache.clear()  # measure the page being built, not served from the page cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _grow_content(site):
    extra_topics = [make_topic(name=f"Extra {i}", parent=site["harassment"]) for i in range(5)]
    for i in range(30):
        answer = make_answer(
            question=f"Extra harassment question {i}?",
            body=f"<p>See Q497 and Q151 and Q{1000 + i}.</p>",
            topics=[site["harassment"], extra_topics[i % 5]],
            links=[("A", "https://example.org/a"), ("B", "https://example.org/b")],
        )
        answer.references_out.model.objects.create(source=site["q497"], target_number=answer.number)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/topics/",
        "/topics/harassment-and-stalking/harassment/",
        "/q/497/what-is-harassment/",
        "/search/?q=harassment",
        "/search/?q=nothingmatchesthis",
        "/feeds/latest/",
        "/sitemap.xml",
    ],
)
def test_public_pages_run_a_fixed_number_of_queries(client, site, url, settings):
    settings.VIEW_COUNT_FLUSH_SECONDS = (
        0  # count every view now: a timed write would come at random
    )
    client.get(url)  # the first unanswered search creates its log row; later ones update it
    before = _queries(client, url)
    _grow_content(site)
    after = _queries(client, url)
    assert after == before
    assert after <= 12


def test_tree_is_consistent(site):
    assert not any(Topic.objects.find_problems())
