import pytest

from faq.references import find_references, link_references


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>See Q497 for further information.</p>", {497}),
        ("<p>see q151, Q497 and Q0012.</p>", {151, 497, 12}),
        ("<p>(Q9)</p>", {9}),
        ("<p>FAQ497 and Q497a and 2Q12 are not references</p>", set()),
        ('<p><a href="/q/497/x/" title="Q151">text</a></p>', set()),
        ("<p>No references here.</p>", set()),
        ("", set()),
    ],
)
def test_find_references(body, expected):
    assert find_references(body) == expected


def test_link_references_links_only_known_numbers():
    html = link_references("<p>See Q497 and Q9.</p>", {497: "/q/497/harassment/"})
    assert '<a href="/q/497/harassment/" class="xref">Q497</a>' in html
    assert "Q9." in html
    assert "/q/9/" not in html


def test_link_references_leaves_existing_links_alone():
    body = '<p><a href="https://example.org/Q497">Q497</a> then Q497</p>'
    html = link_references(body, {497: "/q/497/h/"})
    assert html.count('class="xref"') == 1
    assert 'href="https://example.org/Q497"' in html


def test_link_references_says_where_each_link_goes():
    html = link_references("<p>See Q497.</p>", {497: "/q/497/h/"}, {497: "What is <harassment>?"})
    title = '<span class="xref__title">: What is &lt;harassment&gt;?</span>'
    assert f'<a href="/q/497/h/" class="xref">Q497{title}</a>' in html
