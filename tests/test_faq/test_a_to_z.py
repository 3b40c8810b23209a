"""The A to Z: every published question by its first letter, reachable from the topics."""

import pytest

from faq.models import Status
from tests.factories import make_answer, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers():
    topic = make_topic(name="Reporting")
    return [
        make_answer(number=1, question="What is stalking?", topics=[topic]),
        make_answer(number=2, question="can I report online?", topics=[topic]),
        make_answer(number=3, question="“Cuckooing”: what is it?", topics=[topic]),
        make_answer(number=4, question="999 or 101?", topics=[topic]),
        make_answer(number=5, question="Zebra crossings", topics=[topic], status=Status.DRAFT),
    ]


def test_questions_grouped_by_first_letter(client, answers):
    html = client.get("/a-z/").content.decode()
    assert '<h1 class="heading-xl">A to Z of questions</h1>' in html
    c_group = html[html.index('id="letter-C"') : html.index('id="letter-W"')]
    assert c_group.index("can I report online?") < c_group.index("Cuckooing")
    assert "What is stalking?" in html[html.index('id="letter-W"') :]
    assert "999 or 101?" in html[html.index('id="letter-other"') :]


def test_letters_link_only_where_there_are_questions(client, answers):
    html = client.get("/a-z/").content.decode()
    assert '<a href="#letter-C">C</a>' in html and '<a href="#letter-W">W</a>' in html
    assert '<a href="#letter-B">' not in html and '<span class="a-to-z__empty">B</span>' in html


def test_drafts_are_not_listed(client, answers):
    assert "Zebra crossings" not in client.get("/a-z/").content.decode()


def test_an_edited_question_moves_to_its_new_letter(client, answers):
    from faq import workflow

    assert "can I report online?" in client.get("/a-z/?letter=C").content.decode()
    assert "All 2 questions" not in client.get("/a-z/").content.decode()
    answers[1].question = "Reporting online: can I?"
    workflow.save_answer(answers[1])
    assert "Reporting online" not in client.get("/a-z/?letter=C").content.decode()
    assert "Reporting online: can I?" in client.get("/a-z/?letter=R").content.decode()
    html = client.get("/a-z/").content.decode()
    assert "Reporting online: can I?" in html[html.index('id="letter-R"') :]
    assert '<a href="#letter-R">R</a>' in html


def test_answers_written_in_bulk_are_filed_by_their_letter(client, answers):
    from faq.models import Answer

    Answer.objects.bulk_create(
        [
            Answer(
                number=n,
                question=f"\u2018Quoted\u2019 question {n}?",
                slug=f"q{n}",
                summary="S.",
                body="<p>B.</p>",
                status=Status.PUBLISHED,
            )
            for n in (20, 21)
        ]
    )
    html = client.get("/a-z/?letter=Q").content.decode()
    assert "Quoted\u2019 question 20?" in html and "Quoted\u2019 question 21?" in html


@pytest.mark.parametrize("url", ["/topics/", "/topics/reporting/"])
def test_reachable_from_the_topics(client, answers, url):
    assert 'href="/a-z/"' in client.get(url).content.decode()


def test_linked_from_every_page_footer(client, answers):
    assert 'href="/a-z/"' in client.get("/").content.decode()


@pytest.fixture
def welsh_answers(answers):
    """Welsh versions of three answers (and one more answer), chosen to show the Welsh alphabet:
    ch after c, ll after l, ng a letter of its own (before h, m and n)."""
    from faq.models import AnswerTranslation

    topic = answers[0].primary_topic
    extra = [
        make_answer(number=n, question=f"English question {n}", topics=[topic])
        for n in (10, 11, 12, 13, 14, 15)
    ]
    welsh = {
        1: "Beth yw stelcian?",
        10: "Cymorth ar ôl trosedd",
        11: "Chwilio am fy heddlu",
        12: "Lôn fysiau: beth yw'r rheolau?",
        13: "Lladrad o gar",
        14: "Am faint mae'n rhaid aros?",
        15: "Angen help ar frys?",
    }
    for number, question in welsh.items():
        AnswerTranslation.objects.create(
            answer=next(a for a in [*answers, *extra] if a.number == number),
            language="cy",
            question=question,
            summary="Crynodeb.",
            body="<p>Ateb.</p>",
        )
    return welsh


def section(html, heading_id, next_id=None):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index(f'id="{next_id}"', start) if next_id else None]


def test_the_welsh_a_to_z_files_welsh_questions_by_the_welsh_alphabet(client, welsh_answers):
    import html as html_module

    page = html_module.unescape(client.get("/cy/a-z/").content.decode())
    assert '<html lang="cy">' in page
    # Ch and Ll are letters of their own, after C and L.
    assert "Cymorth ar ôl trosedd" in section(page, "letter-C", "letter-Ch")
    assert "Chwilio am fy heddlu" in section(page, "letter-Ch", "letter-L")
    assert "Lôn fysiau" in section(page, "letter-L", "letter-Ll")
    assert "Lladrad o gar" in section(page, "letter-Ll", "not-in-welsh")
    # ng is always one letter (the rule CLDR's Welsh collation uses): "Angen" before "Am".
    a_group = section(page, "letter-A", "letter-B")
    assert a_group.index("Angen help ar frys?") < a_group.index("Am faint mae")
    # The letters are the Welsh alphabet's: no K, Q, V, X or Z; Ch, Dd, Ng and the rest.
    nav = page[
        page.index('class="a-to-z__letters"') : page.index("</nav>", page.index("a-to-z__letters"))
    ]
    assert '<a href="#letter-Ch">Ch</a>' in nav and '<a href="#letter-Ll">Ll</a>' in nav
    assert '<span class="a-to-z__empty">Ng</span>' in nav and ">K<" not in nav
    assert [m for m in ("A", "B", "C", "Ch", "D", "Dd") if f">{m}<" in nav] == [
        "A", "B", "C", "Ch", "D", "Dd",
    ]  # fmt: skip
    # The Welsh questions lead to the Welsh pages and are not marked as English.
    assert 'href="/cy/q/1/what-is-stalking/">Beth yw stelcian?</a>' in page
    assert 'lang="en-GB"' not in section(page, "letter-A", "not-in-welsh")


def test_answers_without_a_welsh_version_are_listed_apart_in_english(client, welsh_answers):
    page = client.get("/cy/a-z/").content.decode()
    english = section(page, "not-in-welsh")
    assert "Ddim ar gael yn Gymraeg eto" in english
    assert '<ul class="list a-to-z__list" lang="en-GB">' in english
    # English alphabetical order; never filed under a Welsh letter.
    assert english.index("999 or 101?") < english.index("can I report online?")
    assert english.index("can I report online?") < english.index("Cuckooing")
    assert 'href="/cy/q/2/' in english
    assert "can I report online?" not in page[: page.index('id="not-in-welsh"')]
    assert 'href="#not-in-welsh"' in page  # said at the top, before the letters


def test_the_english_a_to_z_is_unchanged_by_welsh_versions(client, welsh_answers):
    page = client.get("/a-z/").content.decode()
    assert "Beth yw stelcian?" not in page and "not-in-welsh" not in page
    assert "What is stalking?" in section(page, "letter-W")
    assert 'lang="en-GB"' not in page.split("<main", 1)[1]


# English: each letter's first questions in one query, and how many each letter has (a count
# kept until an answer changes); Welsh: the Welsh versions, then the first answers without one.
# However many answers: tests/test_faq/test_scale.py.
@pytest.mark.parametrize(("path", "queries"), [("/a-z/", 2), ("/cy/a-z/", 2)])
def test_the_list_is_a_fixed_number_of_queries_in_either_language(
    client, welsh_answers, path, queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    listing = [q["sql"] for q in captured.captured_queries if '"faq_answer"' in q["sql"]]
    assert len(listing) == queries, listing


def test_the_ng_rule_and_accents():
    from faq import welsh_alphabet

    # ng is one letter even where a Welsh speaker hears n-g (Bangor): the documented rule.
    assert welsh_alphabet.letters("Bangor") == ["b", "a", "ng", "o", "r"]
    words = ["nos", "ngwlad", "golau", "hawl", "Ŵyr", "wal", "ysgol", "llys", "lôn"]
    assert sorted(words, key=welsh_alphabet.sort_key) == [
        "golau", "ngwlad", "hawl", "lôn", "llys", "nos", "wal", "Ŵyr", "ysgol",
    ]  # fmt: skip
    assert welsh_alphabet.first_letter("“Rhaid i mi?”") == "Rh"
    assert welsh_alphabet.first_letter("Kebab van") is None  # k is not a Welsh letter
