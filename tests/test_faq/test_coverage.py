"""The coverage map of the questions the public asks: the shipped file is sound and points only
at published answers, and the content report (command and admin) and the struggled-searches
report show the figures and the unanswered rows."""

import re

import pytest
from django.core.management import call_command

from faq import coverage
from faq.coverage import CoverageFileError, coverage_report, read_rows
from faq.starter import load_starter_content
from tests.factories import make_answer, make_user

pytestmark = pytest.mark.django_db

HEADER = "question,area,nations,source,answer,reason\n"
MAP = HEADER + (
    "How much is a shotgun certificate?,firearms,england-wales,https://a.example/1,270,\n"
    "Shotgun certificate fees in Scotland?,firearms,scotland,https://a.example/2,,\n"
    "How do I complain about the PSNI?,complaints,northern-ireland,https://a.example/3,603,\n"
    "Is a speed camera ticket a crime?,motoring,uk,https://a.example/4,Q920,\n"
    "Can my neighbour sue me for his fence?,neighbours,england-wales,https://a.example/5,"
    "out-of-scope,a civil claim between neighbours\n"
    "What does a draft say?,other,scotland,https://a.example/6,777,\n"
)


@pytest.fixture
def small_map(tmp_path, monkeypatch):
    path = tmp_path / "coverage.csv"
    path.write_text(MAP, encoding="utf-8")
    monkeypatch.setattr(coverage, "COVERAGE_FILE", path)
    for number, jurisdiction in ((270, "england-wales"), (603, "northern-ireland"), (920, "uk")):
        make_answer(number=number, question=f"Answer {number}?", jurisdiction=jurisdiction)
    make_answer(number=777, question="A draft?", status="draft")
    return path


def test_the_shipped_map_is_sound_and_names_only_published_answers():
    rows = read_rows()
    assert len(rows) >= 350
    questions = [re.sub(r"\W+", " ", r.question.lower()).strip() for r in rows]
    assert len(set(questions)) == len(questions), "a question is in the map twice"
    assert {"scotland", "northern-ireland", "england-wales"} <= {n for r in rows for n in r.nations}
    report = load_starter_content()
    assert not report.problems
    figures = coverage_report()
    assert figures.not_published == [], [
        (row.line, numbers) for row, numbers in figures.not_published
    ]
    assert figures.overall.answered > 0 and figures.unanswered


def test_shares_per_area_and_nation_count_uk_rows_everywhere_and_skip_out_of_scope(small_map):
    report = coverage_report()
    assert (report.overall.rows, report.overall.out_of_scope, report.overall.answered) == (6, 1, 3)
    assert report.overall.percent == 60.0
    nations = {s.label: (s.in_scope, s.answered) for s in report.per_nation}
    # England and Wales: 270 and the UK-wide 920 answered; the out-of-scope row is not counted.
    assert nations == {"England and Wales": (2, 2), "Scotland": (3, 1), "Northern Ireland": (2, 2)}
    areas = {s.label: (s.in_scope, s.answered, s.percent) for s in report.per_area}
    assert areas["Firearms and shotgun licensing"] == (2, 1, 50.0)
    assert areas["Neighbours, nuisance, land and public order"] == (0, 0, 0.0)
    assert [r.question for r in report.unanswered] == [
        "Shotgun certificate fees in Scotland?",
        "What does a draft say?",
    ]
    assert [(r.line, numbers) for r, numbers in report.not_published] == [(7, [777])]


def test_the_command_prints_the_shares(small_map, capsys):
    call_command("content_report")
    out = capsys.readouterr().out.split("Coverage map:", 1)[1]
    assert "6 questions the public asks, 1 out of scope; 3 of 5 in scope answered (60.0%)" in out
    assert "  Scotland: 1 of 3 (33.3%)" in out
    assert "  Firearms and shotgun licensing: 1 of 2 (50.0%)" in out
    assert "  line 7: What does a draft say? (Q777)" in out


def test_the_admin_shows_the_figures_and_lists_the_unanswered_rows(client, small_map):
    report_url = "/staff/faq/answer/content-report/"
    struggled_url = "/staff/faq/searchqueryday/"
    for url in (report_url, struggled_url):
        assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(make_user(role="staff"))
    for url in (report_url, struggled_url):
        assert client.get(url).status_code == 403
    client.force_login(make_user(role="editor"))
    body = client.get(report_url).content.decode()
    assert "3 of 5 in-scope questions (60.0%) have a published answer" in body
    assert "<td>Scotland</td><td>3</td><td>1</td><td>33.3%</td>" in body
    body = client.get(struggled_url).content.decode()
    assert "Questions the public asks that no answer covers yet (2)" in body
    assert "Shotgun certificate fees in Scotland?" in body and 'href="https://a.example/2"' in body
    assert "How much is a shotgun certificate?" not in body  # answered


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Q?,nowhere,scotland,https://a.example/,,", "unknown area 'nowhere'"),
        ("Q?,other,wales,https://a.example/,,", "unknown nation 'wales'"),
        ("Q?,other,scotland,a.example,,", "the source must be the page's address"),
        ("Q?,other,scotland,https://a.example/,out-of-scope,", "needs a reason"),
        ("Q?,other,scotland,https://a.example/,soon,", "must be Q-numbers"),
    ],
)
def test_a_malformed_row_is_refused_with_its_line(tmp_path, line, message):
    path = tmp_path / "coverage.csv"
    path.write_text(HEADER + "Fine?,other,uk,https://a.example/,,\n" + line + "\n")
    with pytest.raises(CoverageFileError, match=f"line 3: .*{re.escape(message)}"):
        read_rows(path)
