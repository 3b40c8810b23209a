"""Issue 23, findings 4 and 11: cache keys a client cannot multiply.

Our page cache keeps one copy per address only for what a page reads: a parameter given twice,
or a value outside its closed set (a language, a force), is built fresh and never stored, and a
`force` cookie naming no force is keyed as no cookie. Varnish keeps the same rule
(deploy/varnish.vcl.template, with the parameter names from deploy.stack.PAGE_PARAMETERS; the
stack test floods it).
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from deploy import stack
from forces.models import Force
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


def _declared_parameters(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _declared_parameters(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            options = getattr(pattern.callback, "page_cache", None)
            if options:
                yield from options["query"]


def test_varnish_knows_exactly_the_parameters_the_pages_read():
    from django.utils import translation

    declared = set()
    for language in ("en-gb", "cy"):
        with translation.override(language):
            declared |= set(_declared_parameters(get_resolver().url_patterns))
    assert declared == set(stack.PAGE_PARAMETERS)


def test_varnish_keeps_a_force_only_for_the_forces_we_ship():
    assert set(stack.shipped_force_slugs()) == set(
        Force.objects.territorial().values_list("slug", flat=True)
    )


def _stored_pages():
    return [key for key in cache._cache if ":pc:page:" in key]  # locmem in the tests


@pytest.fixture
def answer():
    cache.clear()
    return make_answer(number=40, question="Can I be fined for this?")


def test_a_language_given_twice_is_never_served_from_the_other_ones_copy(answer):
    from faq.models import AnswerTranslation

    AnswerTranslation.objects.create(
        answer=answer,
        language="cy",
        question="Alla i gael dirwy am hyn?",
        summary="",
        body="<p>Gallwch.</p>",
    )
    cache.clear()
    # Whichever comes first, the other order must not be served its copy: the view reads the
    # last value, so each is what it says.
    first = Client().get("/api/v1/answers/40/?lang=en&lang=cy")
    second = Client().get("/api/v1/answers/40/?lang=cy&lang=en")
    assert first.status_code == second.status_code == 200
    assert first.json()["question"] == "Alla i gael dirwy am hyn?"
    assert second.json()["question"] == "Can I be fined for this?"
    assert not _stored_pages()  # built, never stored


def test_made_up_values_of_closed_parameters_and_the_force_cookie_are_never_stored(answer):
    Client().get("/embed/q/40/")
    Client().get(answer.get_absolute_url())
    before = len(_stored_pages())
    for n in range(20):
        assert Client().get(f"/embed/q/40/?force=no-such-force-{n}").status_code == 200
        assert Client().get(f"/embed/q/40/?lang=x{n}").status_code in (200, 400)
        client = Client()
        client.cookies["force"] = f"no-such-force-{n}"
        assert client.get(answer.get_absolute_url()).status_code == 200
    assert len(_stored_pages()) == before


def test_a_real_force_cookie_still_has_its_own_copy(answer):
    force = Force.objects.territorial().first()
    client = Client()
    client.cookies["force"] = force.slug
    before = len(_stored_pages())
    client.get(answer.get_absolute_url())
    assert len(_stored_pages()) == before + 1


def test_a_force_this_process_does_not_know_yet_never_becomes_the_page_without_one(answer):
    """Another server added the force a moment ago: this one's force list (kept a minute) does
    not have it yet. The visitor who chose it sees it; nobody else is given that page."""
    from forces.lookup import force_slug

    force_slug("anything")  # this process's force list is loaded now
    Force.objects.bulk_create(  # as another server's save looks from here: no signal
        [Force(name="Newshire Police", short_name="Newshire", slug="newshire", nation="england")]
    )
    chose = Client()
    chose.cookies["force"] = "newshire"
    assert "Newshire" in chose.get(answer.get_absolute_url()).content.decode()
    assert "Newshire" not in Client().get(answer.get_absolute_url()).content.decode()


def test_each_parameter_is_named_once():
    assert len(stack.PAGE_PARAMETERS) == len(set(stack.PAGE_PARAMETERS))
