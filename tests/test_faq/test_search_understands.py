"""Issue 11: search that understands people, through the search page as a person sees it.

Runs on SQLite (FTS5) and on PostgreSQL (tsvector + pg_trgm) alike.
"""

import json
import re

import pytest
from django.urls import reverse

from faq import workflow
from faq.models import SearchOutcome, SearchQueryDay, SearchWord, Status, Synonym
from forces.choice import FORCE_COOKIE
from tests.factories import make_answer, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    answers = [
        make_answer(
            number=111,
            question="When should I call 999 and when should I call 101?",
            summary="Call 999 in an emergency, 101 otherwise.",
            body="<p>Call 999 when someone is in danger. Use 101 for anything else.</p>",
            keywords="emergency number, non-emergency number",
            jurisdiction="uk",
        ),
        make_answer(
            number=151,
            question="What is stalking?",
            summary="Repeated behaviour that makes you afraid.",
            body="<p>Stalking is a pattern of fixated, obsessive behaviour.</p>",
            keywords="being followed, watching me, turning up at my house",
        ),
        make_answer(
            number=158,
            question="What is the law on stalking in Scotland?",
            summary="Stalking is a crime under Scottish law.",
            body="<p>In Scotland stalking is an offence under section 39.</p>",
            keywords="stalking Scotland, Police Scotland",
            jurisdiction="scotland",
        ),
        make_answer(
            number=210,
            question="Is coercive control a crime?",
            summary="Controlling behaviour in a relationship can be a crime.",
            body="<p>Isolating you from friends or monitoring your phone can be coercive.</p>",
            keywords="controlling behaviour, isolating me",
        ),
        make_answer(
            number=497,
            question="What is harassment and what can I do about it?",
            summary="Unwanted behaviour that causes alarm or distress.",
            body="<p>Keep a diary of every incident of harassment.</p>",
            keywords="pestering, won't leave me alone",
        ),
        make_answer(
            number=733,
            question="What is the law on harassment in Northern Ireland?",
            summary="Harassment law for Northern Ireland.",
            body="<p>In Northern Ireland harassment is covered by a 1997 Order.</p>",
            keywords="harassment Northern Ireland, PSNI",
            jurisdiction="northern-ireland",
        ),
        make_answer(
            number=715,
            question="My phone has been lost or stolen: what should I do?",
            summary="Block the SIM and report it.",
            body="<p>Ring your network to block the SIM, then report the theft.</p>",
            keywords="stolen phone, mobile phone theft",
            jurisdiction="uk",
        ),
        make_answer(
            number=935,
            question="What is the drink-drive limit in England and Wales?",
            summary="80 mg of alcohol in 100 ml of blood.",
            body="<p>The limit is 80 milligrammes of alcohol in 100 millilitres of blood.</p>",
            keywords="drink driving, breathalyser",
        ),
        make_answer(
            number=936,
            question="What is the drink-drive limit in Scotland?",
            summary="50 mg of alcohol in 100 ml of blood.",
            body="<p>In Scotland the limit is 50 milligrammes of alcohol.</p>",
            keywords="drink driving Scotland, breathalyser",
            jurisdiction="scotland",
        ),
    ]
    return {a.number: a for a in answers}


def listed(client, query, **params):
    """The answer numbers on the search results page, in order."""
    body = client.get("/search/", {"q": query, **params}).content.decode()
    return [int(n) for n in re.findall(r'<span class="qnum">Q(\d+)</span>', body)]


def page(client, query, **params):
    return client.get("/search/", {"q": query, **params}).content.decode()


# Hard cases of each kind -------------------------------------------------------------------


def test_a_whole_question_in_everyday_words_finds_its_answer(client, site):
    assert listed(client, "my partner keeps monitoring my phone and isolating me")[0] == 210
    assert listed(client, "someone keeps turning up at my house and watching me")[0] == 151


def test_one_word_that_matches_nothing_never_empties_the_results(client, site):
    assert listed(client, "harassment quokkas")[0] == 497
    assert listed(client, "what is harassment and what can i do about my flibbertigibbet")[0] == 497


def test_a_fragment_finds_the_general_answer_before_the_nation_variant(client, site):
    numbers = listed(client, "drink drive limit")
    assert numbers[:2] == [935, 936]
    assert listed(client, "harassment")[:2] == [497, 733]


def test_slang_finds_the_legal_words_through_synonyms(client, site):
    Synonym.objects.create(term="nicked", replacements="stolen, theft")
    assert listed(client, "my phone got nicked")[0] == 715


def test_also_asked_phrasings_weigh_like_the_question(client, site):
    assert 497 not in listed(client, "neighbour feud")
    site[497].also_asked = "My neighbour feud is getting nasty\nSomeone keeps hassling me"
    workflow.save_answer(site[497])
    assert listed(client, "neighbour feud")[0] == 497


def test_a_nation_named_in_the_query_ranks_its_answers_first(client, site):
    assert listed(client, "drink drive limit scotland")[0] == 936
    assert listed(client, "harassment northern ireland")[0] == 733
    assert listed(client, "stalking scotland")[0] == 158
    assert listed(client, "drink drive limit wales")[0] == 935


def test_a_query_the_site_cannot_answer_offers_submit_a_question(client, site):
    body = page(client, "recipe for lasagne")
    assert "No answers matched" in body
    assert 'href="/ask/"' in body and "submit a question" in body
    assert (
        SearchQueryDay.objects.get(query="recipe for lasagne").outcome == SearchOutcome.NO_RESULTS
    )


# Typos -------------------------------------------------------------------------------------


def test_a_misspelt_word_is_corrected_with_a_link_to_search_instead(client, site):
    body = page(client, "stalkng")
    assert "Showing results for" in body
    assert '<a href="/search/?q=stalking">stalking</a>' in body
    assert '<a href="/search/?q=stalkng&amp;exact=1">stalkng</a>' in body
    assert listed(client, "stalkng")[0] == 151
    as_typed = page(client, "stalkng", exact="1")
    assert "Showing results for" not in as_typed and "No answers matched" in as_typed
    logged = SearchQueryDay.objects.get(query="stalkng", outcome=SearchOutcome.CORRECTED)
    assert logged.corrected_to == "stalking" and logged.count == 2


def test_a_transposed_typo_in_a_longer_query_is_corrected(client, site):
    assert listed(client, "harrasment at work")[0] == 497
    assert "Showing results for" in page(client, "harrasment at work")


def test_numbers_q_numbers_and_real_words_are_never_corrected(client, site):
    assert "Showing results for" not in page(client, "Q4040")
    body = page(client, "stalkng 9999")
    assert '<a href="/search/?q=stalking%209999">stalking 9999</a>' in body
    # An ordinary English word the site does not use is left alone.
    assert "Showing results for" not in page(client, "weather stalking")


def test_a_word_of_a_synonym_term_in_the_query_is_not_corrected(client, site):
    # "clairs" is close to "claims"; as part of the editors' term "clairs law" it is no typo.
    make_answer(number=209, question="What is Clare's Law?", keywords="domestic violence")
    make_answer(number=759, question="How do I make claims for compensation?")
    assert "Showing results for" in page(client, "clairs compensation")
    Synonym.objects.create(term="clairs law", replacements="clare's law")
    body = page(client, "clairs law")
    assert "Showing results for" not in body
    assert listed(client, "clairs law")[0] == 209


def test_got_as_people_type_it_does_not_outweigh_the_word_that_matters(client, site):
    # The only answer holding "got" must not come first for "got stalked".
    make_answer(number=620, question="I got a parking ticket", body="<p>Pay or appeal it.</p>")
    assert listed(client, "got stalked")[0] == 151
    assert 620 not in listed(client, "got stalked")


def test_correction_only_uses_published_words(client, site):
    make_answer(question="Draft about zeppelins", status=Status.DRAFT)
    assert "Showing results for" not in page(client, "zepelins")


# Synonyms kept by editors ------------------------------------------------------------------


def test_a_synonym_added_in_the_admin_takes_effect_at_once(client, site):
    assert listed(client, "my blower") == []
    client.force_login(make_user(role="editor"))
    response = client.post(
        reverse("admin:faq_synonym_add"), {"term": "Blower", "replacements": "phone, mobile"}
    )
    assert response.status_code == 302
    client.logout()
    assert listed(client, "my blower")[0] == 715
    assert Synonym.objects.get().term == "blower"


def test_a_changed_synonym_changes_results_already_cached(client, site):
    synonym = Synonym.objects.create(term="kecks", replacements="diary")
    assert listed(client, "kecks") == [497]
    synonym.replacements = "breathalyser"
    synonym.save()
    assert listed(client, "kecks")[:2] == [935, 936]


# Place-aware ranking -----------------------------------------------------------------------


def test_the_visitors_force_ranks_its_jurisdiction_first(client, site):
    assert listed(client, "harassment")[0] == 497
    client.cookies[FORCE_COOKIE] = "psni"
    assert listed(client, "harassment")[0] == 733
    client.cookies[FORCE_COOKIE] = "police-scotland"
    assert listed(client, "stalking")[0] == 158
    assert listed(client, "drink drive limit")[0] == 936
    client.cookies[FORCE_COOKIE] = "thames-valley"
    assert listed(client, "stalking")[0] == 151
    assert listed(client, "drink drive limit")[0] == 935


def test_a_nation_in_the_query_wins_over_the_chosen_force(client, site):
    client.cookies[FORCE_COOKIE] = "police-scotland"
    assert listed(client, "drink drive limit england")[0] == 935


# Suggestions -------------------------------------------------------------------------------


def test_suggestions_are_json_questions_matching_what_is_typed(client, site):
    response = client.get("/search/suggest/", {"q": "stalk"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    # What is being typed is kept by no browser (issue 22): the quick exit leaves no trace of it.
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["query"] == "stalk"
    first = data["suggestions"][0]
    assert first == {
        "number": 151,
        "question": "What is stalking?",
        "url": "/q/151/what-is-stalking/",
    }
    assert {s["number"] for s in data["suggestions"]} == {151, 158}


def test_suggestions_for_too_little_text_are_empty(client, site):
    data = json.loads(client.get("/search/suggest/", {"q": "s"}).content)
    assert data == {"query": "s", "suggestions": []}


def test_suggestions_never_carry_markup(client, site):
    make_answer(question='Is <script>alert("x")</script> & "quoting" a crime?', keywords="xss")
    response = client.get("/search/suggest/", {"q": '<b>xss</b> "'})
    raw = response.content.decode()
    assert "<" not in raw and ">" not in raw
    data = json.loads(raw)
    assert data["query"] == '<b>xss</b> "'
    assert data["suggestions"][0]["question"].startswith("Is <script>")


def test_suggestions_are_rate_limited(client, site):
    for _ in range(120):
        assert client.get("/search/suggest/", {"q": "stalk"}).status_code == 200
    response = client.get("/search/suggest/", {"q": "stalk"})
    assert response.status_code == 429
    assert "error" in json.loads(response.content)


# The index stays in step -------------------------------------------------------------------


def test_publishing_adds_an_answer_to_the_index(client, site):
    draft = make_answer(number=900, question="What is a quiz machine licence?", status="draft")
    assert 900 not in listed(client, "quiz machine")
    workflow.publish(draft, by=make_user(role="publisher"))
    assert listed(client, "quiz machine")[0] == 900
    assert listed(client, "quiz machne")[0] == 900  # and its words to the vocabulary


def test_editing_replaces_the_old_words(client, site):
    answer = site[715]
    answer.question = "My bicycle has been taken: what should I do?"
    answer.keywords = "bike theft"
    workflow.save_answer(answer)
    assert listed(client, "bicycle")[0] == 715
    assert 715 not in listed(client, "lost or stolen phone")[:1]
    assert SearchWord.objects.get(word="bicycle").answers == 1


def test_archiving_takes_an_answer_out_of_the_index(client, site):
    workflow.archive(site[497], by=make_user(role="publisher"))
    assert 497 not in listed(client, "harassment")
    assert SearchWord.objects.get(word="pestering").answers == 0
    assert "Showing results for" not in page(client, "pesterng")


def test_merging_leaves_only_the_answer_merged_into(client, site):
    workflow.merge(site[158], site[151], by=make_user(role="publisher"))
    numbers = listed(client, "stalking scotland")
    assert 158 not in numbers and 151 in numbers
    assert listed(client, "stalking") == [151]


def test_topic_names_are_searched_and_follow_topic_changes(client, site):
    from tests.factories import make_topic

    topic = make_topic(name="Wildlife crime")
    before = list(site[151].topics.all())
    workflow.save_answer(site[151], topics=[*before, topic])
    assert listed(client, "wildlife")[0] == 151
    workflow.save_answer(site[151], topics=before)
    assert 151 not in listed(client, "wildlife")


# The question form's similar answers --------------------------------------------------------


def test_the_question_form_offers_answers_found_by_their_also_asked_phrasings(client, site):
    from tests.test_questions.test_ask import hidden

    site[210].also_asked = "He reads all my messages and tells me who I can see"
    workflow.save_answer(site[210])
    form = client.get("/ask/")
    response = client.post(
        "/ask/",
        {
            "question": "He reads all my messages, what can I do?",
            "started": hidden(form, "started"),
        },
    )
    assert "Is coercive control a crime?" in response.content.decode()
