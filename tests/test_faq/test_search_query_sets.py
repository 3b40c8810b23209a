"""The search yardstick's query files (issue 25): every row parses through the benchmark's own
reader, every right answer it names is a starter answer, and no query is there twice."""

import importlib.util
from pathlib import Path

import pytest

from faq.starter import STARTER_DIR, parse_answer_file

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
STARTER_NUMBERS = {
    parse_answer_file(path).number for path in (STARTER_DIR / "answers").glob("*.txt")
}


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "search_quality", BENCHMARKS / "search_quality.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCHMARK = _benchmark()
FILES = [BENCHMARK.REAL_QUERIES, BENCHMARK.NEW_ANSWER_QUERIES]


def _normal(text):
    return " ".join(text.lower().split())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_right_answer_is_a_starter_answer(path):
    rows = BENCHMARK.read_real_queries(path)
    missing = {(text, n) for _, _, text, right in rows for n in right if n not in STARTER_NUMBERS}
    assert missing == set()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_half_holds_every_kind_it_has_rows_for(path):
    rows = BENCHMARK.read_real_queries(path)
    kinds = {kind for _, kind, _, _ in rows}
    for half in BENCHMARK.HALVES:
        in_half = {kind for h, kind, _, _ in rows if h == half}
        assert kinds - {"forum"} <= in_half, half


def test_the_yardstick_is_big_enough_and_labelled():
    rows = BENCHMARK.read_real_queries(BENCHMARK.REAL_QUERIES)
    assert len(rows) >= 600
    assert sum(1 for *_, right in rows if right) >= 500
    assert {kind for _, kind, _, _ in rows} == set(BENCHMARK.REAL_KINDS)


def test_no_query_is_written_twice_across_the_files():
    seen = {}
    for path in FILES:
        for _, _, text, _ in BENCHMARK.read_real_queries(path):
            assert _normal(text) not in seen, (text, path.name, seen.get(_normal(text)))
            seen[_normal(text)] = path.name


def test_a_malformed_row_is_refused(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# comment\ndev\treal\tno answers column\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad\.tsv:2"):
        BENCHMARK.read_real_queries(bad)
    bad.write_text("dev\tunanswerable\tweather\t111\t-\ttyped\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="unanswerable query has no numbers"):
        BENCHMARK.read_real_queries(bad)
