"""The shipped starter content, loaded through the real loader into the real database."""

import json
import re
from urllib.parse import urlsplit

import pytest

from faq.models import Answer, CrossReference, RelatedLink, Status, Topic
from faq.references import find_references
from faq.starter import STARTER_DIR, load_starter_content, parse_answer_file

pytestmark = pytest.mark.django_db

ANSWER_FILES = sorted((STARTER_DIR / "answers").glob("*.txt"))
SPECS = [parse_answer_file(path) for path in ANSWER_FILES]
STARTER_NUMBERS = {spec.number for spec in SPECS}


def _topic_paths(nodes, prefix=""):
    for node in nodes:
        path = f"{prefix}/{node['slug']}" if prefix else node["slug"]
        yield path
        yield from _topic_paths(node.get("children", []), path)


@pytest.fixture
def loaded():
    report = load_starter_content()
    assert report.problems == []
    return report


def _snapshot():
    return {
        "topics": Topic.objects.count(),
        "answers": dict(Answer.objects.values_list("number", "updated_at")),
        "links": RelatedLink.objects.count(),
        "references": CrossReference.objects.count(),
    }


def test_loading_creates_the_tree_and_published_answers(loaded):
    assert Topic.objects.filter(depth=1).count() >= 12
    assert Topic.objects.filter(depth__gt=1).count() >= 25
    assert Answer.objects.published().count() >= 60
    assert loaded.answers_created == len(SPECS)
    assert not Answer.objects.exclude(status=Status.PUBLISHED).exists()


def test_loading_twice_creates_and_changes_nothing(loaded):
    before = _snapshot()
    again = load_starter_content()
    assert again.topics_created == 0
    assert again.answers_created == 0
    assert again.answers_existing == len(SPECS)
    assert again.problems == []
    assert _snapshot() == before


def test_file_names_match_unique_answer_numbers():
    assert len(STARTER_NUMBERS) == len(SPECS)
    for path, spec in zip(ANSWER_FILES, SPECS, strict=True):
        assert path.name == f"q{spec.number:04d}.txt"
        assert 100 <= spec.number <= 1999  # Q1153-Q1399, then Q1400-Q1999: issue 24 batches


def test_every_topic_path_in_every_answer_exists():
    tree = json.loads((STARTER_DIR / "topics.json").read_text(encoding="utf-8"))
    paths = set(_topic_paths(tree))
    for spec in SPECS:
        assert spec.topics, f"Q{spec.number} has no topics"
        missing = [t for t in spec.topics if t not in paths]
        assert not missing, f"Q{spec.number}: unknown topics {missing}"


def test_loaded_answers_sit_in_their_primary_topic(loaded):
    for answer in Answer.objects.select_related("primary_topic"):
        assert answer.primary_topic is not None
        assert answer.topics.filter(pk=answer.primary_topic_id).exists()


def test_every_cross_reference_points_at_a_starter_answer():
    for spec in SPECS:
        dangling = find_references(spec.body) - STARTER_NUMBERS
        assert not dangling, f"Q{spec.number} refers to missing answers {sorted(dangling)}"


def test_anchor_answers_keep_their_numbers(loaded):
    harassment = Answer.objects.get(number=497)
    stalking = Answer.objects.get(number=151)
    assert "harassment" in harassment.question.lower()
    assert "stalking" in stalking.question.lower()
    assert 151 in find_references(harassment.body)
    assert 497 in find_references(stalking.body)


def test_every_answer_has_https_related_links(loaded):
    for answer in Answer.objects.prefetch_related("links"):
        urls = [link.url for link in answer.links.all()]
        assert urls, f"Q{answer.number} has no Related Information links"
        assert all(url.startswith("https://") for url in urls), f"Q{answer.number}: {urls}"


def test_answers_have_summaries_keywords_and_jurisdictions():
    jurisdictions = {spec.jurisdiction for spec in SPECS}
    assert {"england-wales", "scotland", "northern-ireland", "uk"} <= jurisdictions
    for spec in SPECS:
        assert spec.question.endswith("?")
        assert 0 < len(spec.summary) <= 300
        assert "," in spec.keywords
        assert spec.reviewed is not None
        words = len(re.sub(r"<[^>]+>", " ", spec.body).split())
        assert 150 <= words <= 400, f"Q{spec.number} has {words} words"


def test_the_tree_is_sound(loaded):
    assert not any(Topic.objects.find_problems())


def test_sensitive_topics_exist(loaded):
    sensitive = set(Topic.objects.filter(sensitive=True).values_list("url_path", flat=True))
    assert {
        "harassment-and-stalking",
        "harassment-and-stalking/stalking",
        "domestic-abuse",
        "sexual-offences",
        "online-safety/children-online",
    } <= sensitive
    assert not Topic.objects.get(url_path="roads-and-driving").sensitive


@pytest.mark.parametrize("number", [497, 151, 111, 520, 936, 603])
def test_answer_pages_render(client, loaded, number):
    answer = Answer.objects.get(number=number)
    response = client.get(answer.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert answer.question in content.replace("&#x27;", "'")
    assert "Related information" in content


def test_cross_references_render_as_links(client, loaded):
    stalking_url = Answer.objects.get(number=151).get_absolute_url()
    response = client.get(Answer.objects.get(number=497).get_absolute_url())
    content = response.content.decode()
    title = '<span class="xref__title">: What is stalking?</span>'
    assert f'<a href="{stalking_url}" class="xref">Q151{title}</a>' in content


def test_sensitive_answer_pages_are_kept_by_no_browser(client, loaded):
    response = client.get(Answer.objects.get(number=151).get_absolute_url())
    assert "quick-exit" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    response = client.get(Answer.objects.get(number=935).get_absolute_url())
    assert "quick-exit" in response.content.decode()  # on every page
    assert response["Cache-Control"].startswith("public")


OFFICIAL_HOSTS = (
    "legislation.gov.uk",
    "gov.uk",
    "gov.scot",
    "mygov.scot",
    "police.uk",
    "nhs.uk",
    "judiciary.uk",
    "copfs.gov.uk",
    "policeombudsman.org",
    "caa.co.uk",
    "ico.org.uk",
    "ofcom.org.uk",
    "financial-ombudsman.org.uk",
    "psr.org.uk",
)


def test_there_are_at_least_250_answers_for_every_nation():
    assert len(SPECS) >= 250
    for jurisdiction in ("scotland", "northern-ireland"):
        assert sum(spec.jurisdiction == jurisdiction for spec in SPECS) >= 20, jurisdiction


def test_every_answer_links_the_law_or_an_official_body():
    for spec in SPECS:
        hosts = [urlsplit(url).hostname or "" for _, url, _ in spec.links]
        assert any(
            host == official or host.endswith("." + official)
            for host in hosts
            for official in OFFICIAL_HOSTS
        ), f"Q{spec.number} links no legislation.gov.uk or official page: {hosts}"


def test_every_answer_has_three_phrasings_and_staff_sources(loaded):
    for spec in SPECS:
        assert len(spec.also_asked) >= 3, f"Q{spec.number} has {len(spec.also_asked)} phrasings"
        assert spec.sources, f"Q{spec.number} has no staff sources"
    answer = Answer.objects.get(number=497)
    assert len(answer.also_asked_list) >= 3 and answer.sources


def test_staff_sources_are_never_shown_to_the_public(client, loaded):
    for number in (497, 151, 111):
        answer = Answer.objects.get(number=number)
        body = client.get(answer.get_absolute_url()).content.decode()
        for line in answer.sources.splitlines():
            assert line not in body, f"Q{number} shows its staff sources"


def _listed_on(client, topic):
    """Every page of `topic`'s list and of its subtopics' lists: a top-level topic shows a preview
    of each subtopic (the rest are a link away), and long lists run over several pages."""
    text = ""
    for node in Topic.objects.filter(path__startswith=topic.path):
        url, page = node.get_absolute_url(), 1
        while True:
            body = client.get(url if page == 1 else f"{url}?page={page}").content.decode()
            text += body
            page += 1
            if f"?page={page}" not in body:
                break
    return text


def test_every_top_level_topic_lists_the_answers_filed_under_it(client, loaded):
    for topic in Topic.objects.filter(depth=1):
        listed = _listed_on(client, topic)
        numbers = set(
            Answer.objects.published()
            .filter(topics__path__startswith=topic.path)
            .values_list("number", flat=True)
        )
        assert numbers, f"{topic.name} has no answers"
        for number in numbers:
            assert f">Q{number}</span>" in listed, f"{topic.name} does not list Q{number}"
