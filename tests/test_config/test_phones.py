"""Phone numbers in text become tel: links, and nothing else does."""

import pytest

from common.phones import link_phone_numbers, link_phone_numbers_in_text


@pytest.mark.parametrize(
    ("text", "number", "href"),
    [
        ("call 999 now", "999", "tel:999"),
        ("report it on 101.", "101", "tel:101"),
        ("Relay UK: 18001 101.", "18001 101", "tel:18001101"),
        ("textphone 18000", "18000", "tel:18000"),
        ("Samaritans on 116 123", "116 123", "tel:116123"),
        ("Refuge (0808 2000 247)", "0808 2000 247", "tel:08082000247"),
        ("Crimestoppers, 0800 555 111,", "0800 555 111", "tel:0800555111"),
        ("on 020 7008 0151 any time", "020 7008 0151", "tel:02070080151"),
        ("Jersey: +44 1534 612612 from anywhere", "+44 1534 612612", "tel:+441534612612"),
        ("BTP 0800 40 50 40 or", "0800 40 50 40", "tel:0800405040"),
    ],
)
def test_phone_numbers_become_links(text, number, href):
    html = link_phone_numbers(f"<p>{text}</p>")
    assert f'<a href="{href}" class="tel">{number}</a>' in html


@pytest.mark.parametrize(
    "text", ["Q999 and Q101", "£999", "1.101 kg", "999%", "/path/999/", "page-101", "1999 and 1010"]
)
def test_other_numbers_stay_plain(text):
    assert link_phone_numbers(f"<p>{text}</p>") == f"<p>{text}</p>"


def test_never_inside_a_tag_or_an_existing_link():
    html = '<p><a href="https://example.org/999">Call 101 today</a> <abbr title="999">x</abbr></p>'
    assert link_phone_numbers(html) == html


def test_plain_text_is_escaped_before_numbers_are_linked():
    html = link_phone_numbers_in_text('<script>alert("101")</script> call 101')
    assert "<script>" not in html
    assert html.endswith('call <a href="tel:101" class="tel">101</a>')
