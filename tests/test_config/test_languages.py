"""English at /, Welsh at /cy/: every public page in both, a switch between them, hreflang
alternates and a sitemap that lists both."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from tests.factories import make_answer, make_topic
from tests.sitemaps import locations, sitemap_files

pytestmark = pytest.mark.django_db

SWITCH = re.compile(r'class="language-switch[^"]*">\s*<a href="([^"]+)" hreflang="([^"]+)"')
HTML_LANG = re.compile(r'<html lang="([^"]+)"')


def page_text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def content():
    topic = make_topic(name="Fraud")
    answer = make_answer(number=497, question="Is this a scam?", topics=[topic])
    return topic, answer


def public_paths(topic, answer):
    return [
        "/",
        "/topics/",
        topic.get_absolute_url(),
        answer.get_absolute_url(),
        "/search/?q=scam",
        "/forces/",
        "/forces/find/",
        "/forces/dyfed-powys/",
        "/ask/",
        "/ask/status/",
        "/accessibility/",
        "/privacy/",
        "/cookies/",
    ]


def test_every_public_page_answers_in_english_and_in_welsh(client, content):
    for path in public_paths(*content):
        english = client.get(path)
        welsh = client.get("/cy" + path)
        assert english.status_code == 200, path
        assert welsh.status_code == 200, "/cy" + path
        assert HTML_LANG.search(english.content.decode()).group(1) == "en-GB", path
        assert HTML_LANG.search(welsh.content.decode()).group(1) == "cy", path
        assert english["Content-Language"] == "en-gb"
        assert welsh["Content-Language"] == "cy"


def test_the_language_switch_leads_to_the_same_page_and_back(client, content):
    for path in public_paths(*content):
        to_welsh, hreflang = SWITCH.search(client.get(path).content.decode()).groups()
        assert (to_welsh, hreflang) == ("/cy" + path, "cy")
        back, hreflang = SWITCH.search(client.get(to_welsh).content.decode()).groups()
        assert (back, hreflang) == (path, "en-GB")


def test_pages_name_both_languages_as_alternates(client, content):
    _, answer = content
    path = answer.get_absolute_url()
    for page in (path, "/cy" + path):
        text = page_text(client.get(page))
        assert f'hreflang="en-GB" href="{settings.SITE_URL}{path}"' in text
        assert f'hreflang="cy" href="{settings.SITE_URL}/cy{path}"' in text
        assert f'hreflang="x-default" href="{settings.SITE_URL}{path}"' in text


def test_welsh_pages_are_in_welsh(client, content):
    text = page_text(client.get("/cy/"))
    assert "Neidio i'r prif gynnwys" in text
    assert "Mewn argyfwng, ffoniwch" in text
    assert "Skip to main content" not in text


def test_language_never_comes_from_the_browser(client, content):
    """One address is one page: Accept-Language and the language cookie change nothing, so no
    page varies on them (shared caches keep one copy)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy")
    assert HTML_LANG.search(response.content.decode()).group(1) == "en-GB"
    assert "Accept-Language" not in response.get("Vary", "")
    admin = client.get(f"/{settings.ADMIN_URL}login/", HTTP_ACCEPT_LANGUAGE="cy")
    assert admin["Content-Language"] == "en-gb"


def test_q_numbers_and_redirects_stay_in_welsh(client, content):
    _, answer = content
    for short in ("/cy/q497", "/cy/Q497", "/cy/q/497/"):
        response = client.get(short)
        assert response.status_code == 301
        assert response["Location"] == "/cy" + answer.get_absolute_url()


def test_missing_pages_are_404_in_the_language_asked_for(client, settings):
    settings.DEBUG = False
    response = client.get("/cy/dim/tudalen/")
    assert response.status_code == 404
    assert "Heb ddod o hyd i'r dudalen" in page_text(response)


def test_sitemap_lists_every_page_in_both_languages_with_alternates(client, content):
    topic, answer = content
    files = sitemap_files(client)
    locs = [loc for root in files for loc in locations(root)]
    for path in (answer.get_absolute_url(), topic.get_absolute_url()):
        assert f"{settings.SITE_URL}{path}" in locs
        assert f"{settings.SITE_URL}/cy{path}" in locs
    alternates = {
        (link.get("hreflang"), link.get("href"))
        for root in files
        for link in root.iter()
        if link.tag.endswith("link")
    }
    assert ("cy", f"{settings.SITE_URL}/cy{answer.get_absolute_url()}") in alternates
    assert ("en-gb", f"{settings.SITE_URL}{answer.get_absolute_url()}") in alternates


def test_welsh_pages_are_cached_apart_from_english(client, content):
    english = client.get("/topics/").content
    welsh = client.get("/cy/topics/").content
    assert english != welsh
    assert client.get("/cy/topics/").content == welsh  # from the cache, still Welsh
    assert client.get("/topics/").content == english


def test_api_admin_and_embeds_have_no_welsh_prefix(client, content):
    assert client.get("/cy/api/v1/answers/497").status_code == 404
    assert client.get("/embed/q/497/").status_code == 200
    assert client.get("/cy/embed/q/497/").status_code == 404


class _TextNodes(HTMLParser):
    """The visible text of a page, leaving out what is marked as another language."""

    SKIPPED = {"script", "style", "title"}
    VOID = {"meta", "link", "input", "br", "img", "hr", "source"}

    def __init__(self):
        super().__init__()
        self.stack, self.nodes = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        foreign = attrs.get("lang", "cy") not in ("cy",) or attrs.get("translate") == "no"
        self.stack.append((tag, foreign or tag in self.SKIPPED))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not any(skipped for _, skipped in self.stack[1:]):
            self.nodes.append(text)


def visible_text(response):
    parser = _TextNodes()
    parser.feed(response.content.decode())
    return parser.nodes


def test_welsh_pages_show_no_english_interface_text(client, content):
    """Each public page under /cy/: no text node (outside elements marked lang="en-GB") is the
    same as on the English page, apart from names and numbers that are the same in both."""
    from faq.models import AnswerTranslation, TopicTranslation

    topic, answer = content
    TopicTranslation.objects.create(topic=topic, language="cy", name="Twyll")
    AnswerTranslation.objects.create(
        answer=answer, language="cy", question="Ai sgam yw hwn?", summary="Efallai.",
        body="<p>Ateb.</p>",
    )  # fmt: skip
    same_in_both = {settings.SITE_NAME, "Q497", "Cymraeg", "English"}
    for path in public_paths(topic, answer):
        english = set(visible_text(client.get(path)))
        welsh = client.get("/cy" + path)
        left = [
            node
            for node in visible_text(welsh)
            if node in english
            and node not in same_in_both
            and re.search(r"[A-Za-z]{3}", node)
            and not re.fullmatch(r"[\w .,'()&-]*(Police|Constabulary|Heddlu)[\w .,'()&-]*", node)
            and not re.fullmatch(r"[\w.-]+\.(uk|com|org)(/\S*)?", node)  # web addresses
        ]
        assert left == [], "/cy" + path
