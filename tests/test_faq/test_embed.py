"""The embeddable answer: its page, and which sites may frame it."""

import pytest

from faq import workflow
from faq.models import Status
from forces.models import Force, LocalNote
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db

FORCE_SITE = "https://www.kent.police.uk"


@pytest.fixture
def answer():
    return make_answer(
        number=497,
        question="What counts as harassment?",
        body="<p>Harassment is repeated behaviour. See Q151.</p>",
        topics=[make_topic(name="Harassment")],
        links=[("The Act", "https://www.legislation.gov.uk/ukpga/1997/40")],
    )


def frame_ancestors(response):
    policy = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if " " in part.strip()
    )
    return policy["frame-ancestors"]


def test_embed_page_shows_the_answer_and_the_force_note(client, answer):
    kent = Force.objects.get(slug="kent")
    LocalNote.objects.create(force=kent, answer=answer, body="<p>Kent: call 101.</p>")
    response = client.get("/embed/q/497/?force=kent")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What counts as harassment?" in html
    assert "Kent: call 101." in html
    assert "From Kent Police" in html
    assert 'href="tel:999"' in html
    assert 'href="https://www.legislation.gov.uk/ukpga/1997/40"' in html
    assert 'href="/q/497/what-counts-as-harassment/"' in html
    assert '<base target="_top">' in html
    assert "<form" not in html and "<script" not in html
    assert "Kent: call 101." not in client.get("/embed/q/497/").content.decode()


def test_no_one_may_frame_it_unless_configured(client, answer):
    response = client.get("/embed/q/497/")
    assert frame_ancestors(response) == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_listed_origins_may_frame_it_and_only_the_embed(client, answer, settings):
    settings.EMBED_ALLOWED_ORIGINS = [FORCE_SITE, "https://bad; script-src *"]
    for _ in range(2):  # built, then from the page cache
        response = client.get("/embed/q/497/")
        assert frame_ancestors(response) == FORCE_SITE  # the malformed origin is dropped
        assert "X-Frame-Options" not in response
        assert "script-src 'self'" in response["Content-Security-Policy"]
    page = client.get(answer.get_absolute_url())
    assert frame_ancestors(page) == "'none'"
    assert page["X-Frame-Options"] == "DENY"


def test_drafts_are_not_embeddable_withdrawn_are_gone_and_merged_redirect(client, answer):
    make_answer(number=20, status=Status.DRAFT)
    assert client.get("/embed/q/20/").status_code == 404
    assert client.get("/embed/q/9999/").status_code == 404
    old = make_answer(number=88, status=Status.ARCHIVED)
    gone = client.get("/embed/q/88/")
    assert gone.status_code == 410  # as the page and the API say (issue 26)
    assert "This answer has been withdrawn" in gone.content.decode()
    old.replaced_by = answer
    workflow.save_answer(old)
    moved = client.get("/embed/q/88/?force=kent")
    assert moved.status_code == 301
    assert moved["Location"] == "/embed/q/497/?force=kent"


def test_sensitive_answers_have_a_quick_exit(client):
    make_answer(number=30, topics=[make_topic(name="Abuse", sensitive=True)])
    response = client.get("/embed/q/30/")
    assert "Leave this site" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
