"""A small grid over the ranking weights of faq/search/weights.py, on the DEVELOPMENT half only.

    DEBUG=1 .venv/bin/python benchmarks/tune_search.py [--database sqlite|postgresql]

Loads the starter content into a throwaway test database, reads each dev-half query of
benchmarks/real_queries.tsv once (plan and candidates), then re-orders the candidates under each
combination of weights and prints hit@1, hit@3 and MRR, best first. The held-out half is never
read here: search_quality.py reports it once the weights are chosen. The old 813 queries are
scored too, so a choice that helps strangers does not undo what our own queries find.
"""

import argparse
import itertools
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRID = {
    "RANK_ENGINE": [0.5, 1.0, 1.5],
    "RANK_COVERAGE": [0.5, 1.0],
    "RANK_TITLE": [1.0, 1.5, 2.0],
    "RANK_LINE": [0.0, 0.5, 1.0, 1.5, 2.0],
    "RANK_PHRASE": [0.2, 0.4],
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["RATE_LIMITS_ENABLED"] = "0"
    import django

    django.setup()
    import search_quality
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if connection.vendor != args.database:
        raise SystemExit(f"asked for {args.database}, DATABASE_URL gives {connection.vendor}")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_initial_data", stdout=open(os.devnull, "w"))
        dev = [
            (text, right)
            for half, kind, text, right in search_quality.read_real_queries()
            if half == "dev" and right
        ]
        old = [(text, right) for kind, text, right in search_quality.read_queries() if right]
        run_grid(prepare(dev), prepare(old), args.top)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def prepare(queries):
    """(plan, candidates, right answer pks) per query: read once, ordered many times."""
    from faq.models import Answer
    from faq.search import CANDIDATES, clean_query, engine, parse
    from faq.search.languages import get_language

    pk_of = dict(Answer.objects.values_list("number", "pk"))
    db = engine(get_language(None))
    prepared = []
    for text, right in queries:
        plan = parse(clean_query(text), engine=db)
        candidates = db.candidates(plan, CANDIDATES) if plan.searchable else []
        prepared.append((plan, candidates, {pk_of.get(n) for n in right}))
    return prepared


def score(prepared):
    from faq.search.ranking import rank

    hit1 = hit3 = mrr = 0.0
    for plan, candidates, right in prepared:
        order = rank(plan, candidates)[:10]
        position = next((i for i, pk in enumerate(order, 1) if pk in right), None)
        if position:
            hit1 += position == 1
            hit3 += position <= 3
            mrr += 1 / position
    n = len(prepared) or 1
    return hit1 / n, hit3 / n, mrr / n


def run_grid(dev, old, top):
    from faq.search import ranking

    names = list(GRID)
    saved = {name: getattr(ranking, name) for name in names}
    results = []
    for values in itertools.product(*(GRID[name] for name in names)):
        for name, value in zip(names, values, strict=True):
            setattr(ranking, name, value)
        results.append((score(dev), score(old), values))
    for name, value in saved.items():
        setattr(ranking, name, value)
    current = (score(dev), score(old), tuple(saved[name] for name in names))
    print(f"dev half: {len(dev)} queries; old set: {len(old)} queries")
    header = "  ".join(f"{name:>13}" for name in names)
    print(f"{header}   dev hit@1 hit@3   MRR   old hit@1 hit@3")
    for (d1, d3, dm), (o1, o3, _), values in [current, *sorted(results, reverse=True)[:top]]:
        row = "  ".join(f"{v:>13}" for v in values)
        print(f"{row}   {d1:9.3f} {d3:5.3f} {dm:5.3f}   {o1:9.3f} {o3:5.3f}")
    print("(first row: the weights in faq/search/weights.py now)")


if __name__ == "__main__":
    sys.exit(main())
