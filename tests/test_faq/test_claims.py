"""The staff-only claims list: each checkable statement in an answer and the page that confirms
it. Read from the starter files, loaded, edited in the admin, kept by backup, never public."""

import datetime
import io
import json
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from faq.models import Answer, Claim
from faq.starter import STARTER_DIR, load_starter_content, parse_answer_file
from tests.factories import make_answer, make_user

pytestmark = pytest.mark.django_db

SPECS = [parse_answer_file(p) for p in sorted((STARTER_DIR / "answers").glob("*.txt"))]
# From this date every revised or new starter answer carries its claims list (issue 24).
CLAIMS_RULE_FROM = datetime.date(2026, 12, 7)
CORRECTED = [793, 447, 454, 1142, 782, 772, 1129, 160, 312, 764, 315, 956, 799]


def _spec(number):
    return next(s for s in SPECS if s.number == number)


def test_every_answer_reviewed_under_the_claims_rule_has_a_claims_list():
    ruled = [s for s in SPECS if s.reviewed and s.reviewed >= CLAIMS_RULE_FROM]
    assert {s.number for s in ruled} >= set(CORRECTED)
    for spec in ruled:
        assert spec.claims, f"Q{spec.number} was reviewed on {spec.reviewed} with no claims"
        for statement, url, words in spec.claims:
            assert statement and words, f"Q{spec.number}: an empty claim"
            assert urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname


def test_the_corrections_rest_on_the_claims_that_confirm_them():
    q793 = _spec(793)
    assault = next(li for li in q793.body.split("<li>") if "sexually assaulted" in li)
    assert "0800 148 88 88" in assault and "111" not in assault  # no longer sent to NHS 24
    assert any(
        "0800 148 88 88" in s and "0800 148 88 88" in w and "nhsinform.scot" in u
        for s, u, w in q793.claims
    )
    assert any("16 and over" in w for _, _, w in q793.claims)
    q447 = _spec(447)
    assert "headgear and footwear" in q447.body
    assert sum("headgear, footwear" in w for _, _, w in q447.claims) == 2  # JSA and TA


def test_a_claim_line_without_its_three_parts_is_a_bug_in_the_file(tmp_path):
    path = tmp_path / "q0999.txt"
    path.write_text(
        "Number: 999\nQuestion: Q?\nSummary: S.\nClaim: the number is 101 | https://x.test/\n\n<p>B</p>",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="a Claim needs"):
        parse_answer_file(path)


@pytest.fixture
def loaded():
    report = load_starter_content()
    assert report.problems == []
    return report


def test_claims_load_with_their_answers_in_order(loaded):
    spec = _spec(793)
    claims = list(Answer.objects.get(number=793).claims.all())
    assert [(c.statement, c.source_url, c.confirming_words) for c in claims] == spec.claims
    assert Claim.objects.count() == sum(len(s.claims) for s in SPECS)


def test_claims_come_onto_an_existing_copy_of_the_same_text_and_loading_again_adds_none(loaded):
    Claim.objects.filter(answer__number=447).delete()
    again = load_starter_content()
    assert again.claims_created == len(_spec(447).claims)
    assert load_starter_content().claims_created == 0
    assert Answer.objects.get(number=447).claims.count() == len(_spec(447).claims)


def test_an_older_copy_is_named_for_an_editor_and_never_overwritten(loaded):
    Answer.objects.filter(number=793).update(
        last_reviewed=datetime.date(2026, 12, 1), body="<p>The old text.</p>"
    )
    Claim.objects.filter(answer__number=793).delete()
    err = io.StringIO()
    call_command("load_initial_data", stdout=io.StringIO(), stderr=err)
    assert "Q793: the shipped text was revised on 07 December 2026" in err.getvalue()
    answer = Answer.objects.get(number=793)
    assert answer.body == "<p>The old text.</p>"
    assert not answer.claims.exists()  # the claims describe the new text, not this one


def test_claims_are_never_shown_on_the_page_or_in_the_api(client, loaded):
    answer = Answer.objects.get(number=793)
    Claim.objects.create(
        answer=answer,
        statement="STAFF-ONLY-statement-7f3a",
        source_url="https://staff-only.example/7f3a",
        confirming_words="STAFF-ONLY-words-7f3a",
        order=99,
    )
    page = client.get(answer.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/answers/{answer.number}/")
    feed = client.get("/feeds/latest/").content.decode()
    assert api.status_code == 200 and "claims" not in json.loads(api.content)
    for text in (page, api.content.decode(), feed):
        assert "7f3a" not in text
    for claim in answer.claims.all():  # the quoted words are the source's, never the page's
        assert claim.confirming_words not in page


def test_staff_see_and_publishers_edit_the_claims_list_in_the_admin(client):
    answer = make_answer(number=4242, question="Who do I call?")
    Claim.objects.create(
        answer=answer,
        statement="the number is 101",
        source_url="https://www.police.uk/",
        confirming_words="call 101",
    )
    url = f"/staff/faq/answer/{answer.pk}/change/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(make_user(role="staff"))
    assert client.get(url).status_code == 403
    client.force_login(make_user(role="editor"))  # a published answer: editors only read it
    body = client.get(url).content.decode()
    assert "Claims list (staff only)" in body and "the number is 101" in body
    client.force_login(make_user(role="publisher"))
    body = client.get(url).content.decode()
    assert 'name="claims-0-confirming_words"' in body  # editable, not only shown


def test_backup_keeps_the_claims(tmp_path, loaded):
    path = tmp_path / "content.json"
    call_command("export_content", str(path), stderr=io.StringIO())
    data = json.loads(path.read_text(encoding="utf-8"))
    row = next(a for a in data["answers"] if a["number"] == 447)
    assert [c["statement"] for c in row["claims"]] == [s for s, _, _ in _spec(447).claims]
    before = sorted(Claim.objects.values_list("answer__number", "statement", "source_url"))
    from tests.test_hardening.test_backup import empty_the_content

    empty_the_content()
    assert not Claim.objects.exists()
    call_command("import_content", str(path), stdout=io.StringIO())
    after = sorted(Claim.objects.values_list("answer__number", "statement", "source_url"))
    assert after == before
