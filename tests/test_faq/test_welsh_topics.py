"""Welsh names for the starter topics (faq/data/starter/cy/topics-cy.json): the file, loading it,
and the Welsh pages that show them."""

import html
import json

import pytest

from faq.models import Topic, TopicTranslation, TranslationReview
from faq.starter import STARTER_DIR, WELSH_DIR, WELSH_TOPICS_FILE, load_starter_content
from tests.factories import make_topic

pytestmark = pytest.mark.django_db

WELSH = json.loads((WELSH_DIR / WELSH_TOPICS_FILE).read_text(encoding="utf-8"))


def _english_topics(nodes, prefix=""):
    for node in nodes:
        path = f"{prefix}/{node['slug']}" if prefix else node["slug"]
        yield path, node
        yield from _english_topics(node.get("children", []), path)


ENGLISH = dict(
    _english_topics(json.loads((STARTER_DIR / "topics.json").read_text(encoding="utf-8")))
)


def text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def loaded():
    report = load_starter_content()
    assert report.problems == []
    return report


def test_every_starter_topic_has_one_welsh_entry_for_its_current_english():
    assert set(WELSH["topics"]) == set(ENGLISH)
    for path, entry in WELSH["topics"].items():
        english = ENGLISH[path]
        # The Welsh was written for this English: change one, change the other.
        assert entry["english"] == {
            "name": english["name"],
            "description": english.get("description", ""),
        }, path
        assert 0 < len(entry["name"]) <= 120, path
        assert bool(entry["description"]) == bool(english.get("description")), path
        assert len(entry["description"]) <= 300, path
        assert entry["name"] != english["name"], path
    assert WELSH["review"].startswith("awaiting review")


def test_welsh_names_are_unique_among_their_siblings():
    by_parent = {}
    for path, entry in WELSH["topics"].items():
        parent = path.rpartition("/")[0]
        by_parent.setdefault(parent, []).append(entry["name"].lower())
    for parent, names in by_parent.items():
        assert len(names) == len(set(names)), parent


def test_loading_gives_every_starter_topic_a_welsh_name_awaiting_review(loaded):
    assert loaded.welsh_topics_created == Topic.objects.count() == len(ENGLISH)
    for topic in Topic.objects.prefetch_related("translations"):
        (welsh,) = topic.translations.all()
        entry = WELSH["topics"][topic.url_path]
        assert (welsh.language, welsh.name, welsh.description) == (
            "cy",
            entry["name"],
            entry["description"],
        )
        assert welsh.review == TranslationReview.AWAITING
        assert str(welsh.last_reviewed) == WELSH["translated_from"]


def test_loading_twice_creates_no_duplicates_and_keeps_staff_edits(loaded):
    fraud = TopicTranslation.objects.get(topic__url_path="fraud-and-scams")
    fraud.name = "Twyll (golygwyd gan staff)"
    fraud.save()
    before = sorted(TopicTranslation.objects.values_list("pk", "name", "description", "review"))
    again = load_starter_content()
    assert (again.welsh_topics_created, again.welsh_topics_existing) == (0, len(ENGLISH))
    assert again.problems == []
    assert (
        sorted(TopicTranslation.objects.values_list("pk", "name", "description", "review"))
        == before
    )
    assert TopicTranslation.objects.get(pk=fraud.pk).name == "Twyll (golygwyd gan staff)"


def test_a_topic_whose_english_staff_changed_gets_no_stale_welsh_name(client, loaded):
    topic = Topic.objects.get(url_path="fraud-and-scams")
    topic.translations.all().delete()
    topic.name = "Fraud, scams and cyber crime"
    topic.save()
    again = load_starter_content()
    assert again.welsh_topics_created == 0
    assert [p for p in again.problems if "fraud-and-scams" in p] == [
        "Welsh topic fraud-and-scams: its English has changed since the Welsh was written "
        "(the Welsh is not loaded: translate the new English in the admin)"
    ]
    topic.refresh_from_db()
    assert topic.name == "Fraud, scams and cyber crime"  # the English is never overwritten
    assert not topic.translations.exists()
    # The Welsh pages show the English name, marked as English.
    url = "/cy" + topic.get_absolute_url()
    page = text(client.get(url))
    assert '<h1 class="heading-xl" lang="en-GB">Fraud, scams and cyber crime</h1>' in page
    assert '<li aria-current="page" lang="en-GB">Fraud, scams and cyber crime</li>' in page
    tree = text(client.get("/cy/topics/"))
    assert f'<a href="{url}" lang="en-GB">Fraud, scams and cyber crime</a>' in tree
    child = Topic.objects.get(url_path="fraud-and-scams/scams")
    child_page = text(client.get("/cy" + child.get_absolute_url()))
    assert f'<a href="{url}" lang="en-GB">Fraud, scams and cyber crime</a>' in child_page
    assert '<li aria-current="page">Sgamiau cyffredin</li>' in child_page


def test_welsh_topic_pages_and_the_tree_show_the_welsh_names(client, loaded):
    topic = Topic.objects.get(url_path="harassment-and-stalking")
    page = text(client.get("/cy" + topic.get_absolute_url()))
    assert '<h1 class="heading-xl">Aflonyddu a stelcian</h1>' in page
    assert (
        '<p class="lead">Cysylltiad digroeso, stelcian a chyfathrebiadau sarhaus, '
        "a'r gyfraith sy'n eich diogelu.</p>" in page
    )
    for child in ("harassment", "stalking", "malicious-communications"):
        name = WELSH["topics"][f"harassment-and-stalking/{child}"]["name"]
        assert f'<a href="#{child}">{name}</a>' in page
    assert "Harassment and stalking" not in page

    tree = text(client.get("/cy/topics/"))
    for path, entry in WELSH["topics"].items():
        assert f'<a href="/cy/topics/{path}/">{entry["name"]}</a>' in tree, path
    assert 'lang="en-GB"' not in tree.split('<ul class="topic-tree">')[1].split("</main>")[0]
    # English pages keep the English names.
    english_tree = text(client.get("/topics/"))
    assert "Aflonyddu a stelcian" not in english_tree
    assert '<a href="/topics/harassment-and-stalking/">Harassment and stalking</a>' in english_tree


def test_a_welsh_name_without_a_welsh_description_marks_the_english_one(client):
    topic = make_topic(name="Fraud", description="Scams and how to spot them.")
    TopicTranslation.objects.create(topic=topic, language="cy", name="Twyll")
    page = text(client.get("/cy" + topic.get_absolute_url()))
    assert '<h1 class="heading-xl">Twyll</h1>' in page
    assert '<p class="lead" lang="en-GB">Scams and how to spot them.</p>' in page
    home = text(client.get("/cy/"))
    assert f'<a href="/cy{topic.get_absolute_url()}">Twyll</a>' in home
    assert '<p lang="en-GB">Scams and how to spot them.</p>' in home
