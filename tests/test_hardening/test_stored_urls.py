"""Every stored address that becomes a link is http or https: in the model, the admin and the
importer (a `javascript:` social account was accepted and rendered as a link)."""

import json

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from faq.models import Answer, RetiredNumber, Topic
from forces.models import Force
from tests.factories import make_answer

pytestmark = pytest.mark.django_db

HOSTILE = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.com/x",
    "//evil.example/",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_the_model_refuses_non_web_addresses(url):
    force = Force.objects.get(slug="kent")
    force.social_accounts = [{"name": "X", "url": url}]
    with pytest.raises(ValidationError) as caught:
        force.full_clean()
    assert "social_accounts" in caught.value.message_dict
    for field in Force.URL_FIELDS:
        force = Force.objects.get(slug="kent")
        setattr(force, field, url)
        with pytest.raises(ValidationError):
            force.full_clean()


def test_the_shipped_forces_pass():
    for force in Force.objects.all():
        force.validate_urls()


def admin_form(force, **changes):
    data = {
        name: getattr(force, name)
        for name in (
            "name",
            "short_name",
            "slug",
            "code",
            "nation",
            "kind",
            "website",
            "non_emergency_number",
            "non_emergency_outside_area",
            "report_online_url",
            "contact_url",
            "textphone",
            "questions_email",
            "description",
        )
    }
    data["social_accounts"] = json.dumps(force.social_accounts)
    data.update(changes)
    return data


@pytest.mark.parametrize("url", HOSTILE[:3])
def test_the_admin_refuses_them_and_pages_never_link_them(client, url):
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x" * 16))
    kent = Force.objects.get(slug="kent")
    change = reverse("admin:forces_force_change", args=[kent.pk])
    accounts = json.dumps([{"name": "Evil", "url": url}])
    response = client.post(change, admin_form(kent, social_accounts=accounts))
    assert response.status_code == 200
    assert "must start with https://" in response.content.decode()
    response = client.post(change, admin_form(kent, website=url))
    assert response.status_code == 200
    kent.refresh_from_db()
    assert all(a["url"].startswith("https://") for a in kent.social_accounts)
    assert not kent.website.lower().startswith(("javascript", "data"))
    client.logout()
    page = client.get(kent.get_absolute_url()).content.decode()
    assert url not in page
    assert url not in json.dumps(client.get(f"/api/v1/forces/{kent.slug}/").json())


def test_a_good_address_is_accepted(client):
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x" * 16))
    kent = Force.objects.get(slug="kent")
    accounts = json.dumps([{"name": "Kent on X", "url": "https://x.com/kent_police"}])
    change = reverse("admin:forces_force_change", args=[kent.pk])
    assert client.post(change, admin_form(kent, social_accounts=accounts)).status_code == 302
    kent.refresh_from_db()
    assert kent.social_accounts == [{"name": "Kent on X", "url": "https://x.com/kent_police"}]


def _export_with(tmp_path, mutate):
    path = tmp_path / "content.json"
    call_command("export_content", str(path))
    data = json.loads(path.read_text())
    mutate(data)
    Force.objects.all().delete()
    path.write_text(json.dumps(data))
    return path


def test_the_importer_refuses_a_javascript_social_account(tmp_path):
    def poison(data):
        data["forces"][0]["social_accounts"] = [{"name": "X", "url": "javascript:alert(1)"}]

    path = _export_with(tmp_path, poison)
    with pytest.raises(CommandError, match="https"):
        call_command("import_content", str(path))
    assert not Force.objects.exists()  # nothing half-imported


def test_the_importer_refuses_a_javascript_related_link(tmp_path):
    make_answer(number=12, links=[("Advice", "https://www.citizensadvice.org.uk/")])

    def poison(data):
        data["answers"][0]["links"][0]["url"] = "javascript:alert(1)"

    path = _export_with(tmp_path, poison)
    Answer.objects.all().delete()
    RetiredNumber.objects.all().delete()
    Topic.objects.all().delete()
    with pytest.raises(CommandError, match="http"):
        call_command("import_content", str(path))
