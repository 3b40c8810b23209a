"""What cacheable pages tell browsers and shared caches (Varnish, a CDN)."""

import re

import pytest
from django.test import Client

from forces.models import Force
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    topic = make_topic(name="Fraud")
    answer = make_answer(number=10, question="Is this a scam?", topics=[topic])
    abuse = make_topic(name="Domestic abuse", sensitive=True)
    hidden = make_answer(number=11, question="Is he controlling me?", topics=[abuse])
    return {"topic": topic, "answer": answer, "abuse": abuse, "sensitive": hidden}


def _directives(response):
    return dict(
        [*part.split("=", 1), ""][:2]
        for part in (p.strip() for p in response["Cache-Control"].split(","))
    )


def test_public_pages_say_how_long_browsers_and_shared_caches_may_keep_them(content, settings):
    force = Force.objects.filter(kind="territorial").first()
    for url in (
        "/",
        "/topics/",
        content["topic"].get_absolute_url(),
        content["answer"].get_absolute_url(),
        "/forces/",
        "/forces/find/",
        force.get_absolute_url(),
    ):
        for response in (Client().get(url), Client().get(url)):  # built, then stored
            directives = _directives(response)
            assert "public" in directives, url
            assert int(directives["max-age"]) == settings.HTTP_CACHE_BROWSER_MAX_AGE, url
            assert int(directives["s-maxage"]) >= int(directives["max-age"]), url
            assert int(directives["stale-while-revalidate"]) > 0, url
            assert int(directives["stale-if-error"]) > 0, url
            assert response.has_header("ETag") and response.has_header("Last-Modified"), url


def test_every_cacheable_page_names_its_surrogate_keys(content):
    url = content["answer"].get_absolute_url()
    for response in (Client().get(url), Client().get(url)):
        keys = response["Surrogate-Key"].split()
        assert {"answer:10", f"topic:{content['topic'].pk}"} <= set(keys)
        assert response["xkey"] == response["Surrogate-Key"]
        assert all(re.fullmatch(r"[a-z-]+(:[a-z0-9-]+)?", key) for key in keys), keys
    topic = Client().get(content["topic"].get_absolute_url())
    assert f"topic:{content['topic'].pk}" in topic["Surrogate-Key"].split()
    assert "forces" in Client().get("/forces/")["Surrogate-Key"].split()


def test_sensitive_pages_are_no_store_for_browsers_but_held_by_our_shared_cache(content):
    for url in (content["sensitive"].get_absolute_url(), content["abuse"].get_absolute_url()):
        for response in (Client().get(url), Client().get(url)):
            assert response["Cache-Control"] == "no-store", url
            assert response["Referrer-Policy"] == "same-origin", url
            assert response["Surrogate-Control"].startswith("max-age="), url
            assert int(response["Surrogate-Control"].split("=")[1].split(",")[0]) > 0
            assert response.has_header("Surrogate-Key"), url


def test_what_a_person_typed_is_never_kept_by_their_browser(content):
    """Search results and the force finder's answers show what was typed: Back after the quick
    exit, or a look through the browser's cache, must not find it."""
    for url in ("/search/?q=scam", "/search/?q=xylophone", "/cy/search/?q=sgam", "/search/"):
        for response in (Client().get(url), Client().get(url)):  # built, then stored
            assert response["Cache-Control"] == "no-store", url
            assert response["Referrer-Policy"] == "same-origin", url
    # The suggestions offered while typing, too.
    for url in ("/search/suggest/?q=sca", "/cy/search/suggest/?q=sga"):
        for response in (Client().get(url), Client().get(url)):  # built, then stored
            assert response["Cache-Control"] == "no-store", url
            assert response["Referrer-Policy"] == "same-origin", url
    # Results that are stored are kept by our own shared cache (Varnish) as sensitive pages are.
    stored = Client().get("/search/?q=scam")
    assert stored["Surrogate-Control"].startswith("max-age=")
    for url in (
        "/forces/find/?q=SW1A+2AA",
        "/forces/find/?q=Newport",
        "/forces/find/?q=Newport&choice=none",
        "/forces/find/?q=XY99+9ZZ",
    ):
        for response in (Client().get(url), Client().get(url)):
            assert response["Cache-Control"] == "no-store", url
            assert response["Referrer-Policy"] == "same-origin", url
            # One person's entry: not for Varnish either.
            assert not response.has_header("Surrogate-Control"), url


def test_the_question_form_is_never_kept_by_any_cache():
    response = Client().get("/ask/")
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("Surrogate-Control")
    assert not response.has_header("Surrogate-Key")


def test_only_pages_that_show_the_chosen_force_vary_on_cookies(content):
    force = Force.objects.filter(kind="territorial").first()
    for url in (content["answer"].get_absolute_url(), "/forces/", force.get_absolute_url()):
        assert "Cookie" in Client().get(url)["Vary"], url
    for url in ("/", "/topics/", content["topic"].get_absolute_url()):
        assert "Cookie" not in Client().get(url).get("Vary", ""), url
