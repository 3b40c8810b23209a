"""Pages whose cost does not grow with the number of answers (issue 27): the same number of
queries at two sizes, lists a page at a time, and what a person sees on those pages."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from faq import pages
from faq.models import Answer, AnswerTranslation, Status
from faq.sitemaps import SiteUrlSitemap
from tests.factories import make_answer, make_topic
from tests.sitemaps import locations, sitemap_locations

pytestmark = pytest.mark.django_db

_next_number = iter(range(50_000, 60_000))


def add_answers(topic, count, *, prefix="Bulk question"):
    """`count` published answers filed under `topic`, written in bulk as an import would."""
    rows = []
    for i in range(count):
        number = next(_next_number)
        rows.append(
            Answer(
                number=number,
                question=f"{prefix} {i:04d}?",
                slug=f"bulk-question-{number}",
                summary="A summary.",
                body="<p>An answer.</p>",
                status=Status.PUBLISHED,
                primary_topic=topic,
            )
        )
    Answer.objects.bulk_create(rows)
    created = Answer.objects.filter(number__in=[row.number for row in rows])
    through = Answer.topics.through
    through.objects.bulk_create([through(answer_id=a.pk, topic_id=topic.pk) for a in created])


def text(response):
    return response.content.decode()


def queries(client, url):
    cache.clear()  # the page being built, not served from the page cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def tree():
    parent = make_topic(name="Crime")
    child = make_topic(name="Fraud", parent=parent)
    other = make_topic(name="Theft", parent=parent)
    leaf = make_topic(name="Scams", parent=child)
    make_answer(number=10, question="Is this a scam?", topics=[leaf])
    make_answer(number=11, question="Was my bike stolen?", topics=[other])
    make_answer(number=12, question="What counts as crime?", topics=[parent])
    make_answer(number=14, question="What is fraud?", topics=[child])
    make_answer(number=15, question="Can I report a theft online?", topics=[other])
    return {"parent": parent, "child": child, "other": other, "leaf": leaf}


PAGES = [
    "/",
    "/topics/",
    "/topics/crime/",
    "/topics/crime/fraud/",
    "/topics/crime/fraud/scams/",
    "/a-z/",
    "/a-z/?letter=C",
    "/a-z/?letter=%23",
    "/cy/a-z/",
    "/cy/a-z/?letter=not-in-welsh",
    "/cy/a-z/?letter=C",
    "/sitemap.xml",
    "/sitemap-answers.xml",
    "/sitemap-topics.xml",
    "/feeds/latest/",
    "/feeds/topics/crime/",
    "/cy/",
    "/cy/topics/crime/",
]


def test_query_counts_do_not_grow_with_the_number_of_answers(
    client, tree, monkeypatch, django_assert_max_num_queries
):
    # Small pages, so that 250 answers make several of each: the same code as 1,000 a file.
    monkeypatch.setattr(SiteUrlSitemap, "limit", 40)
    small = {url: queries(client, url) for url in PAGES}
    for topic in tree.values():
        add_answers(topic, 250, prefix=f"{topic.name} question")
    for url, count in small.items():
        cache.clear()
        with django_assert_max_num_queries(count, info=url):
            assert client.get(url).status_code == 200, url


def test_pages_show_a_bounded_number_of_questions(client, tree):
    for topic in tree.values():
        add_answers(topic, 250, prefix=f"{topic.name} question")
    parent = text(client.get("/topics/crime/"))
    # Its own questions a page at a time, each subtopic's first few, with a way to all of them.
    assert parent.count("Crime question") == pages.TOPIC_PAGE_SIZE
    assert parent.count("Fraud question") == pages.SUBTOPIC_PREVIEW
    # Theft's first: "Can I report a theft online?", then its bulk questions.
    assert "Can I report a theft online?" in parent
    assert parent.count("Theft question") == pages.SUBTOPIC_PREVIEW - 1
    assert 'href="/topics/crime/fraud/">All questions in Fraud</a>' in parent
    a_to_z = text(client.get("/a-z/"))
    # C's first: "Can I report a theft online?", then the bulk questions.
    assert a_to_z.count("Crime question") == pages.A_TO_Z_SHOWN - 1
    assert 'href="/a-z/?letter=C">All 251 questions under C</a>' in a_to_z
    welsh = text(client.get("/cy/a-z/"))
    # Not in Welsh yet: the first few ("Can I report a theft online?", then the bulk ones).
    assert welsh.count("question 0") == pages.A_TO_Z_SHOWN - 1
    assert 'href="/cy/a-z/?letter=not-in-welsh">' in welsh
    sitemap = ET.fromstring(client.get("/sitemap-answers.xml").content)
    assert len(locations(sitemap)) <= 2 * SiteUrlSitemap.limit  # each in English and Welsh


def test_a_topic_with_many_answers_is_read_a_page_at_a_time(client, tree):
    add_answers(tree["leaf"], 120)
    first = text(client.get("/topics/crime/fraud/scams/"))
    assert first.count("Bulk question") == 50
    assert "Bulk question 0000?" in first and "Bulk question 0049?" in first
    assert "Bulk question 0050?" not in first
    nav = re.search(
        r'<nav class="pagination" aria-label="Pages of questions">.*?</nav>', first, re.S
    )
    assert nav, "a pagination nav"
    nav = nav.group(0)
    assert "Page 1 of 3" in nav
    assert 'href="/topics/crime/fraud/scams/?page=2" rel="next"' in nav
    assert 'rel="prev"' not in nav
    assert 'aria-current="page"' in nav
    assert 'href="/topics/crime/fraud/scams/?page=3"' in nav
    # Plain links: following one is an ordinary request, no script involved.
    second = text(client.get("/topics/crime/fraud/scams/?page=2"))
    assert "Bulk question 0050?" in second and "Bulk question 0099?" in second
    assert "Bulk question 0049?" not in second and "Bulk question 0100?" not in second
    assert "<title>Scams (page 2 of 3)" in second
    canonical = f"{settings.SITE_URL}/topics/crime/fraud/scams/?page=2"
    assert f'<link rel="canonical" href="{canonical}">' in second
    assert 'href="/topics/crime/fraud/scams/" rel="prev"' in second
    last = text(client.get("/topics/crime/fraud/scams/?page=3"))
    # "Is this a scam?" sorts after the bulk questions: every answer is on exactly one page.
    assert last.count("Bulk question") == 20 and "Is this a scam?" in last
    assert 'rel="next"' not in last


@pytest.mark.parametrize(
    ("asked", "sent_to"),
    [
        ("1", "/topics/crime/fraud/scams/"),
        ("0", "/topics/crime/fraud/scams/"),
        ("-2", "/topics/crime/fraud/scams/"),
        ("abc", "/topics/crime/fraud/scams/"),
        ("2.5", "/topics/crime/fraud/scams/"),
        ("02", "/topics/crime/fraud/scams/?page=2"),
        ("9", "/topics/crime/fraud/scams/?page=3"),
        ("99999999999999999999999", "/topics/crime/fraud/scams/?page=3"),
    ],
)
def test_a_page_number_that_is_not_a_page_leads_to_the_nearest_page(client, tree, asked, sent_to):
    add_answers(tree["leaf"], 120)
    response = client.get(f"/topics/crime/fraud/scams/?page={asked}")
    assert response.status_code == 302
    assert response["Location"] == sent_to
    assert client.get(sent_to).status_code == 200


def test_a_topic_with_few_answers_has_no_pagination(client, tree):
    body = text(client.get("/topics/crime/fraud/scams/"))
    assert 'class="pagination"' not in body
    assert client.get("/topics/crime/fraud/scams/?page=2")["Location"] == (
        "/topics/crime/fraud/scams/"
    )


def test_welsh_pages_follow_the_welsh_questions(client, tree, monkeypatch):
    monkeypatch.setattr(pages, "TOPIC_PAGE_SIZE", 2)
    leaf = tree["leaf"]
    answers = [make_answer(question=f"English {letter}?", topics=[leaf]) for letter in "ABC"]
    # In Welsh the order is the other way round.
    for answer, welsh in zip(answers, ["Ydy C?", "Ydy B?", "Ydy A?"], strict=True):
        AnswerTranslation.objects.create(
            answer=answer, language="cy", question=welsh, summary="Crynodeb.", body="<p>Ie.</p>"
        )
    first = text(client.get("/cy/topics/crime/fraud/scams/"))
    assert "Is this a scam?" in first and "Ydy A?" in first and "Ydy B?" not in first
    assert "Tudalen 1 o 2" in first
    assert 'href="/cy/topics/crime/fraud/scams/?page=2" rel="next"' in first
    second = text(client.get("/cy/topics/crime/fraud/scams/?page=2"))
    assert "Ydy B?" in second and "Ydy C?" in second and "Ydy A?" not in second


def test_a_new_answer_shows_on_the_stored_page_it_falls_on(client, tree):
    add_answers(tree["leaf"], 60)
    assert "Bulk question 0055a?" not in text(client.get("/topics/crime/fraud/scams/?page=2"))
    assert client.get("/topics/crime/fraud/scams/?page=2").status_code == 200  # stored
    make_answer(question="Bulk question 0055a?", topics=[tree["leaf"]])
    assert "Bulk question 0055a?" in text(client.get("/topics/crime/fraud/scams/?page=2"))


def test_a_new_answer_in_a_subtopic_shows_on_the_stored_parent_page(client, tree):
    assert "Aaa first fraud question?" not in text(client.get("/topics/crime/"))
    make_answer(question="Aaa first fraud question?", topics=[tree["leaf"]])
    assert "Aaa first fraud question?" in text(client.get("/topics/crime/"))


def test_the_sitemap_is_an_index_of_bounded_files(client, tree, monkeypatch):
    monkeypatch.setattr(SiteUrlSitemap, "limit", 40)
    add_answers(tree["leaf"], 100)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    files = locations(index)
    site = settings.SITE_URL
    assert files == [
        f"{site}/sitemap-answers.xml",
        f"{site}/sitemap-answers.xml?p=2",
        f"{site}/sitemap-answers.xml?p=3",
        f"{site}/sitemap-topics.xml",
    ]
    listed = sitemap_locations(client)
    for answer in Answer.objects.published():
        assert listed.count(site + answer.get_absolute_url()) == 1
        assert listed.count(f"{site}/cy{answer.get_absolute_url()}") == 1
    assert client.get("/sitemap-answers.xml?p=4").status_code == 404
    assert client.get("/sitemap-answers.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_each_sitemap_file_says_when_its_section_last_changed(client, tree, monkeypatch):
    from datetime import datetime

    monkeypatch.setattr(SiteUrlSitemap, "limit", 40)
    add_answers(tree["leaf"], 100)
    latest = Answer.objects.published().order_by("-updated_at").first().updated_at
    index = ET.fromstring(client.get("/sitemap.xml").content)
    answer_files = [entry for entry in index if "sitemap-answers" in entry.find("{*}loc").text]
    assert len(answer_files) == 3
    for entry in answer_files:
        assert datetime.fromisoformat(entry.find("{*}lastmod").text) == latest


def test_the_sitemap_is_rebuilt_when_an_answer_is_published(client, tree):
    assert "/q/77/" not in text(client.get("/sitemap-answers.xml"))
    make_answer(number=77, question="Newly published?", topics=[tree["leaf"]])
    assert "/q/77/newly-published/" in text(client.get("/sitemap-answers.xml"))
    assert client.get("/sitemap.xml").status_code == 200


def test_question_of_the_day_is_a_published_answer_that_changes_with_the_day(tree):
    from datetime import date, timedelta

    make_answer(number=13, question="A draft?", status=Status.DRAFT)
    start = date(2026, 1, 1)
    seen = {pages.question_of_the_day(start + timedelta(days=n)).number for n in range(30)}
    assert seen == {10, 11, 12, 14, 15}
    assert pages.question_of_the_day(start).number == pages.question_of_the_day(start).number


def test_a_letter_of_the_a_to_z_has_its_own_pages(client, tree):
    add_answers(tree["leaf"], 230, prefix="Can I")
    overview = text(client.get("/a-z/"))
    assert overview.count("Can I 0") == pages.A_TO_Z_SHOWN
    first = text(client.get("/a-z/?letter=C"))
    assert first.count("Can I 0") == pages.A_TO_Z_PAGE_SIZE
    assert "Can I 0000?" in first and "Can I 0199?" in first and "Can I 0200?" not in first
    assert "<title>C \u2013 A to Z of questions" in first
    assert 'href="/a-z/?letter=C&amp;page=2" rel="next"' in first
    assert 'href="/a-z/?letter=W"' in first  # every letter leads to its own page
    assert 'href="/a-z/?letter=C" aria-current="page">C</a>' in first
    second = text(client.get("/a-z/?letter=C&page=2"))
    # The rest of C, then "Is this a scam?" is under I, "Was my bike stolen?" under W.
    assert second.count("Can I 0") == 30 and "Can I 0229?" in second
    assert "Is this a scam?" not in second
    assert "What counts as crime?" in text(client.get("/a-z/?letter=W"))
    assert 'rel="next"' not in second and 'href="/a-z/?letter=C" rel="prev"' in second


@pytest.mark.parametrize(
    ("asked", "sent_to"),
    [
        ("letter=ZZ", "/a-z/"),
        ("letter=c", "/a-z/"),
        ("letter=C&page=1", "/a-z/?letter=C"),
        ("letter=C&page=x", "/a-z/?letter=C"),
        ("letter=C&page=9", "/a-z/?letter=C&page=2"),
    ],
)
def test_an_a_to_z_page_that_is_not_one_leads_to_the_nearest(client, tree, asked, sent_to):
    add_answers(tree["leaf"], 230, prefix="Can I")
    response = client.get(f"/a-z/?{asked}")
    assert response.status_code == 302
    assert response["Location"] == sent_to


def test_the_welsh_a_to_z_lists_answers_not_in_welsh_yet_a_page_at_a_time(client, tree):
    add_answers(tree["leaf"], 230, prefix="Can I")
    overview = text(client.get("/cy/a-z/"))
    assert 'href="/cy/a-z/?letter=not-in-welsh">' in overview
    english = text(client.get("/cy/a-z/?letter=not-in-welsh"))
    assert english.count("Can I 0") == pages.A_TO_Z_PAGE_SIZE
    assert 'lang="en-GB"' in english
    assert 'href="/cy/a-z/?letter=not-in-welsh&amp;page=2" rel="next"' in english
    rest = text(client.get("/cy/a-z/?letter=not-in-welsh&page=2"))
    assert "Can I 0229?" in rest and "Was my bike stolen?" in rest
