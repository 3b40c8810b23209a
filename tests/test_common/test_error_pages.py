"""The error pages keep what a person in danger needs: 999, and the quick exit."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from common import crisis


def assert_quick_exit_and_999(body, settings):
    assert "data-quick-exit" in body
    assert f'href="{settings.QUICK_EXIT_URL}"' in body
    assert "Exit this page" in body
    assert "does not clear your browsing history" in body
    assert 'href="tel:999"' in body


@pytest.mark.django_db
def test_a_500_page_shows_the_quick_exit_and_still_shows_999(settings):
    client = Client(raise_request_exception=False)
    with mock.patch.object(crisis, "assess", side_effect=RuntimeError("a fault")):
        response = client.get("/search/", {"q": "he is outside with a knife"})
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert_quick_exit_and_999(body, settings)
    assert "RuntimeError" not in body


@pytest.mark.django_db
def test_a_503_page_while_the_database_is_down_shows_the_quick_exit_and_999(client, settings):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "Sorry, the service is unavailable" in body
    assert_quick_exit_and_999(body, settings)


def test_the_front_stacks_static_503_page_has_the_quick_exit_too(settings):
    from django.template.loader import render_to_string

    body = render_to_string("errors/503.html", {"front_stack": True})
    assert_quick_exit_and_999(body, settings)
