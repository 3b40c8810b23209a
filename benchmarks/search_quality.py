"""Search quality and speed on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/search_quality.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench \
        .venv/bin/python benchmarks/search_quality.py --set real --half dev --verbose

For each database (SQLite always; PostgreSQL when a server answers, at DATABASE_URL if it is a
PostgreSQL address, else BENCH_POSTGRES_URL, else 127.0.0.1:5432) it creates a throwaway test
database, loads the starter content and synonyms (`load_initial_data`) and runs two query sets
through faq.search, printing hit@1, hit@3 and MRR per kind and overall:

- benchmarks/search_queries.tsv, our own 813 queries: `kind<TAB>query<TAB>right answer numbers`
  (none for kind `unanswerable`). Targets: hit@3 >= 0.95, hit@1 >= 0.85.
- benchmarks/real_queries.tsv, issue 25's yardstick of real questions and strangers' queries:
  `half<TAB>kind<TAB>query<TAB>numbers or none<TAB>nation<TAB>source`, split once into a dev and
  a held-out half (benchmarks/README.md says how it was made). Each half is reported on its own;
  the targets are judged on the held-out half: hit@1 >= 0.85, hit@3 >= 0.95, and hit@3 >= 0.90
  for the dialect and nation kinds. `--verbose` never lists the held-out half's misses.
- benchmarks/new_answer_queries.tsv, the same format: queries written before issue 24's new
  answers existed, for the editors to label as those answers land; figures only, no targets.

For every query with no right answer it opens the search page through the test client and checks
that it offers "Submit a question". Then it adds 5,000 generated answers (`generate_demo_content`)
and prints the search time per query (p50, p99; target p99 <= 30 ms). Lines starting with # are
comments in both files.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).with_name("search_queries.tsv")
KINDS = ("question", "fragment", "slang", "typo", "nation", "unanswerable")
REAL_QUERIES = Path(__file__).with_name("real_queries.tsv")
# Queries written before issue 24's new answers existed; same format, reported on their own.
NEW_ANSWER_QUERIES = Path(__file__).with_name("new_answer_queries.tsv")
REAL_KINDS = ("real", "forum", "typed", "dialect", "nation", "unanswerable")
HALVES = ("dev", "held-out")
DEMO_ANSWERS = 5000
TIMING_ROUNDS = 3
TARGETS = {"hit@1": 0.85, "hit@3": 0.95, "p99_ms": 30.0}
# Issue 25: the kinds people outside England find hardest must each reach this hit@3.
KIND_HIT3_TARGETS = {"dialect": 0.90, "nation": 0.90}


def read_queries(path=QUERIES):
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] not in KINDS:
            raise SystemExit(f"{path.name}:{number}: expected kind<TAB>query<TAB>numbers")
        right = [int(n) for n in (parts[2] if len(parts) > 2 else "").split(",") if n.strip()]
        if (parts[0] == "unanswerable") != (not right):
            raise SystemExit(f"{path.name}:{number}: only unanswerable queries have no numbers")
        rows.append((parts[0], parts[1], right))
    return rows


def read_real_queries(path=REAL_QUERIES):
    """(half, kind, query, right answer numbers) for each row of the real-question set."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 6 or parts[0] not in HALVES or parts[1] not in REAL_KINDS:
            raise SystemExit(
                f"{path.name}:{number}: expected half<TAB>kind<TAB>query<TAB>numbers or none"
                "<TAB>nation<TAB>source"
            )
        half, kind, text, numbers = parts[:4]
        right = [] if numbers == "none" else [int(n) for n in numbers.split(",")]
        if kind == "unanswerable" and right:
            raise SystemExit(f"{path.name}:{number}: an unanswerable query has no numbers")
        rows.append((half, kind, text, right))
    return rows


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/search_bench"
        )
    parsed = urlparse(url)
    try:
        socket.create_connection((parsed.hostname, parsed.port or 5432), 2).close()
    except OSError:
        return None
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--verbose", action="store_true", help="list the misses (never the held-out half's)"
    )
    parser.add_argument("--no-speed", action="store_true", help="quality only (quicker)")
    parser.add_argument(
        "--set",
        choices=["old", "real", "new", "all"],
        default="all",
        dest="query_set",
        help="old: search_queries.tsv, real: real_queries.tsv, new: new_answer_queries.tsv, "
        "all: every one (the default)",
    )
    parser.add_argument(
        "--half", choices=[*HALVES, "both"], default="both", help="which half of real_queries"
    )
    args = parser.parse_args()
    options = {
        "verbose": args.verbose,
        "speed": not args.no_speed,
        "query_set": args.query_set,
        "half": args.half,
    }
    if args.database == "postgresql" and not os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    ):
        os.environ["DATABASE_URL"] = postgres_url() or ""
    if args.database:
        return run_one(args.database, **options)
    databases = {"sqlite": None}
    if url := postgres_url():
        databases["postgresql"] = url
    else:
        print("PostgreSQL not reachable: SQLite only.")
    failed = False
    for name, url in databases.items():
        # Loading the starter content is a one-off bulk job: no statement limit
        # (docs/threat-model.md).
        env = dict(os.environ, DEBUG="1", DB_STATEMENT_TIMEOUT="0")
        env.pop("DATABASE_URL", None)
        if url:
            env["DATABASE_URL"] = url
        command = [sys.executable, __file__, "--database", name]
        command += [
            f for f, on in (("--verbose", args.verbose), ("--no-speed", args.no_speed)) if on
        ]
        command += ["--set", args.query_set, "--half", args.half]
        failed |= subprocess.run(command, env=env, cwd=ROOT).returncode != 0
    return 1 if failed else 0


def run_one(name, *, verbose=False, speed=True, query_set="all", half="both"):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["RATE_LIMITS_ENABLED"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if connection.vendor != name:
        raise SystemExit(f"asked for {name}, but DATABASE_URL gives {connection.vendor}")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    passed = True
    try:
        call_command("load_initial_data", stdout=open(os.devnull, "w"))
        queries = read_queries()
        if query_set in ("old", "all"):
            print(f"\n== {name}: {len(queries)} queries over the starter content ==")
            passed &= report_quality(queries, verbose=verbose)
            passed &= report_unanswerable([q for k, q, _ in queries if k == "unanswerable"])
        for key, path, judge_targets in (
            ("real", REAL_QUERIES, True),
            ("new", NEW_ANSWER_QUERIES, False),
        ):
            if query_set in (key, "all"):
                passed &= report_halves(name, path, half, verbose, judge_targets)
        if speed:
            passed &= report_speed([q for _, q, _ in queries])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0 if passed else 1


def report_halves(database, path, half, verbose, judge_targets):
    """Each half of a real-question file, reported on its own. The targets are judged on the
    held-out half only (if `judge_targets`), and its misses are never listed."""
    passed = True
    rows = read_real_queries(path)
    for which in HALVES if half == "both" else (half,):
        chosen = [(k, q, right) for h, k, q, right in rows if h == which]
        print(f"\n== {database}: {path.name}, {which} half, {len(chosen)} queries ==")
        held_out = which == "held-out"
        passed &= report_quality(
            chosen,
            kinds=REAL_KINDS,
            verbose=verbose and not held_out,
            judged=held_out and judge_targets,
            kind_targets=KIND_HIT3_TARGETS,
        )
        passed &= report_unanswerable(
            [q for _, q, right in chosen if not right], label="no right answer", judged=held_out
        )
    return passed


def report_quality(queries, *, kinds=KINDS, verbose=False, judged=True, kind_targets=None):
    """Print hit@1, hit@3 and MRR per kind over the queries that have right answers; return
    whether the targets are met (always True when `judged` is False: figures only)."""
    from faq.search import search

    by_kind = defaultdict(list)
    misses = []
    for kind, text, right in queries:
        if not right:
            continue
        found = [hit.answer.number for hit in search(text, page_size=10).hits]
        rank = next((i for i, n in enumerate(found, 1) if n in right), None)
        by_kind[kind].append(rank)
        if rank != 1:
            misses.append((kind, text, right, found[:3]))
    print(f"{'kind':<14}{'queries':>8}{'hit@1':>8}{'hit@3':>8}{'MRR':>8}")
    every = []
    for kind in kinds:
        if kind in by_kind:
            every += by_kind[kind]
            print(_row(kind, by_kind[kind]))
    print(_row("overall", every))
    if verbose:
        for kind, text, right, found in misses:
            print(f"  miss [{kind}] {text!r}: want {right}, got {found}")
    if not judged:
        return True
    hit1, hit3 = _hit(every, 1), _hit(every, 3)
    ok = hit1 >= TARGETS["hit@1"] and hit3 >= TARGETS["hit@3"]
    wanted = [f"hit@1 >= {TARGETS['hit@1']}", f"hit@3 >= {TARGETS['hit@3']}"]
    for kind, least in (kind_targets or {}).items():
        ok &= _hit(by_kind[kind], 3) >= least
        wanted.append(f"{kind} hit@3 >= {least}")
    print(f"targets {', '.join(wanted)}: {_verdict(ok)}")
    return ok


def _hit(ranks, k):
    return sum(1 for r in ranks if r and r <= k) / len(ranks) if ranks else 0.0


def _row(label, ranks):
    mrr = sum(1 / r for r in ranks if r) / len(ranks) if ranks else 0.0
    return f"{label:<14}{len(ranks):>8}{_hit(ranks, 1):>8.3f}{_hit(ranks, 3):>8.3f}{mrr:>8.3f}"


def _verdict(ok):
    return "met" if ok else "NOT MET"


def report_unanswerable(queries, *, label="unanswerable", judged=True):
    """Open the search page for each query through the test client and count those that offer
    "Submit a question"; every one must."""
    from django.test import Client

    client = Client()
    offered = nothing = 0
    for text in queries:
        body = client.get("/search/", {"q": text}).content.decode()
        offered += "Submit a question" in body or "submit a question" in body
        nothing += "No answers matched" in body
    ok = offered == len(queries)
    verdict = f": {_verdict(ok)}" if judged else ""
    print(
        f"{label}: {len(queries)} queries, page offers “Submit a question” {offered}, "
        f"found nothing at all {nothing}{verdict}"
    )
    return ok or not judged


def report_speed(queries):
    from django.db import connection, reset_queries

    from faq.demo import generate_demo_content
    from faq.models import Answer
    from faq.search import search

    started = time.perf_counter()
    generate_demo_content(answers=DEMO_ANSWERS)
    if connection.vendor == "postgresql":  # as autovacuum would after such a load
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"{DEMO_ANSWERS} generated answers added in {time.perf_counter() - started:.0f} s")
    reference = []
    for number in list(Answer.objects.values_list("number", flat=True)[:300]):
        begun = time.perf_counter()
        Answer.objects.filter(number=number).first()
        reference.append((time.perf_counter() - begun) * 1000)
    for text in queries[:20]:  # warm the caches and the connection
        search(text)
    times = []
    for _ in range(TIMING_ROUNDS):
        for text in queries:
            reset_queries()
            begun = time.perf_counter()
            search(text)
            times.append((time.perf_counter() - begun) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p99 = times[int(len(times) * 0.99) - 1]
    ok = p99 <= TARGETS["p99_ms"]
    print(
        f"search time, {len(times)} searches: p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
        f"max {times[-1]:.1f} ms (target p99 <= {TARGETS['p99_ms']:.0f} ms: {_verdict(ok)})"
    )
    base = statistics.median(reference)
    print(
        f"reference, one answer by number: p50 {base:.2f} ms; search p50 = {p50 / base:.0f}x "
        f"that (the machine's load shows in both)"
    )
    return ok


if __name__ == "__main__":
    sys.exit(main())
