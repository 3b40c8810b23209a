import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.db.utils import OperationalError

from faq.models import Status
from tests.factories import make_answer, make_topic
from tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db


def test_healthz_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_503_when_database_does_not_answer(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_robots_txt_points_at_sitemap_and_hides_admin(client, settings):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body
    assert f"Disallow: /{settings.ADMIN_URL}" in body


def test_sitemap_lists_published_answers_and_topics(client):
    topic = make_topic(name="Fraud")
    make_answer(number=5, question="Is this a scam?", topics=[topic])
    make_answer(number=6, question="Hidden draft?", status=Status.DRAFT)
    locs = sitemap_locations(client)
    assert f"{settings.SITE_URL}/q/5/is-this-a-scam/" in locs
    assert f"{settings.SITE_URL}/topics/fraud/" in locs
    assert not any("/q/6/" in loc for loc in locs)


def test_atom_feed_lists_new_and_updated_answers(client):
    make_answer(number=5, question="Is this a scam?")
    make_answer(number=6, question="Hidden draft?", status=Status.DRAFT)
    response = client.get("/feeds/latest/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [el.text for el in root.iter() if el.tag.endswith("title")]
    assert "Q5: Is this a scam?" in titles
    assert not any("Hidden draft" in (t or "") for t in titles)


def test_404_page_is_in_site_design_and_leaks_nothing(client, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and 'href="tel:999"' in body
    assert "Traceback" not in body and "urlpatterns" not in body


def test_500_page_is_plain_and_leaks_nothing(rf):
    from web.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body and "999" in body
    assert "Traceback" not in body


def test_settings_refuse_default_secret_key_in_production():
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
