"""What every public page shares: the emergency line, who runs the site, the header."""

import pytest

from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer():
    topic = make_topic(name="Reporting")
    return make_answer(
        number=111,
        question="When should I call 999?",
        body="<p>Call 999 in an emergency, or the helpline on 0808 802 1414.</p>",
        topics=[topic],
    )


def test_emergency_line_links_999_101_and_the_relay_options(client, answer):
    html = client.get(answer.get_absolute_url()).content.decode()
    line = html[html.index('aria-label="Emergency contacts"') :][:900]
    assert '<a href="tel:999">999</a>' in line and '<a href="tel:101">101</a>' in line
    assert 'href="/accessibility/#contact-by-text"' in line


def test_numbers_in_an_answer_body_can_be_tapped(client, answer):
    html = client.get(answer.get_absolute_url()).content.decode()
    body = html[html.index('class="answer__body"') :]
    assert '<a href="tel:999" class="tel">999</a>' in body
    assert '<a href="tel:08088021414" class="tel">0808 802 1414</a>' in body


def test_site_owner_from_settings_in_header_and_footer(client, settings, answer):
    settings.SITE_OWNER = "Kent Police"
    settings.SITE_OWNER_URL = "https://www.kent.police.uk/"
    html = client.get("/").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    footer = html[html.index('<footer class="site-footer">') :]
    for part in (header, footer):
        assert '<a href="https://www.kent.police.uk/">Kent Police</a>' in part


def test_no_owner_line_when_none_is_set(client, settings, answer):
    settings.SITE_OWNER = ""
    html = client.get("/").content.decode()
    assert "site-header__owner" not in html and "is run by" not in html


@pytest.mark.parametrize("url", ["/", "/search/", "/search/?q=999"])
def test_home_and_search_have_one_search_box(client, answer, url):
    html = client.get(url).content.decode()
    assert html.count('type="search"') == 1
    assert "header-search" not in html


def test_other_pages_keep_the_header_search(client, answer):
    html = client.get(answer.get_absolute_url()).content.decode()
    assert 'id="header-search-q"' in html
