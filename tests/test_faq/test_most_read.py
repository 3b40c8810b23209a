"""'Most read' on the home page (issue 28, item 5; issue 23, finding 12): readers are counted
once per client, answer and day, ranked over a window with a floor, and the editors' picks
stand in until enough answers qualify."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from faq.models import Answer, AnswerViewDay
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(settings):
    settings.VIEW_COUNT_FLUSH_SECONDS = 0  # write every reader at once (production: every 30 s)
    settings.MOST_READ_MIN_READERS = 3
    settings.MOST_READ_MIN_ANSWERS = 2
    settings.MOST_READ_WINDOW_DAYS = 28
    made = {
        "collision": make_answer(number=200, question="What should I do after a road collision?"),
        "harassment": make_answer(number=497, question="What is harassment?"),
        "stalking": make_answer(number=151, question="What is stalking?"),
        "scam": make_answer(number=300, question="Is this a scam?"),
    }
    return made


def read(client, answer, *, readers=1, first=1):
    for n in range(first, first + readers):
        client.get(answer.get_absolute_url(), REMOTE_ADDR=f"192.0.2.{n}")


def home_section(client):
    cache.clear()  # the home page is kept five minutes: build it now
    body = client.get("/").content.decode()
    start = body.index('aria-labelledby="home-popular-title"')
    return body[start : body.index("</section>", start)]


def test_one_client_reloading_counts_once(client, answers):
    for _ in range(50):
        client.get(answers["scam"].get_absolute_url(), REMOTE_ADDR="192.0.2.7")
    answer = Answer.objects.get(number=300)
    assert answer.view_count == 1
    assert AnswerViewDay.objects.get(answer=answer).views == 1


def test_one_client_cannot_walk_every_answer(client, settings, answers):
    settings.VIEW_COUNT_ANSWERS_PER_CLIENT = 2
    for answer in answers.values():
        client.get(answer.get_absolute_url(), REMOTE_ADDR="192.0.2.9")
    assert sum(a.view_count for a in Answer.objects.all()) == 2


def test_different_people_each_count(client, answers):
    read(client, answers["stalking"], readers=5)
    assert Answer.objects.get(number=151).view_count == 5


def test_head_requests_are_not_readers(client, answers):
    for n in range(5):
        client.head(answers["scam"].get_absolute_url(), REMOTE_ADDR=f"192.0.2.{n}")
    assert Answer.objects.get(number=300).view_count == 0


def test_a_forged_forwarded_address_is_still_one_client(client, settings, answers):
    settings.TRUST_X_FORWARDED_FOR = True
    for n in range(20):
        client.get(
            answers["scam"].get_absolute_url(),
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.4",
        )
    assert Answer.objects.get(number=300).view_count == 1


def test_a_few_visits_do_not_make_most_read_the_editors_picks_show(client, answers):
    Answer.objects.filter(number__in=[497, 151]).update(home_pick=True)
    read(client, answers["scam"], readers=2)  # under the floor of 3
    section = home_section(client)
    assert "Most read" not in section
    assert "Common questions" in section
    assert "What is harassment?" in section and "What is stalking?" in section
    assert "Is this a scam?" not in section


def test_most_read_ranks_readers_over_the_floor(client, answers):
    Answer.objects.filter(number=497).update(home_pick=True)
    read(client, answers["collision"], readers=6)
    read(client, answers["stalking"], readers=4, first=10)
    read(client, answers["scam"], readers=2, first=20)  # under the floor
    section = home_section(client)
    assert "Most read" in section
    assert section.index("road collision") < section.index("What is stalking?")
    assert "Is this a scam?" not in section
    assert "What is harassment?" not in section  # a pick is not a most-read answer


def test_readers_outside_the_window_do_not_count(client, answers):
    old = timezone.localdate() - datetime.timedelta(days=40)
    for answer in (answers["collision"], answers["stalking"]):
        AnswerViewDay.objects.create(answer=answer, day=old, views=1000)
    Answer.objects.filter(number=300).update(home_pick=True)
    section = home_section(client)
    assert "Most read" not in section
    assert "Is this a scam?" in section


def test_no_picks_and_no_readers_shows_no_list(client, answers):
    body = client.get("/").content.decode()
    assert 'aria-labelledby="home-popular-title"' not in body


def test_editors_choose_picks_in_the_admin(client, answers):
    from tests.factories import make_user

    client.force_login(make_user(role="publisher"))
    page = client.get(f"/staff/faq/answer/{answers['scam'].pk}/change/").content.decode()
    assert "Suggest on the home page" in page


def test_the_starter_site_shows_the_editors_picks_not_a_few_visits(client, settings):
    from faq.models import Topic
    from faq.starter import home_picks, load_starter_content

    settings.VIEW_COUNT_FLUSH_SECONDS = 0
    load_starter_content()
    picks = Answer.objects.filter(home_pick=True)
    assert set(picks.values_list("number", flat=True)) == home_picks() and picks.count() >= 3
    topics = Topic.objects.with_sensitivity().filter(answers__in=picks)
    assert topics.exists() and not any(topic.is_sensitive for topic in topics)
    rape_scotland = Answer.objects.filter(question__contains="consent mean in Scotland").first()
    read(client, rape_scotland, readers=2)
    section = home_section(client)
    assert "Common questions" in section
    assert "When should I call 999" in section
    assert "consent mean in Scotland" not in section
