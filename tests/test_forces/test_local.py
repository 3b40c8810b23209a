import pytest

from forces.choice import FORCE_COOKIE
from forces.models import Force, LocalNote
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer():
    return make_answer(question="How do I report lost property?", jurisdiction="england-wales")


def page(client, answer, force=None):
    if force:
        client.cookies[FORCE_COOKIE] = force
    response = client.get(answer.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_without_a_force_there_is_a_find_box(client, answer):
    text = page(client, answer)
    assert "Find your local force" in text
    assert f'name="next" value="{answer.get_absolute_url()}"' in text
    assert "The law may be different" not in text


def test_chosen_force_shows_its_note_and_contact_box(client, answer):
    kent = Force.objects.get(slug="kent")
    LocalNote.objects.create(
        force=kent, answer=answer, body="<p>Hand it in at any Kent front counter.</p>"
    )
    text = page(client, answer, "kent")
    assert "In your area: Kent Police" in text
    assert "Hand it in at any Kent front counter." in text
    assert "Contact Kent Police" in text
    assert "Change your force" in text
    assert "The law may be different" not in text


def test_another_forces_note_is_not_shown(client, answer):
    LocalNote.objects.create(
        force=Force.objects.get(slug="sussex"), answer=answer, body="<p>Sussex only.</p>"
    )
    text = page(client, answer, "kent")
    assert "Sussex only." not in text
    assert "Contact Kent Police" in text


@pytest.mark.parametrize(
    ("force", "jurisdiction", "differs"),
    [
        ("police-scotland", "england-wales", True),
        ("psni", "england-wales", True),
        ("gwent", "england-wales", False),
        ("police-scotland", "scotland", False),
        ("police-scotland", "uk", False),
        ("kent", "scotland", True),
        ("jersey", "uk", True),
    ],
)
def test_law_may_differ_notice(client, force, jurisdiction, differs):
    answer = make_answer(jurisdiction=jurisdiction)
    text = page(client, answer, force)
    assert ("The law may be different where you are." in text) is differs


def test_a_bad_or_special_cookie_is_ignored(client, answer):
    for value in ("british-transport-police", "../../etc", "nope"):
        text = page(client, answer, value)
        assert "Find your local force" in text


def test_answer_page_queries_stay_fixed(client, answer, django_assert_max_num_queries):
    LocalNote.objects.create(force=Force.objects.get(slug="kent"), answer=answer, body="<p>n</p>")
    client.cookies[FORCE_COOKIE] = "kent"
    with django_assert_max_num_queries(15):
        client.get(answer.get_absolute_url())
