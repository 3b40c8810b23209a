import os

import pytest
from django.contrib.auth.models import User
from django.test import Client

from faq import topics
from faq.models import Answer, Topic
from forces.models import Force
from tests.factories import edit, make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    topic = make_topic(name="Fraud")
    first = make_answer(number=10, question="Is this a scam?", topics=[topic])
    second = make_answer(number=11, question="What is phishing?", topics=[topic])
    return {"topic": topic, "first": first, "second": second}


def test_second_anonymous_request_is_served_from_cache(client, content):
    url = content["first"].get_absolute_url()
    assert client.get(url).content.decode().count("Is this a scam?") >= 1
    # Change the row behind Django's back: a cached page does not see it.
    Answer.objects.filter(pk=content["first"].pk).update(summary="Sneaky change")
    assert "Sneaky change" not in client.get(url).content.decode()


def test_editing_an_answer_shows_the_change_and_leaves_others_cached(client, content):
    first_url = content["first"].get_absolute_url()
    second_url = content["second"].get_absolute_url()
    client.get(first_url)
    client.get(second_url)
    Answer.objects.filter(pk=content["second"].pk).update(summary="Stale but cached")
    edit(content["first"], summary="A brand new summary.")
    assert "A brand new summary." in client.get(first_url).content.decode()
    assert "Stale but cached" not in client.get(second_url).content.decode()


def test_publishing_changes_topic_page_and_home(client, content):
    topic_url = content["topic"].get_absolute_url()
    assert "Courier fraud" not in client.get(topic_url).content.decode()
    client.get("/")
    client.get("/topics/")
    make_answer(question="What is courier fraud?", topics=[content["topic"]])
    assert "courier fraud" in client.get(topic_url).content.decode()
    assert "(3 answers)" in client.get("/topics/").content.decode()
    edit(content["first"], status="archived")
    assert "Is this a scam?" not in client.get(topic_url).content.decode()


def test_renaming_a_topic_updates_breadcrumbs_of_cached_answers(client, content):
    url = content["first"].get_absolute_url()
    client.get(url)
    topic = Topic.objects.get(pk=content["topic"].pk)
    topic.name = "Fraud and scams"
    topics.save_topic(topic, changed=["name"])
    assert "Fraud and scams" in client.get(url).content.decode()


def test_publishing_a_referenced_answer_turns_plain_text_into_a_link(client):
    source = make_answer(number=20, question="Source?", body="<p>See Q21.</p>")
    url = source.get_absolute_url()
    assert 'class="xref"' not in client.get(url).content.decode()
    make_answer(number=21, question="Target?")
    assert 'href="/q/21/target/" class="xref"' in client.get(url).content.decode()


def test_giving_a_referenced_answer_another_number_unlinks_the_old_one(client):
    source = make_answer(number=20, question="Source?", body="<p>See Q21.</p>")
    target = make_answer(number=21, question="Target?")
    url = source.get_absolute_url()
    assert 'href="/q/21/target/" class="xref"' in client.get(url).content.decode()
    edit(target, number=22)
    page = client.get(url).content.decode()
    assert "<p>See Q21.</p>" in page and "Target?" not in page


def test_pages_vary_on_the_chosen_force_only(content):
    for slug in ("kent", "essex", "surrey"):
        Force.objects.get_or_create(
            slug=slug, defaults={"name": slug.title(), "short_name": slug, "nation": "england"}
        )
    url = content["first"].get_absolute_url()
    kent, essex, nobody = Client(), Client(), Client()
    kent.cookies["force"] = "kent"
    essex.cookies["force"] = "essex"
    for visitor in (kent, essex, nobody):
        assert visitor.get(url).status_code == 200
    # Renamed behind the cache's back: only a page built now shows it. (Not the answer's own
    # text: a page built now takes that from the answer's kept parts, faq/answer_parts.py.)
    for slug in ("kent", "surrey"):
        Force.objects.filter(slug=slug).update(name=f"{slug} renamed underneath")
    # Each variant was stored separately; a fourth visitor with a force already seen is a hit.
    again = Client()
    again.cookies["force"] = "kent"
    assert "renamed underneath" not in again.get(url).content.decode()
    new_force = Client()
    new_force.cookies["force"] = "surrey"
    assert "surrey renamed underneath" in new_force.get(url).content.decode()
    assert "Cookie" in kent.get(url)["Vary"]
    assert "Cookie" not in nobody.get("/topics/").get("Vary", "")
    # Pages that do not depend on the force share one variant.
    kent.get("/topics/")
    Topic.objects.filter(pk=content["topic"].pk).update(description="Underneath")
    assert "Underneath" not in essex.get("/topics/").content.decode()


def test_staff_with_a_session_always_see_fresh_pages(client, content):
    url = content["first"].get_absolute_url()
    client.get(url)
    Answer.objects.filter(pk=content["first"].pk).update(summary="Fresh for staff")
    staff = Client()
    staff.force_login(User.objects.create_user("editor", is_staff=True))
    assert "Fresh for staff" in staff.get(url).content.decode()
    assert "Fresh for staff" not in client.get(url).content.decode()


def test_two_anonymous_visitors_get_identical_bytes_and_no_cookie(content):
    from forces.models import LocalNote

    force = Force.objects.filter(kind="territorial").order_by("name").first()
    LocalNote.objects.create(force=force, answer=content["first"], body="<p>Ring our desk.</p>")
    make_answer(number=30, question="Is stalking a crime?", body="<p>See Q10.</p>")
    pages = [
        "/",
        "/topics/",
        content["topic"].get_absolute_url(),
        content["first"].get_absolute_url(),
        "/search/?q=scam",
        "/search/suggest/?q=sc",
        "/forces/",
        force.get_absolute_url(),
        "/forces/find/",
        f"/embed/q/{content['first'].number}/",
    ]
    for url in pages:
        first, second = Client().get(url), Client().get(url)  # a miss, then a hit
        third = Client().get(url)
        assert first.status_code == 200, url
        assert first.content == second.content == third.content, url
        for response in (first, second):
            assert not response.cookies, url
            assert "Set-Cookie" not in response, url
            assert "csrfmiddlewaretoken" not in response.content.decode(), url
        assert first["Surrogate-Key"] == second["Surrogate-Key"], url
        assert first.get("Cache-Control") == second.get("Cache-Control"), url


def test_tracking_parameters_share_one_cache_entry_and_never_reach_the_page(client, content):
    url = content["first"].get_absolute_url()
    plain = client.get(url)
    Answer.objects.filter(pk=content["first"].pk).update(summary="Changed underneath")
    for query in ("?utm_source=news&utm_medium=social", "?fbclid=abc123", "?gclid=x&utm_id=7"):
        response = client.get(url + query)
        assert response.content == plain.content, query  # the same stored copy
    search = client.get("/search/", {"q": "scam", "utm_campaign": "winter"})
    assert "utm_campaign" not in search.content.decode()
    assert search.content == client.get("/search/", {"q": "scam"}).content


def test_unknown_query_parameters_bypass_the_cache(client, content):
    url = content["first"].get_absolute_url()
    client.cookies["force"] = "kent"
    client.get(url)
    # Renamed behind the cache's back: only a page built now shows it (the chosen force is
    # read for each page built; the answer's own text comes from its kept parts).
    Force.objects.filter(slug="kent").update(name="Seen with a new parameter")
    assert "Seen with a new parameter" in client.get(url + "?nocache=1").content.decode()
    assert "Seen with a new parameter" not in client.get(url).content.decode()
    # Declared parameters are part of the key: another query is another page.
    assert (
        client.get("/search/", {"q": "scam"}).content
        != client.get("/search/", {"q": "phishing"}).content
    )


def test_conditional_requests_get_304(client, content):
    for url in (content["first"].get_absolute_url(), content["topic"].get_absolute_url()):
        first = client.get(url)
        assert first.has_header("ETag") and first.has_header("Last-Modified")
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304, url


def test_etag_changes_when_content_changes(client, content):
    url = content["first"].get_absolute_url()
    etag = client.get(url)["ETag"]
    edit(content["first"], summary="Something else entirely.")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_views_are_counted_on_cache_hits(client, settings, content):
    settings.VIEW_COUNT_FLUSH_SECONDS = 0  # write every view at once (production: every 30 s)
    url = content["second"].get_absolute_url()
    for n in range(4):  # four readers (one reloading would count once)
        client.get(url, REMOTE_ADDR=f"192.0.2.{n}")
    assert Answer.objects.get(pk=content["second"].pk).view_count == 4


def test_cache_hits_run_no_queries(client, content, django_assert_num_queries):
    for url in ("/", "/topics/", content["topic"].get_absolute_url(), "/search/?q=scam"):
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200


def test_editing_a_force_refreshes_its_cached_page_and_the_api(client):
    force = Force.objects.filter(kind="territorial").order_by("name").first()
    page_url, api_url = force.get_absolute_url(), f"/api/v1/forces/{force.slug}/"
    client.get(page_url)
    client.get(api_url)
    Force.objects.filter(pk=force.pk).update(description="Unseen until saved")
    assert "Unseen until saved" not in client.get(page_url).content.decode()
    force.refresh_from_db()
    force.description = "Saved through the admin"
    force.save()
    assert "Saved through the admin" in client.get(page_url).content.decode()
    assert client.get(api_url).json()["description"] == "Saved through the admin"


def test_a_local_note_appears_on_cached_answer_pages_for_that_force_only(content):
    from forces.models import LocalNote

    force = Force.objects.filter(kind="territorial").order_by("name").first()
    other = Force.objects.filter(kind="territorial").order_by("-name").first()
    url = content["first"].get_absolute_url()
    chosen, elsewhere = Client(), Client()
    chosen.cookies["force"] = force.slug
    elsewhere.cookies["force"] = other.slug
    chosen.get(url)
    elsewhere.get(url)
    LocalNote.objects.create(force=force, answer=content["first"], body="<p>Ring our desk.</p>")
    assert "Ring our desk." in chosen.get(url).content.decode()
    assert "Ring our desk." not in elsewhere.get(url).content.decode()


def test_redis_backend_shares_pages_and_invalidation(redis_cache, content):
    """With the production backend, a page stored by one request is a hit for the next."""
    url = content["first"].get_absolute_url()
    assert Client().get(url).status_code == 200
    Answer.objects.filter(pk=content["first"].pk).update(summary="Behind the cache")
    assert "Behind the cache" not in Client().get(url).content.decode()
    edit(content["first"], summary="Published change.")
    assert "Published change." in Client().get(url).content.decode()


def test_a_page_built_while_content_changed_is_not_stored(client, content, monkeypatch):
    from caching.bump import bump
    from faq import pages, tags

    url = content["first"].get_absolute_url()
    real_answer_page = pages.answer_page

    def answer_page_during_an_edit(answer):
        context = real_answer_page(answer)
        bump(tags.answer(99999))  # someone publishes something while this page is being built
        return context

    monkeypatch.setattr(pages, "answer_page", answer_page_during_an_edit)
    client.get(url)
    monkeypatch.setattr(pages, "answer_page", real_answer_page)
    Answer.objects.filter(pk=content["first"].pk).update(summary="Not hidden by a stale copy")
    assert "Not hidden by a stale copy" in client.get(url).content.decode()


def test_evicted_tag_versions_never_revive_old_copies(client, content):
    from django.core.cache import cache

    url = content["first"].get_absolute_url()
    client.get(url)
    client.get(url)  # now also held in this process's local copy
    Answer.objects.filter(pk=content["first"].pk).update(summary="After the flush")
    cache.clear()  # Redis restarted or evicted everything, tag versions included
    assert "After the flush" in client.get(url).content.decode()


def test_cached_search_results_still_count_against_the_rate_limit(client, content):
    for _ in range(60):
        assert client.get("/search/", {"q": "scam"}).status_code == 200
    response = client.get("/search/", {"q": "scam"})
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()


def test_a_cached_lookup_remembers_nothing_and_shows_each_visitor_their_choice():
    first, second = Client(), Client(headers={"Sec-Fetch-Site": "same-origin"})
    assert "force" not in first.get("/forces/find/", {"q": "ME14 1XX"}).cookies
    Force.objects.filter(slug="kent").update(description="changed behind the cache")
    response = second.get("/forces/find/", {"q": "ME14 1XX"})
    assert "changed behind the cache" not in response.content.decode()  # served from cache
    assert "force" not in response.cookies  # a stored page never hands out a cookie
    assert ">Remember this force</button>" in response.content.decode()
    cookie = second.post("/forces/choose/", {"force": "kent"}).cookies["force"]
    assert cookie.value == "kent" and cookie["httponly"] and cookie["samesite"] == "Lax"
    # With the cookie, the page is the remembered one, not the stored copy without it.
    assert (
        "Remembered on this device"
        in second.get("/forces/find/", {"q": "ME14 1XX"}).content.decode()
    )


def test_local_copies_expire_with_the_shared_copy(client, content, monkeypatch):
    """The home page has no tag for "most read": it relies on its five-minute lifetime."""
    import time

    Answer.objects.filter(pk=content["first"].pk).update(home_pick=True)  # listed on the home page
    client.get("/")
    client.get("/")  # held in this process's local copy as well
    Answer.objects.filter(pk=content["first"].pk).update(question="Renamed without a save?")
    later = time.time() + 6 * 60
    monkeypatch.setattr(time, "time", lambda: later)  # the cache's expiry reads it too
    assert "Renamed without a save?" in client.get("/").content.decode()


def test_tags_must_come_from_the_tag_helpers():
    """A misspelt plain string would silently leave pages stale: only Tags are accepted."""
    from django.http import HttpResponse

    from caching.bump import bump
    from caching.tags import tag_response

    with pytest.raises(TypeError):
        bump("answers:10")
    with pytest.raises(TypeError):
        tag_response(HttpResponse(), "topic:1")


def test_views_are_added_up_in_memory_and_written_together(
    client, settings, content, django_assert_num_queries
):
    """No database write in the path of a cached page: the writer thread adds them up later."""
    from faq import viewcounts

    settings.VIEW_COUNT_FLUSH_SECONDS = 3600  # the writer thread will not run during the test
    url = content["second"].get_absolute_url()
    client.get(url, REMOTE_ADDR="192.0.2.100")
    with django_assert_num_queries(0):
        for n in range(4):
            client.get(url, REMOTE_ADDR=f"192.0.2.{n}")
    assert Answer.objects.get(pk=content["second"].pk).view_count == 0
    assert viewcounts.pending()[content["second"].number] == 5
    viewcounts.flush()
    assert Answer.objects.get(pk=content["second"].pk).view_count == 5
    assert not viewcounts.pending()


def test_clearing_the_redis_cache_leaves_other_prefixes_alone(local_redis):
    """Clearing our cache must not empty a Redis database another site or test run shares."""
    from caching.backend import RedisCache

    ours, theirs = (
        RedisCache(local_redis, {"KEY_PREFIX": f"{name}-{os.getpid()}[*]"})
        for name in ("ours", "theirs")
    )
    try:
        for n in range(1200):  # more than one batch of deletions
            ours.set(f"page-{n}", n)
        theirs.set("page-1", "kept")
        ours.clear()
        assert ours.get("page-1") is None and ours.get("page-1199") is None
        assert theirs.get("page-1") == "kept"
    finally:
        ours.clear()
        theirs.clear()
