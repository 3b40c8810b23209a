"""Staff login: lockout after repeated failures, password rules, expiring sessions, admin path."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def test_admin_lives_at_the_configured_path():
    assert reverse("admin:index") == "/" + settings.ADMIN_URL


def test_login_works(client, axes_on):
    make_user(role="editor", username="dana", password=PASSWORD)
    response = attempt(client, "dana", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_locked_out_after_five_failures(client, axes_on):
    make_user(role="editor", username="erin", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "erin", "wrong password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = attempt(client, "erin", "wrong password")
    assert response.status_code == 429
    # Even the right password is refused during the cool-off.
    response = attempt(client, "erin", PASSWORD)
    assert response.status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302


def test_lockout_is_per_username_and_address(client, axes_on):
    make_user(role="editor", username="fred", password=PASSWORD)
    make_user(role="editor", username="gina", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "fred", "wrong password")
    assert attempt(client, "fred", PASSWORD).status_code == 429
    assert attempt(client, "fred", PASSWORD, ip="198.51.100.1").status_code == 302
    client.logout()
    assert attempt(client, "gina", PASSWORD).status_code == 302


def test_lockout_behind_the_proxy_is_by_the_real_address(client, axes_on, settings):
    """Behind nginx every request comes from 127.0.0.1: axes must count the forwarded client,
    taken from the right like the rate limits, so a forged left-most entry changes nothing."""
    from axes.models import AccessAttempt

    settings.TRUST_X_FORWARDED_FOR = True
    make_user(role="editor", username="hana", password=PASSWORD)

    def through_proxy(password, real, forged):
        return client.post(
            reverse("admin:login"),
            {"username": "hana", "password": password, "next": reverse("admin:index")},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{forged}, {real}",
        )

    for n in range(settings.AXES_FAILURE_LIMIT):
        through_proxy("wrong password", "198.51.100.20", f"192.0.2.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}
    assert through_proxy(PASSWORD, "198.51.100.20", "192.0.2.200").status_code == 429
    # The same username from another real address is not locked out.
    assert through_proxy(PASSWORD, "198.51.100.21", "192.0.2.1").status_code == 302


def test_cool_off_is_an_hour():
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 3600
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.parametrize("weak", ["password123", "12345678901234", "short", "gina-the-editor"])
def test_weak_passwords_are_refused(weak):
    user = make_user(role="editor", username="gina-the-editor")
    with pytest.raises(ValidationError):
        validate_password(weak, user=user)


def test_sessions_expire():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
