"""Issue 23, finding 8: the probe's case of an answer about abuse treated as ordinary.

An answer whose breadcrumb topic is not about abuse, also filed under a new subtopic of
Domestic abuse (its own "sensitive" box left unticked, the default), was served
`public, max-age=60` with no quick exit, and the API's item said `sensitive: false` while the
API's list said `true`. Sensitivity is now one rule (`Answer.objects.with_sensitivity()`):
every topic the answer is filed under, and every topic above those.
"""

import pytest
from django.test import Client

from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def probed():
    abuse = make_topic(name="Domestic abuse", sensitive=True)
    tracking = make_topic(name="Phone tracking", parent=abuse)  # box left unticked
    online = make_topic(name="Online crime")
    assert not tracking.sensitive
    return make_answer(
        number=812,
        question="Is hacking into someone's phone a crime?",
        topics=[online, tracking],  # the breadcrumb shows Online crime
    )


def test_the_answer_page_is_never_kept_by_a_browser_and_offers_the_quick_exit(probed):
    for response in (
        Client().get(probed.get_absolute_url()),
        Client().get(probed.get_absolute_url()),
    ):
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert "public" not in response["Cache-Control"]
        assert response["Referrer-Policy"] == "same-origin"
        assert "Exit this page" in response.content.decode()


def test_the_api_item_and_list_agree_that_it_is_sensitive(probed):
    item = Client().get("/api/v1/answers/812/").json()
    listed = Client().get("/api/v1/answers/").json()["results"]
    assert item["sensitive"] is True
    assert [row["sensitive"] for row in listed if row["number"] == 812] == [True]


def test_the_embed_is_never_kept_by_a_browser_and_offers_a_way_out(probed):
    response = Client().get("/embed/q/812/")
    assert response["Cache-Control"] == "no-store"
    assert "Leave this site" in response.content.decode()
