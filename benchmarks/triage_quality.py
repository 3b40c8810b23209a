"""How well `common.crisis.assess` recognises crisis and emergency intent.

    .venv/bin/python benchmarks/triage_quality.py            # both parts
    .venv/bin/python benchmarks/triage_quality.py --verbose  # and the dev part's mistakes

Reads the labelled set `common/data/crisis_texts.tsv` (see common/data/README.md) and prints,
for the development part (the rules were written against it) and the held-out part (fixed once
by seed 22, never used to write the rules) separately: recall and precision for each kind, and
for "any crisis" (flagged at all, whatever the kind). Targets on the held-out part: recall
>= 0.98 for danger now and self-harm, precision >= 0.90 for every kind. Exits 1 if one is missed.
"""

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import crisis

RECALL_TARGET = {crisis.DANGER: 0.98, crisis.SELF_HARM: 0.98}
PRECISION_TARGET = 0.90
ANY = "any crisis"


def score(rows):
    """{kind: (support, flagged, right)} for each kind and for any crisis, and the misses."""
    support, predicted, right, misses = Counter(), Counter(), Counter(), []
    for _group, _part, label, text in rows:
        found = crisis.assess(text)
        support[label] += 1
        predicted[found.kind] += 1
        right[label] += found.kind == label
        if label != crisis.NONE:
            support[ANY] += 1
            right[ANY] += bool(found)
        if found:
            predicted[ANY] += 1
        if found.kind != label:
            misses.append((label, found.kind, found.matched, text))
    kinds = [*crisis.KINDS, ANY]
    return {k: (support[k], predicted[k], right[k]) for k in kinds}, misses


def ratio(a, b):
    return a / b if b else float("nan")


def report(name, rows, *, verbose=False):
    table, misses = score(rows)
    print(f"\n{name}: {len(rows)} texts ({sum(r[2] != crisis.NONE for r in rows)} crisis)")
    print(f"  {'kind':<12} {'texts':>6} {'flagged':>8} {'recall':>8} {'precision':>10}")
    for kind, (support, flagged, right) in table.items():
        print(
            f"  {kind:<12} {support:>6} {flagged:>8} {ratio(right, support):>8.3f} "
            f"{ratio(right, flagged):>10.3f}"
        )
    if verbose:
        for label, got, matched, text in sorted(misses):
            print(f"    {label:>9} -> {got:<9} [{matched}] {text}")
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list the dev part's mistakes")
    args = parser.parse_args()
    rows = crisis.labelled_texts()
    started = time.perf_counter()
    report("development part", [r for r in rows if r[1] == "dev"], verbose=args.verbose)
    # The held-out part's mistakes are never printed: reading them would be tuning on it.
    held = report("held-out part", [r for r in rows if r[1] == "heldout"])
    per_text = (time.perf_counter() - started) / len(rows) * 1000
    print(
        f"\n{len(rows)} texts in {os.path.basename(crisis.LABELLED_TEXTS)}; {per_text:.3f} ms each"
    )
    failed = []
    for kind, (support, flagged, right) in held.items():
        if kind in RECALL_TARGET and ratio(right, support) < RECALL_TARGET[kind]:
            failed.append(f"{kind} recall {ratio(right, support):.3f} < {RECALL_TARGET[kind]}")
        if ratio(right, flagged) < PRECISION_TARGET:
            failed.append(f"{kind} precision {ratio(right, flagged):.3f} < {PRECISION_TARGET}")
    print("held-out targets: " + ("met" if not failed else "MISSED: " + "; ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
