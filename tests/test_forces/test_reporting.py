"""Reporting in every nation: a force's online reporting page on its force page, on answers
when it is the chosen force and on the question form's "Do you need the police now?" page; and
for Scotland and Northern Ireland, what to do when you are there, not only from elsewhere."""

import html
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from forces.choice import FORCE_COOKIE
from forces.models import Force
from questions import forms as question_forms
from tests.factories import make_answer
from tests.test_questions.conftest import ask

pytestmark = pytest.mark.django_db

FORCES_JSON = Path(settings.BASE_DIR) / "forces" / "data" / "forces.json"
IN_THE_NATION = {
    "police-scotland": ("In Scotland, call", "https://www.scotland.police.uk/"),
    "psni": ("In Northern Ireland, call", "https://www.psni.police.uk/"),
}


def text(response):
    return html.unescape(response.content.decode())


def report_link(force):
    return f'<a href="{force.report_online_url}" rel="noopener">Report a crime or incident to '


@pytest.mark.parametrize("slug", ["kent", "metropolitan", "south-wales", "police-scotland", "psni"])
def test_the_force_page_links_its_online_reporting(client, slug):
    force = Force.objects.get(slug=slug)
    assert force.report_online_url
    page = text(client.get(force.get_absolute_url()))
    assert report_link(force) in page
    assert f"{force.short_name} online" in page


@pytest.mark.parametrize("slug", sorted(IN_THE_NATION))
def test_scotland_and_northern_ireland_say_what_to_do_when_you_are_there(client, slug):
    in_the_nation, _ = IN_THE_NATION[slug]
    page = text(client.get(f"/forces/{slug}/"))
    # First what to do there, then from elsewhere; 101 is a number to press.
    assert f'{in_the_nation} <a href="tel:101"' in page
    assert page.index(in_the_nation) < page.index("From elsewhere in the UK")


@pytest.mark.parametrize("slug", sorted(IN_THE_NATION))
def test_answers_show_the_chosen_forces_reporting(client, slug):
    force = Force.objects.get(slug=slug)
    answer = make_answer(number=40, question="Someone scratched my car: what can I do?")
    client.cookies[FORCE_COOKIE] = slug
    page = text(client.get(answer.get_absolute_url()))
    assert f"In your area: {force.name}" in page
    assert report_link(force) in page
    assert IN_THE_NATION[slug][0] in page


def test_the_call_999_page_links_the_chosen_forces_reporting(client, monkeypatch):
    monkeypatch.setattr(question_forms, "MIN_SECONDS_TO_FILL", 0)  # as tests/test_questions do
    scotland = Force.objects.get(slug="police-scotland")
    client.cookies[FORCE_COOKIE] = scotland.slug
    page = text(ask(client, "I want to report my neighbour for damaging my car"))
    assert "Do you need the police now?" in page
    assert f'<a href="{scotland.report_online_url}">report it online to Police Scotland</a>' in page


def test_a_force_without_a_confirmed_page_shows_none_but_still_101(client):
    force = Force.objects.get(slug="northumbria")
    assert force.report_online_url == ""  # not confirmed: left out rather than guessed
    page = text(client.get(force.get_absolute_url()))
    assert "Report a crime or incident to" not in page
    assert 'href="tel:101"' in page


def test_each_shipped_address_is_on_the_forces_own_site():
    """The shipped table and the database agree, and every address is the force's own site,
    over HTTPS (never a third party's page)."""
    rows = json.loads(FORCES_JSON.read_text(encoding="utf-8"))
    shipped = {row["slug"]: row["report_online_url"] for row in rows}
    assert dict(Force.objects.values_list("slug", "report_online_url")) == shipped
    for row in rows:
        if row["report_online_url"]:
            address, site = urlsplit(row["report_online_url"]), urlsplit(row["website"])
            assert address.scheme == "https", row["slug"]
            assert address.netloc == site.netloc, row["slug"]
    # Every nation of the UK has its reporting page.
    nations = set(Force.objects.exclude(report_online_url="").values_list("nation", flat=True))
    assert {"england", "wales", "scotland", "northern-ireland"} <= nations
