"""The emergency bar's way in for people who cannot call by voice says so in visible words
(issue 28, item 4): "Text or relay" alone was cryptic, its meaning read only to screen readers."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/", "Can't hear or speak on the phone? Use text or relay"),
        ("/cy/", "Methu clywed na siarad ar y ffôn? Defnyddiwch neges destun neu gyfnewid"),
    ],
)
def test_the_relay_link_says_who_it_is_for_in_visible_words(client, path, words):
    page = client.get(path).content.decode()
    relay = re.search(r'<p class="emergency__relay">(.*?)</p>', page, re.S).group(1)
    assert "visually-hidden" not in relay  # nothing only a screen reader hears
    link_text = re.sub(r"<[^>]+>", "", relay).replace("&#x27;", "'").replace("&#39;", "'")
    assert " ".join(link_text.split()) == words
    assert 'href="/' in relay and "#contact-by-text" in relay
