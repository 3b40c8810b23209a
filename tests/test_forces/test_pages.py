import html

import pytest
from django.urls import reverse

from forces.choice import FORCE_COOKIE

pytestmark = pytest.mark.django_db


def find(client, q, **extra):
    return client.get(reverse("forces:find"), {"q": q, **extra})


def test_directory_groups_forces_by_nation(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/forces/")
    text = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "England",
        "Wales",
        "Scotland",
        "Northern Ireland",
        "Channel Islands and Isle of Man",
        "National and specialist forces",
    ):
        assert f">{heading}</h2>" in text
    assert "Police Scotland" in text
    assert "British Transport Police" in text
    assert text.index("Isle of Man Constabulary") < text.index("British Transport Police")


def test_force_page_shows_how_to_contact_them(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/forces/thames-valley/")
    text = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="heading-xl">Thames Valley Police</h1>' in text
    assert 'href="tel:999"' in text
    assert 'href="tel:101"' in text
    assert "https://www.thamesvalley.police.uk/ro/report/" in text
    assert 'Relay UK: <a href="tel:18001101" class="tel">18001 101</a>' in text


def test_force_page_lists_answers_with_local_notes(client):
    from forces.models import Force, LocalNote
    from tests.factories import make_answer

    answer = make_answer(question="How do I report lost property?")
    draft = make_answer(question="A draft nobody should see?", status="draft")
    force = Force.objects.get(slug="kent")
    LocalNote.objects.create(force=force, answer=answer, body="<p>Kent: use our form.</p>")
    LocalNote.objects.create(force=force, answer=draft, body="<p>Draft note.</p>")
    text = client.get("/forces/kent/").content.decode()
    assert "How do I report lost property?" in text
    assert "A draft nobody should see?" not in text


def test_unknown_force_is_404(client):
    assert client.get("/forces/no-such-force/").status_code == 404


def test_empty_find_page_has_the_form(client):
    response = client.get("/forces/find/")
    text = response.content.decode()
    assert response.status_code == 200
    assert '<label class="label" for="id_q">Enter your town or postcode</label>' in text
    assert FORCE_COOKIE not in response.cookies


def test_one_force_is_shown_and_not_remembered_until_asked(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = find(client, " sw1a2aa ")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Your local force is Metropolitan Police Service" in text
    assert "The postcode SW1A 2AA is in the area policed by Metropolitan Police Service." in text
    assert FORCE_COOKIE not in response.cookies
    assert ">Remember this force</button>" in text
    assert 'name="force" value="metropolitan"' in text
    assert f'href="{reverse("forces:find")}">Find a different force' in text
    # What was typed is in the page: the browser keeps none of it (Back after the quick exit).
    assert response["Cache-Control"] == "no-store"


def test_remember_then_forget_on_the_result_page(client):
    here = "/forces/find/?q=SW1A+2AA"
    response = client.post(reverse("forces:choose"), {"force": "metropolitan", "next": here})
    assert response["Location"] == here
    assert response.cookies[FORCE_COOKIE].value == "metropolitan"
    assert response.cookies[FORCE_COOKIE]["httponly"]
    text = client.get(here).content.decode()
    assert "Remembered on this device" in text and ">Forget this force</button>" in text
    assert ">Remember this force</button>" not in text
    response = client.post(reverse("forces:forget"), {"next": here})
    assert response["Location"] == here
    assert response.cookies[FORCE_COOKIE].value == ""


def test_remembering_from_an_answer_goes_back_to_it(client):
    text = find(client, "SW1A 2AA", next="/q/1/x/").content.decode()
    assert '<input type="hidden" name="next" value="/q/1/x/">' in text


def test_a_postcode_not_in_the_tables_falls_back_to_its_district(client):
    text = html.unescape(find(client, "PR4 5SB").content.decode())
    assert "Your local force is Lancashire Constabulary" in text
    assert "We could not find PR4 5SB exactly; PR4 is policed by Lancashire Constabulary." in text


def test_several_forces_give_a_choice(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = find(client, "Newport")
    text = response.content.decode()
    assert "Choose your local force" in text
    assert "Newport, Isle of Wight: Hampshire and Isle of Wight Constabulary" in text
    assert "Newport, Wales: Gwent Police" in text
    # Every place of that name, with its county, and a way out.
    for county in ("Telford and Wrekin", "Essex", "Pembrokeshire", "Norfolk", "Highland"):
        assert f"Newport, {county}:" in text
    assert "None of these — try your postcode" in text
    assert FORCE_COOKIE not in response.cookies


def test_picking_a_place_shows_its_force_without_remembering_it(client):
    text = find(client, "Newport").content.decode()
    number = text[: text.index("Newport, Wales: Gwent Police")].rsplit('value="', 1)[1][:2]
    response = find(client, "Newport", choice=number.strip('"'))
    text = response.content.decode()
    assert "Your local force is Gwent Police" in text
    assert "Newport, Wales is in the area policed by Gwent Police." in text
    assert FORCE_COOKIE not in response.cookies


def test_none_of_these_asks_for_the_postcode(client):
    text = find(client, "Newport", choice="none").content.decode()
    assert "None of those places? Enter your postcode" in text
    assert 'value="Newport"' not in text


@pytest.mark.parametrize("choice", ["0", "99", "x", "\u00b2", "1" * 50])
def test_a_choice_out_of_range_shows_the_places_again(client, choice):
    response = find(client, "Newport", choice=choice)
    assert response.status_code == 200
    assert "Choose your local force" in response.content.decode()


def test_a_split_district_gives_a_choice_with_shares(client):
    text = find(client, "SY10").content.decode()
    assert "West Mercia Police" in text and "Dyfed-Powys Police" in text
    assert "% of postcodes)" in text


def test_choosing_a_force_remembers_it(client):
    response = client.post(reverse("forces:choose"), {"force": "gwent"})
    assert response.status_code == 302
    assert response["Location"] == "/forces/gwent/"
    assert response.cookies[FORCE_COOKIE].value == "gwent"
    text = client.get("/forces/gwent/").content.decode()
    assert "You chose Gwent Police as your local force" in text


def test_choosing_returns_to_a_safe_next_page_only(client):
    response = client.post(reverse("forces:choose"), {"force": "gwent", "next": "/q/1/x/"})
    assert response["Location"] == "/q/1/x/"
    response = client.post(
        reverse("forces:choose"), {"force": "gwent", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/forces/gwent/"


def test_special_or_unknown_forces_cannot_be_chosen(client):
    for slug in ("british-transport-police", "nope", "<b>"):
        assert client.post(reverse("forces:choose"), {"force": slug}).status_code == 404


def test_choosing_nothing_goes_back_to_the_finder(client):
    response = client.post(reverse("forces:choose"), {})
    assert response.status_code == 302
    assert response["Location"] == reverse("forces:find")
    assert FORCE_COOKIE not in response.cookies


def test_forgetting_the_force(client):
    client.cookies[FORCE_COOKIE] = "kent"
    response = client.post(reverse("forces:forget"))
    assert response.status_code == 302
    assert response.cookies[FORCE_COOKIE].value == ""


def test_nothing_found_keeps_what_was_typed(client):
    response = find(client, "XY99 9ZZ")
    text = html.unescape(response.content.decode())
    assert "<title>Error: Find your local force" in text
    assert "There is a problem" in text
    assert "We couldn't find 'XY99 9ZZ'. Check the postcode, or try your town." in text
    assert 'value="XY99 9ZZ"' in text
    assert FORCE_COOKIE not in response.cookies


def test_unknown_town_is_a_kind_error(client):
    text = html.unescape(find(client, "Nowhereville").content.decode())
    assert "We couldn't find 'Nowhereville'. Check the spelling, or try your postcode." in text


def test_bfpo_explains_there_is_no_local_force(client):
    text = find(client, "BFPO 1234").content.decode()
    assert "British Forces (BFPO) address, so it has no local police force" in text


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "x" * 5000,
        "<script>alert('x')</script>",
        "' OR 1=1; --",
        "😀🚓",
        "\x00\x01",
        "%00",
        "{0}{1}",
        "Robert'); DROP TABLE forces_force;--",
        "\uff33\uff37\uff11\uff21 \uff12\uff21\uff21",  # full-width SW1A 2AA
    ],
)
def test_anything_typed_never_breaks_the_page(client, typed):
    response = find(client, typed)
    assert response.status_code in (200, 400)
    assert "<script>alert" not in response.content.decode()


def test_find_is_rate_limited(client, settings):
    for _ in range(60):
        find(client, "RG21")
    response = find(client, "RG21")
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()


def test_site_links_point_at_the_finder(client):
    text = client.get("/").content.decode()
    assert 'href="/forces/find/"' in text


@pytest.mark.django_db
def test_a_cyrillic_letter_in_a_postcode_finds_the_right_force(client):
    from forces.choice import FORCE_COOKIE

    response = client.get("/forces/find/", {"q": "\u0412S1 4DJ"})  # Cyrillic capital Ve, not B
    assert "Your local force is Avon and Somerset" in response.content.decode()
    assert FORCE_COOKIE not in response.cookies


@pytest.mark.django_db
def test_an_unreadable_character_is_refused_with_a_clear_message(client):
    from forces.choice import FORCE_COOKIE

    response = client.get("/forces/find/", {"q": "\u0432S1 4DJ"})  # small в: no look-alike
    html = response.content.decode()
    assert "has a character that is not used in UK postcodes" in html
    assert "South Yorkshire" not in html
    assert FORCE_COOKIE not in response.cookies


def test_a_postcode_fallback_is_in_welsh_under_cy(client):
    """The messages built for postcodes we do not hold go through the catalogue too."""
    text = html.unescape(client.get("/cy/forces/find/", {"q": "PR4 5SB"}).content.decode())
    assert "Allen ni ddim dod o hyd i PR4 5SB yn union; Lancashire Constabulary" in text
    assert "We could not find" not in text
    missing = html.unescape(client.get("/cy/forces/find/", {"q": "B55 9ZZ"}).content.decode())
    assert "Allen ni ddim dod o hyd i'r cod post 'B55 9ZZ'" in missing


@pytest.mark.parametrize(
    ("typed", "english", "welsh"),
    [
        ("Caerdydd", "Cardiff, Wales", "Caerdydd, Cymru"),  # a Welsh name typed
        ("Cardiff", "Cardiff, Wales", "Caerdydd, Cymru"),  # an English name on a Welsh page
        ("Abertawe", "Swansea, Wales", "Abertawe, Cymru"),
        ("Wrecsam", "Wrexham, Wales", "Wrecsam, Cymru"),
        ("Abercarn", "Abercarn, Caerphilly", "Abercarn, Caerffili"),  # the area named in Welsh
        ("Aberystwyth", "Aberystwyth, Ceredigion", "Aberystwyth, Ceredigion"),
    ],
)
def test_a_place_is_shown_back_in_the_language_of_the_page(client, typed, english, welsh):
    """Issue 29: the official Welsh names of Welsh places and areas on Welsh pages."""
    in_english = html.unescape(client.get("/forces/find/", {"q": typed}).content.decode())
    in_welsh = html.unescape(client.get("/cy/forces/find/", {"q": typed}).content.decode())
    assert english in in_english
    assert welsh in in_welsh
    if english != welsh:
        assert english not in in_welsh and welsh not in in_english


def test_a_welsh_page_suggests_a_misspelt_place_by_its_welsh_name(client):
    text = html.unescape(client.get("/cy/forces/find/", {"q": "Cardif"}).content.decode())
    assert "Caerdydd, Cymru" in text


@pytest.mark.parametrize(
    ("slug", "welsh_name"),
    [
        ("north-wales", "Heddlu Gogledd Cymru"),
        ("gwent", "Heddlu Gwent"),
        ("south-wales", "Heddlu De Cymru"),
        ("dyfed-powys", "Heddlu Dyfed-Powys"),
    ],
)
def test_a_welsh_force_is_named_and_described_in_welsh_on_welsh_pages(client, slug, welsh_name):
    """Issue 29: the four Welsh forces' own Welsh names, description and contact text."""
    welsh = html.unescape(client.get(f"/cy/forces/{slug}/").content.decode())
    assert f'<h1 class="heading-xl">{welsh_name}</h1>' in welsh
    assert f'<p class="lead">Mae {welsh_name} yn plismona' in welsh
    assert "gofynnwch am gael eich rhoi drwodd" in welsh and "ask to be put through" not in welsh
    assert 'hefyd anfon neges destun at <a href="tel:999"' in welsh
    listed = html.unescape(client.get("/cy/forces/").content.decode())
    assert f">{welsh_name}</a>" in listed
    english = html.unescape(client.get(f"/forces/{slug}/").content.decode())
    assert welsh_name not in english and "Police</h1>" in english


def test_a_force_with_no_welsh_text_keeps_its_english_marked_as_english(client):
    welsh = html.unescape(client.get("/cy/forces/kent/").content.decode())
    assert '<h1 class="heading-xl">Kent Police</h1>' in welsh
    assert '<p class="lead" lang="en-GB">' in welsh
    assert '<dd lang="en-GB">Relay UK' in welsh


def test_the_finder_and_the_chosen_force_use_the_welsh_name(client):
    found = html.unescape(client.get("/cy/forces/find/", {"q": "Caerdydd"}).content.decode())
    assert "Heddlu De Cymru" in found and "South Wales Police" not in found
    client.cookies[FORCE_COOKIE] = "gwent"
    embed = html.unescape(client.get("/embed/q/999/?lang=cy&force=gwent").content.decode())
    assert "South Wales Police" not in embed


def test_a_force_shown_in_welsh_is_never_saved_over_the_english():
    from forces.models import Force

    force = Force.objects.get(slug="gwent")
    shown = force.in_language("cy")
    assert shown.name == "Heddlu Gwent" and force.name == "Gwent Police"
    with pytest.raises(ValueError):
        shown.save()
    assert Force.objects.get(slug="gwent").name == "Gwent Police"
