"""Security headers on the question pages, HSTS and cookie flags in production, CSRF everywhere."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from faq.models import Feedback
from forces.choice import FORCE_COOKIE
from questions.models import Submission
from tests.factories import make_answer
from tests.test_questions.conftest import hidden

from .production import production_requests

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def assert_strict_and_private(response):
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"  # no-referrer breaks CSRF (Origin: null)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_ask_pages_are_never_stored_and_send_no_referrer(client):
    page = client.get("/ask/")
    assert_strict_and_private(page)
    step1 = client.post(
        "/ask/",
        {"question": "Can my ex keep texting me every day?", "started": hidden(page, "started")},
    )
    assert_strict_and_private(step1)
    assert_strict_and_private(client.get("/ask/status/"))
    assert_strict_and_private(client.get("/ask/thanks/"))


def test_the_status_page_is_never_stored_and_sends_no_referrer(client):
    from tests.factories import make_submission

    item = make_submission()
    response = client.get(f"/ask/status/{item.reference}/")
    assert response.status_code == 200
    assert_strict_and_private(response)
    missing = client.get("/ask/status/Q-2222-2222/")
    assert missing.status_code == 404
    assert_strict_and_private(missing)


def test_production_sends_preload_ready_hsts_and_redirects_to_https(tmp_path):
    plain, secure = production_requests(
        [("get", "/robots.txt", False), ("get", "/robots.txt", True)], tmp_path
    )
    assert plain["status"] == 301
    assert plain["headers"]["Location"] == "https://advice.example.police.uk/robots.txt"
    assert secure["status"] == 200
    hsts = secure["headers"]["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert secure["headers"]["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in secure["headers"]["Content-Security-Policy"]


def test_production_cookies_are_secure_httponly_and_lax(tmp_path):
    # The force cookie is set only when the person presses "Remember this force".
    remember, ask = production_requests(
        [("post", "/forces/choose/", True, {"force": "thames-valley"}), ("get", "/ask/", True)],
        tmp_path,
        migrate=True,
    )
    assert remember["status"] == 302 and ask["status"] == 200
    for name, cookie in (
        ("force", remember["cookies"][FORCE_COOKIE]),
        ("csrf", ask["cookies"]["csrftoken"]),
    ):
        assert cookie["secure"] == "True", name
        assert cookie["httponly"] == "True", name
        assert cookie["samesite"] == "Lax", name
    # Issue 23, finding 14: opening the question form leaves no year-long trace on the device.
    assert ask["cookies"]["csrftoken"]["max-age"] == "", "csrftoken outlives the browser"


def test_cookie_settings():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == settings.CSRF_COOKIE_SAMESITE == "Lax"


def test_the_force_cookie_holds_only_a_slug(client):
    found = client.get("/forces/find/", {"q": "OX1 1AA"})
    assert FORCE_COOKIE not in found.cookies  # finding a force remembers nothing by itself
    response = client.post(
        "/forces/choose/", {"force": "thames-valley", "next": found.request["PATH_INFO"]}
    )
    morsel = response.cookies[FORCE_COOKIE]
    assert morsel.value == "thames-valley"
    assert re.fullmatch(r"[a-z0-9-]+", morsel.value)
    assert morsel["httponly"] and morsel["samesite"] == "Lax"
    assert "OX1" not in str(morsel).upper()  # never the postcode typed
    chosen = client.post("/forces/choose/", {"force": "kent"})
    assert chosen.cookies[FORCE_COOKIE].value == "kent"
    assert chosen.cookies[FORCE_COOKIE]["httponly"]


def test_every_post_form_carries_a_csrf_token_or_posts_to_an_origin_checked_view():
    """Forms on shared, cacheable pages carry no token: their views check the Origin instead."""
    from django.urls import resolve, reverse

    forms = checked = 0
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", text, re.S | re.I):
            forms += 1
            if "{% csrf_token %}" in form:
                continue
            action = re.search(r"action=\"\{% url '([a-z_:]+)'( answer\.number)? %\}\"", form)
            assert action, f"{path}: a POST form with neither a token nor a known action"
            url = reverse(action[1], args=[1] if action[2] else [])
            assert getattr(resolve(url).func, "origin_checked", False), (path, action[1])
            checked += 1
    assert forms >= 6 and checked >= 3


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_every_public_post_refuses_a_missing_csrf_token(strict_client):
    answer = make_answer(number=497, question="What is harassment?")
    posts = {
        "/ask/": {"question": "Is it a crime if he reads my texts?"},
        "/ask/details/": {"draft": "x", "send": "1"},
        "/ask/check/": {"confirm": "x", "send": "1"},
        f"/q/{answer.number}/feedback/": {"helpful": "yes", "comment": "Thanks"},
        "/forces/choose/": {"force": "kent"},
        "/forces/forget/": {},
    }
    strict_client.get("/ask/")  # has a CSRF cookie, but posts without the token
    for url, data in posts.items():
        response = strict_client.post(url, data)
        assert response.status_code == 403, url
        assert FORCE_COOKIE not in response.cookies, url
    assert not Submission.objects.exists()
    assert not Feedback.objects.exists()


PUBLIC_POSTS_WITHOUT_TOKEN = {
    "/q/497/feedback/": {"helpful": "yes", "comment": "Thanks"},
    "/forces/choose/": {"force": "kent"},
    "/forces/forget/": {},
}


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://evil.advice.example.police.uk"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/form.html"},
        {},  # a browser that says nothing about where the form came from
    ],
)
def test_every_public_post_is_refused_cross_site(headers):
    make_answer(number=497, question="What is harassment?")
    browser = Client(headers=headers)
    for url, data in PUBLIC_POSTS_WITHOUT_TOKEN.items():
        response = browser.post(url, data)
        assert response.status_code == 403, url
        assert "We could not accept that form" in response.content.decode(), url
        assert response["Cache-Control"] == "no-store", url
        assert FORCE_COOKIE not in response.cookies, url
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},
        {"Origin": settings.SITE_URL},
        {"Sec-Fetch-Site": "none", "Origin": "http://testserver"},
        {"Referer": "http://testserver/q/497/what-is-harassment/"},
    ],
)
def test_public_posts_from_our_own_pages_are_accepted_without_a_token(headers):
    make_answer(number=497, question="What is harassment?")
    browser = Client(enforce_csrf_checks=True, headers=headers)
    assert browser.post("/q/497/feedback/", {"helpful": "yes"}).status_code == 302
    chosen = browser.post("/forces/choose/", {"force": "kent"})
    assert chosen.status_code == 302 and chosen.cookies[FORCE_COOKIE].value == "kent"
    assert browser.post("/forces/forget/").status_code == 302
    assert Feedback.objects.count() == 1


def test_only_the_embeds_script_and_stylesheet_may_be_used_by_other_sites(tmp_path):
    """Issue 29: Django (whitenoise, without nginx in front) sends the same as nginx does."""
    paths = ["/static/js/embed.js", "/static/css/embed-widget.css", "/static/css/site.css"]
    script, stylesheet, ours = production_requests([("get", p, True) for p in paths], tmp_path)
    for response in (script, stylesheet):
        assert response["status"] == 200
        assert response["headers"]["Cross-Origin-Resource-Policy"] == "cross-origin"
        assert response["headers"]["Access-Control-Allow-Origin"] == "*"
    assert ours["status"] == 200
    assert ours["headers"]["Cross-Origin-Resource-Policy"] == "same-origin"
