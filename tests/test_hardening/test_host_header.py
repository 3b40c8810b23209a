"""The Host header never shapes what is served: cached pages check ALLOWED_HOSTS before a hit,
and absolute addresses (canonical links, the feed, the sitemap, robots.txt) come from SITE_URL."""

import pytest

from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db

SITE_URL = "https://advice.example.police.uk"


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE_URL
    topic = make_topic(name="Harassment")
    return topic, make_answer(number=497, question="What is harassment?", topics=[topic])


def test_a_cached_page_is_not_served_to_a_host_we_do_not_serve(client, site):
    _, answer = site
    assert client.get(answer.get_absolute_url()).status_code == 200  # now cached
    assert client.get("/").status_code == 200
    for url in (answer.get_absolute_url(), "/"):
        response = client.get(url, HTTP_HOST="evil.example")
        assert response.status_code == 400, url


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])  # allowed, but not the public name
def test_absolute_addresses_come_from_site_url(client, site, host):
    topic, answer = site
    canonical = '<link rel="canonical" href="{}">'
    pages = {
        answer.get_absolute_url(): canonical.format(SITE_URL + answer.get_absolute_url()),
        topic.get_absolute_url(): canonical.format(SITE_URL + topic.get_absolute_url()),
        "/feeds/latest/": f'href="{SITE_URL}{answer.get_absolute_url()}"',
        "/sitemap.xml": f"<loc>{SITE_URL}/sitemap-answers.xml</loc>",
        "/sitemap-answers.xml": f"<loc>{SITE_URL}{answer.get_absolute_url()}</loc>",
        "/robots.txt": f"Sitemap: {SITE_URL}/sitemap.xml",
        # Issue 23, finding 9: the embed's canonical link, kept for everyone by the caches.
        "/embed/q/497/": canonical.format(SITE_URL + answer.get_absolute_url()),
    }
    for url, expected in pages.items():
        body = client.get(url, HTTP_HOST=host).content.decode()
        assert expected in body, url
        assert f"//{host}" not in body, url
