import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import connection
from django.db.utils import OperationalError

from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


def csp_directives(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


def test_every_public_response_has_strict_security_headers(client):
    response = client.get("/")
    csp = csp_directives(response)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in response["Permissions-Policy"]
    # FLoC is long gone: browsers warn about the unknown feature.
    assert "interest-cohort" not in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_api_may_be_used_from_other_sites(client):
    response = client.get("/api/v1/forces/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_error_responses_carry_the_headers_too(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_pages_have_no_inline_script_or_style(client):
    topic = make_topic(name="Harassment", sensitive=True)
    answer = make_answer(number=497, question="What is harassment?", topics=[topic])
    for url in ("/", "/topics/", topic.get_absolute_url(), answer.get_absolute_url(), "/search/"):
        body = client.get(url).content.decode()
        assert "style=" not in body, url
        assert "<style" not in body, url
        for chunk in body.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag or 'type="application/ld+json"' in tag, (url, tag)
        assert " onclick=" not in body and " onload=" not in body, url


def test_sensitive_topics_and_answers_are_not_stored_and_send_no_referrer_away(client):
    topic = make_topic(name="Stalking", sensitive=True)
    answer = make_answer(number=151, question="What is stalking?", topics=[topic])
    for url in (topic.get_absolute_url(), answer.get_absolute_url()):
        response = client.get(url)
        assert response["Cache-Control"] == "no-store", url
        assert response["Referrer-Policy"] == "same-origin", url
    plain = client.get("/topics/")
    assert "no-store" not in plain.get("Cache-Control", "")


def test_database_errors_become_a_kind_503_page(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("gone")):
        response = client.get("/topics/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "Sorry, the service is unavailable" in body
    assert 'href="tel:999"' in body and "101" in body
    assert "OperationalError" not in body and "Traceback" not in body


def test_production_settings_pass_check_deploy_with_no_warnings():
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x9!" + "k" * 60 + "-a-long-random-production-like-key-0123456789",
        "ALLOWED_HOSTS": "advice.example.police.uk",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
